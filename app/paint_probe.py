"""Server-side timings for the first-paint benchmark: loaded into a benchmark's Streamlit process only.

`python -m app.paint_probe LOG run dashboard.py ...` starts Streamlit like `streamlit run`, after wrapping the
script runner, the cached queries, the figure builders and st.plotly_chart with timers. Each script run appends one
JSON line to LOG: total run time, time until the first chart was handed to the browser, and query, figure-build and
chart-serialisation time (in all, and before the first chart).
"""

from __future__ import annotations

import functools
import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_runs = threading.local()


def _state() -> dict[str, Any] | None:
    return getattr(_runs, "current", None)


def _timed(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = _state()
        if state is None or state.get("inside"):
            return function(*args, **kwargs)
        state["inside"] = True
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            ms = (time.perf_counter() - start) * 1000
            state["inside"] = False
            state[kind] += ms
            if state["first_chart"] is None:
                state[f"{kind}_before"] += ms
            if kind == "chart" and state["first_chart"] is None:
                state["first_chart"] = (time.perf_counter() - state["start"]) * 1000
    return wrapper


def install(log: str) -> None:
    """Wrap the timed parts; every script run appends its timings to log."""
    import plotly.graph_objects as go
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.scriptrunner import script_runner

    original_run = script_runner.ScriptRunner._run_script
    lock = threading.Lock()
    patched: list[bool] = []

    @functools.wraps(original_run)
    def run_script(self: Any, rerun_data: Any) -> None:
        with lock:
            if not patched:
                # Imported once the runtime exists, so the app's caches are the server's real ones.
                _patch_app(go)
                patched.append(True)
        _runs.current = {"start": time.perf_counter(), "first_chart": None, "inside": False, "page": "",
                         **{k: 0.0 for k in ("query", "build", "chart", "query_before", "build_before",
                                             "chart_before")}}
        try:
            original_run(self, rerun_data)
        finally:
            state = _runs.current
            _runs.current = None
            state.pop("inside")
            state["page"] = getattr(rerun_data, "page_name", "") or ""
            state["total"] = (time.perf_counter() - state.pop("start")) * 1000
            with lock, open(log, "a", encoding="utf-8") as out:
                out.write(json.dumps(state) + "\n")

    script_runner.ScriptRunner._run_script = run_script
    DeltaGenerator.plotly_chart = _timed("chart", DeltaGenerator.plotly_chart)
    st.plotly_chart = _timed("chart", st.plotly_chart)  # bound to the main container when streamlit was imported


def _patch_app(go: Any) -> None:
    try:
        from app import cached, charts
    except ImportError:  # a script outside this project (the bare baseline)
        return
    cached.run = _timed("query", cached.run)
    for name in dir(charts):
        value = getattr(charts, name)
        if callable(value) and getattr(value, "__module__", "") == charts.__name__ and not name.startswith("_") \
                and getattr(value, "__annotations__", {}).get("return") in ("go.Figure", go.Figure):
            setattr(charts, name, _timed("build", value))


def main() -> None:
    log = sys.argv[1]
    install(log)
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[2:]]
    streamlit_main()


if __name__ == "__main__":
    main()

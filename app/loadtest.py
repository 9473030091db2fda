"""Load test of concurrent viewers: `python -m app.loadtest --viewers 10 25 50 --duration 60`.

Each simulated viewer is a real Streamlit session: it speaks the browser's websocket protocol (protobuf BackMsg and
ForwardMsg on /_stcore/stream), opens a page, then changes the regional-group filter every few seconds and times
how long the server takes to send the new figures (from the rerun request to the end of the script run, every
plotly chart received). Loopback only; bounded in viewers and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import random
import statistics
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from app import local_server

GROUPS = ["African States", "Asia-Pacific States", "Eastern European States",
          "Latin American and Caribbean States", "Western European and other States"]
PAGES = ["overview", "chapters", "regions", "types"]
FILTER_KEY = "filter_groups"
TARGET_P95_MS = {25: 1000}
RUN_TIMEOUT = 60
MEMORY_GROWTH = 0.10  # flat: the last third of a round holds at most 10 % more than the middle third


@dataclass
class Run:
    """What one script run sent back."""

    ms: float
    charts: int
    errors: list[str]
    text: str = ""


@dataclass
class Results:
    """Everything the viewers measured in one round."""

    change_ms: list[float] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changes: int = 0


class Viewer:
    """One browser tab's worth of Streamlit session, over a websocket."""

    def __init__(self, base: str, page: str) -> None:
        self.base = base.rstrip("/")
        self.page = page
        self.widgets: dict[str, object] = {}
        self.filter_id: str | None = None
        self.ws = None

    def _cookie(self) -> str:
        # The page load a browser makes first: behind the proxy it sets the affinity cookie, kept for the socket.
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{self.base}/{self.page}", timeout=30) as response:
            response.read()
        return "; ".join(f"{c.name}={c.value}" for c in jar)

    async def open(self) -> Run:
        cookie = await asyncio.to_thread(self._cookie)
        url = urlparse(self.base)
        headers = {"Cookie": cookie} if cookie else {}
        self.ws = await websockets.connect(f"ws://{url.netloc}{url.path}/_stcore/stream", subprotocols=["streamlit"],
                                           additional_headers=headers, max_size=None, open_timeout=30,
                                           ping_interval=None, origin=f"http://{url.netloc}")
        return await self.rerun()

    async def rerun(self) -> Run:
        """Ask for a script run with the current widget values; wait for it to finish."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = self.page
        for widget_id, value in self.widgets.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_array_value.data.extend(value)  # type: ignore[arg-type]
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        charts, errors, texts = 0, [], []
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "plotly_chart":
                    charts += 1
                elif which == "markdown":
                    texts.append(element.markdown.body)
                elif which == "exception":
                    errors.append(f"{self.page}: {element.exception.type}: {element.exception.message[:200]}")
                elif which == "multiselect" and element.multiselect.id.endswith(FILTER_KEY):
                    self.filter_id = element.multiselect.id
            elif kind == "script_finished":
                if forward.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                               ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return Run((time.perf_counter() - start) * 1000, charts, errors, "\n".join(texts))
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return Run((time.perf_counter() - start) * 1000, charts, errors + [f"{self.page}: compile error"])

    async def change_filter(self, rng: random.Random) -> Run:
        if self.filter_id is None:
            raise RuntimeError(f"{self.page}: no regional-group filter seen")
        chosen = rng.sample(GROUPS, rng.randint(1, 2))
        self.widgets[self.filter_id] = chosen
        run = await self.rerun()
        # The page states its scope ("Showing African States."): proof the server applied this viewer's filter.
        if not all(group in run.text for group in chosen):
            run.errors.append(f"{self.page}: the page does not show the filter just chosen ({', '.join(chosen)})")
        return run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def _viewer(index: int, base: str, deadline: float, interval: float, results: Results,
                  start_by: float) -> None:
    rng = random.Random(index)
    # Viewers arrive over the first seconds, as a hall opening a shared link does, not in one instant.
    await asyncio.sleep(rng.uniform(0, start_by))
    viewer = Viewer(base, PAGES[index % len(PAGES)])
    try:
        opened = await viewer.open()
        results.open_ms.append(opened.ms)
        results.errors += opened.errors
        changed = False
        while not changed or time.monotonic() < deadline:  # at least one change each, even on a slow start
            await asyncio.sleep(rng.uniform(0.5, 1.5) * interval)
            if changed and time.monotonic() >= deadline:
                break
            changed = True
            run = await viewer.change_filter(rng)
            results.changes += 1
            results.errors += run.errors
            if run.charts == 0:
                results.errors.append(f"{viewer.page}: a filter change drew no chart")
            results.change_ms.append(run.ms)
    except Exception as exc:  # noqa: BLE001 - every failure of a viewer is a result to report, not a crash
        results.errors.append(f"viewer {index} on {viewer.page}: {type(exc).__name__}: {exc}"[:300])
    finally:
        with contextlib.suppress(Exception):
            await viewer.close()


def _sample_memory(pids: list[int], stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    start = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - start, sum(local_server.rss_mb(pid) for pid in pids)))
        stop.wait(1.0)


def run_round(base: str, viewers: int, duration: float, interval: float, pids: list[int]) -> dict[str, object]:
    """K viewers for `duration` seconds against base; returns the figures of the round."""
    results = Results()
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(pids, stop, samples), daemon=True)
    sampler.start()

    async def main() -> None:
        deadline = time.monotonic() + duration
        start_by = min(5.0, duration / 4)
        await asyncio.gather(*(_viewer(i, base, deadline, interval, results, start_by) for i in range(viewers)))

    try:
        asyncio.run(main())
    finally:
        stop.set()
        sampler.join()
    ms = sorted(results.change_ms)
    mem = [m for _, m in samples]
    third = max(1, len(mem) // 3)
    return {
        "viewers": viewers, "changes": results.changes, "errors": results.errors,
        "p50": statistics.median(ms) if ms else float("nan"),
        "p95": ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else float("nan"),
        "open_p50": statistics.median(results.open_ms) if results.open_ms else float("nan"),
        "rss_start": mem[0] if mem else 0.0, "rss_max": max(mem, default=0.0),
        # Flat memory: the last third of the run holds no more than the middle third (caches are bounded).
        "rss_mid": statistics.mean(mem[third:2 * third]) if len(mem) >= 3 else 0.0,
        "rss_end": statistics.mean(mem[2 * third:]) if len(mem) >= 3 else 0.0,
    }


def report(rows: list[dict[str, object]], label: str) -> list[str]:
    """The table of a series of rounds, with the targets."""
    lines = [f"{label}", f"{'viewers':>7} {'changes':>7} {'p50 ms':>7} {'p95 ms':>7} {'open ms':>7} {'errors':>6} "
             f"{'RSS MB start/max':>17} {'mid/end third':>14}"]
    for r in rows:
        lines.append(f"{r['viewers']:>7} {r['changes']:>7} {r['p50']:>7.0f} {r['p95']:>7.0f} {r['open_p50']:>7.0f} "
                     f"{len(r['errors']):>6} {r['rss_start']:>8.0f}/{r['rss_max']:<8.0f} "
                     f"{r['rss_mid']:>6.0f}/{r['rss_end']:<7.0f}")
    for r in rows:
        target = TARGET_P95_MS.get(r["viewers"])
        if target is not None:
            lines.append(f"target p95 < {target} ms at {r['viewers']} viewers: "
                         f"{'met' if r['p95'] < target else 'MISSED'} ({r['p95']:.0f} ms)")
    worst = max(rows, key=lambda r: r["viewers"])
    lines.append(f"target no errors at {worst['viewers']} viewers: {'met' if not worst['errors'] else 'MISSED'} "
                 f"({len(worst['errors'])})")
    growths = [(r["viewers"], r["rss_end"] / r["rss_mid"] - 1) for r in rows if r["rss_mid"]]
    if growths:
        flat = all(growth < MEMORY_GROWTH for _, growth in growths)
        lines.append("memory from the middle to the last third of each round: "
                     + ", ".join(f"{growth:+.0%} at {k}" for k, growth in growths)
                     + f" ({'flat' if flat else 'GROWING'}, limit +{MEMORY_GROWTH:.0%})")
    for r in rows:
        for error in sorted(set(r["errors"]))[:5]:
            lines.append(f"  error at {r['viewers']} viewers: {error}")
    return lines


def _warehouse(folder: Path, needs: int) -> Path:
    from app import bench

    return bench.build(folder / "loadtest.duckdb", needs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, nargs="+", default=[10, 25, 50], help="viewers per round")
    parser.add_argument("--duration", type=float, default=60, help="seconds per round (600 for the memory check)")
    parser.add_argument("--interval", type=float, default=4, help="mean seconds between a viewer's filter changes")
    parser.add_argument("--url", help="test a running dashboard (loopback only) instead of starting one")
    parser.add_argument("--pid", type=int, nargs="*", default=[], help="server processes to measure with --url")
    parser.add_argument("--replicas", type=int, default=0,
                        help="start this many replicas behind nginx (as `dev.sh serve`) instead of one process")
    parser.add_argument("--warehouse", type=Path, help="warehouse to serve (default: a synthetic one of --needs)")
    parser.add_argument("--needs", type=int, default=10_000, help="needs in the synthetic warehouse")
    args = parser.parse_args(argv)
    if max(args.viewers) > 100 or args.duration > 1800:
        parser.error("bounded: at most 100 viewers and 1800 s per round")
    print(local_server.machine_load())
    with tempfile.TemporaryDirectory(prefix="ta-loadtest-") as tmp:
        folder = Path(tmp)
        if args.url:
            host = urlparse(args.url).hostname
            if host not in ("127.0.0.1", "localhost", "::1"):
                parser.error("loopback only: --url must be on 127.0.0.1")
            rows = [run_round(args.url, k, args.duration, args.interval, args.pid) for k in args.viewers]
            label = f"{args.url}"
        else:
            from app import serve

            warehouse = args.warehouse or _warehouse(folder, args.needs)
            replicas = max(1, args.replicas)
            with serve.running(replicas, folder / "run", warehouse, proxy=args.replicas > 0) as site:
                rows = [run_round(site.url, k, args.duration, args.interval, site.pids) for k in args.viewers]
            label = (f"{replicas} replica(s) behind nginx" if args.replicas else "one Streamlit process") + \
                f", {args.duration:.0f} s per round, filter change every ~{args.interval:.0f} s per viewer"
        print("\n".join(report(rows, label)))
    print(local_server.machine_load())
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())

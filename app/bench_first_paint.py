"""First-paint benchmark: `python -m app.bench_first_paint` (also `python -m app.bench --first-paint`).

Opens each page in headless Chromium, each visit in a freshly started browser (a delegate's first visit: nothing
cached, not even compiled JavaScript), and times navigation to the first plotly chart drawn. The baseline is a bare
Streamlit page with two plotly bar charts, served and opened the same way in the same run, so the ratio holds even on
a busy machine.
Where the time goes: the browser's Performance API (HTML, JavaScript start, websocket, JS chunks loaded) and the
server's own timings from app.paint_probe (script run to the first chart, queries, figure builds, serialisation).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from app import local_server

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "chapters", "regions", "types"]
TARGET_RATIO = 1.3
BARE_APP = '''"""Baseline: a bare Streamlit page with two plotly bar charts."""
import plotly.graph_objects as go
import streamlit as st

st.title("Bare page")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c", "d", "e"], y=[5, 3, 4, 1, 2])), key="one")
st.plotly_chart(go.Figure(go.Bar(x=["f", "g", "h"], y=[2, 6, 3])), key="two")
'''
# Runs in the page before any of its scripts: notes when the websocket opens and talks, and when a chart is drawn.
PROBE_JS = r"""
(() => {
  const p = window.__paint = {msgs: 0, bytes: 0};
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes('_stcore/stream')) return;
      p.wsCreated = p.wsCreated ?? performance.now();
      this.addEventListener('open', () => { p.wsOpen = p.wsOpen ?? performance.now(); });
      this.addEventListener('message', (e) => {
        if (p.drawn !== undefined) return;
        p.firstMsg = p.firstMsg ?? performance.now();
        p.msgs += 1;
        p.bytes += e.data.byteLength ?? e.data.size ?? e.data.length ?? 0;
      });
    }
  }
  window.WebSocket = Watched;
  // Live collections: checking them on every change of the page costs nothing, unlike a selector query, which
  // would slow pages with more elements more than the bare page.
  const drawn = ['trace', 'hm', 'geo'].map((name) => document.getElementsByClassName(name));
  const seen = () => {
    if (p.seen === undefined && drawn.some((found) => found.length > 0)) {
      p.seen = performance.now();
      // How many of the page's charts were drawn by then: plotly.js draws every chart that is ready in one go.
      p.charts = [...document.getElementsByClassName('js-plotly-plot')]
        .filter((chart) => drawn.some((found) => [...found].some((el) => chart.contains(el)))).length;
      requestAnimationFrame(() => { p.drawn = performance.now(); });
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
})();
"""
COLLECT_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const chunks = performance.getEntriesByType('resource')
    .filter(r => r.initiatorType === 'script' || r.name.endsWith('.js'))
    .map(r => ({name: r.name.split('/').pop(), end: r.responseEnd, bytes: r.decodedBodySize,
                wire: r.encodedBodySize}));
  return {...window.__paint, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, chunks};
}
"""


def _chunk_name(name: str) -> str:
    """index.DormvYxC.js -> index: the component a lazily loaded chunk holds, without its content hash."""
    return re.sub(r"\.[A-Za-z0-9_-]{6,10}\.js$", "", name)


def _server_runs(log: Path, offset: int) -> tuple[list[dict], int]:
    if not log.exists():
        return [], offset
    text = log.read_text(encoding="utf-8")
    return [json.loads(line) for line in text[offset:].splitlines() if line.strip()], len(text)


def visit(pw: object, url: str, timeout_ms: int = 90_000) -> dict:
    """One first visit in a freshly started browser (no HTTP or code cache): its timings, in ms from navigation."""
    browser = pw.chromium.launch(executable_path=local_server.CHROMIUM, headless=True,
                                 args=local_server.CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function("() => window.__paint && window.__paint.drawn !== undefined", timeout=timeout_ms,
                               polling=20)
        return page.evaluate(COLLECT_JS)
    finally:
        context.close()
        browser.close()


def measure(urls: dict[str, str], logs: dict[str, Path], runs: int) -> dict[str, list[dict]]:
    """runs visits to every URL, interleaved so a burst of load elsewhere hits all pages alike."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {name: [] for name in urls}
    offsets = {log: 0 for log in logs.values()}  # the dashboard's pages share one server, so one log
    with sync_playwright() as pw:
        for round_ in range(runs + 1):
            for name, url in urls.items():
                timing = visit(pw, url)
                time.sleep(0.3)  # the rest of the page's run reaches the probe log
                server, offsets[logs[name]] = _server_runs(logs[name], offsets[logs[name]])
                if round_ == 0:
                    continue  # warm-up: the server's first run of each page and its caches
                drawing = [r for r in server if r.get("first_chart") is not None]
                timing["server"] = drawing[0] if drawing else {}
                timing["server_runs"] = len(server)
                results[name].append(timing)
    return results


def _median(values: list[float]) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def summarise(results: dict[str, list[dict]], baseline: str = "bare") -> list[dict]:
    """Median per page of every part of the first paint, and the ratio to the bare page."""
    rows = []
    for name, visits in results.items():
        def med(key: str, visits: list[dict] = visits) -> float:
            return _median([v.get(key) for v in visits])

        def server(key: str, visits: list[dict] = visits) -> float:
            return _median([v["server"].get(key) for v in visits if v.get("server")])

        chunk_sets = [[c for c in v["chunks"] if c["end"] <= v["drawn"]] for v in visits]
        chunks = sorted({_chunk_name(c["name"]) for cs in chunk_sets for c in cs})
        rows.append({
            "page": name, "drawn": med("drawn"), "html": med("html"), "ws": med("wsCreated"),
            "first_msg": med("firstMsg"), "to_chart": server("first_chart"), "query": server("query_before"),
            "build": server("build_before"), "serialise": server("chart_before"), "run": server("total"),
            "msgs": med("msgs"), "kb": med("bytes") / 1024, "charts": med("charts"),
            "js_kb": _median([sum(c["bytes"] for c in cs) for cs in chunk_sets]) / 1024,
            "wire_kb": _median([sum(c.get("wire", c["bytes"]) for c in cs) for cs in chunk_sets]) / 1024,
            "chunks": chunks, "runs": len(visits), "script_runs": med("server_runs"),
        })
    base = next(r for r in rows if r["page"] == baseline)
    for r in rows:
        r["ratio"] = r["drawn"] / base["drawn"]
        # What the browser does after the chart's message arrived: loading and running plotly, laying out the page.
        r["browser"] = r["drawn"] - r["first_msg"] - (r["to_chart"] if r["to_chart"] == r["to_chart"] else 0)
    return rows


def report(rows: list[dict]) -> list[str]:
    base = next(r for r in rows if r["page"] == "bare")
    lines = [f"{'page':<14} {'drawn ms':>8} {'ratio':>5} | {'html':>5} {'js→ws':>6} {'1st msg':>7} | "
             f"{'srv→chart':>9} {'query':>6} {'build':>6} {'serial':>6} {'run':>6} | {'msgs':>4} {'KB':>5} | "
             f"{'browser':>7} {'JS KB':>6} {'sent':>5} {'charts':>6}"]
    for r in rows:
        lines.append(f"{r['page']:<14} {r['drawn']:>8.0f} {r['ratio']:>5.2f} | {r['html']:>5.0f} {r['ws']:>6.0f} "
                     f"{r['first_msg']:>7.0f} | {r['to_chart']:>9.0f} {r['query']:>6.0f} {r['build']:>6.0f} "
                     f"{r['serialise']:>6.0f} {r['run']:>6.0f} | {r['msgs']:>4.0f} {r['kb']:>5.0f} | "
                     f"{r['browser']:>7.0f} {r['js_kb']:>6.0f} {r['wire_kb']:>5.0f} {r['charts']:>6.0f}")
    lines.append(
        "Columns: ms from navigation start (median of the runs): HTML received, websocket created (Streamlit's "
        "JavaScript loaded and started), first message; server: script start to first chart handed over, of which "
        "queries, figure builds, chart serialisation; whole script run; messages and KB received before the chart; "
        "browser time after the chart's message (plotly loaded and drawn); JS loaded before the chart, and KB of it "
        "sent over the network (smaller when compressed, as nginx sends it with --nginx); charts already "
        "drawn when the first is seen (plotly.js draws every chart that is ready in one go, so a page's first chart "
        "waits for all of them).")
    # Pages served without the probe (through nginx) have no server log: nothing to say about their runs.
    reruns = [f"{r['page']} {r['script_runs']:.0f}" for r in rows if r["script_runs"] not in (0, 1)]
    lines.append("Script runs per visit: " + (", ".join(reruns) + " (a page run more than once builds its figures "
                                              "again)" if reruns else "1 on every page (no figure built twice)"))
    base_chunks = set(base["chunks"])
    for r in rows:
        extra = [c for c in r["chunks"] if c not in base_chunks]
        if r["page"] != "bare" and extra:
            lines.append(f"{r['page']}: JS chunks loaded before its first chart that the bare page does not load: "
                         + ", ".join(extra))
    # The target compares pages served alike: the bare page is not behind nginx, so the /nginx rows are not judged.
    worst = max((r for r in rows if r["page"] != "bare" and not r["page"].endswith("/nginx")),
                key=lambda r: r["ratio"])
    verdict = "met" if worst["ratio"] <= TARGET_RATIO else "MISSED"
    lines.append(f"target every page within {TARGET_RATIO}x of the bare page: {verdict} "
                 f"(slowest {worst['page']} {worst['ratio']:.2f}x, {worst['drawn']:.0f} ms vs {base['drawn']:.0f} ms)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, help="page URL paths to open")
    parser.add_argument("--runs", type=int, default=5, help="timed visits per page (median reported)")
    parser.add_argument("--warehouse", type=Path, help="warehouse to serve (default: a synthetic one of --needs)")
    parser.add_argument("--needs", type=int, default=10_000, help="needs in the synthetic warehouse")
    parser.add_argument("--json", type=Path, help="also write every visit's timings here")
    parser.add_argument("--nginx", action="store_true",
                        help="also open every page through nginx in front of one replica, as ./dev.sh serve does "
                             "(nginx sends Streamlit's files itself, compressed): rows PAGE/nginx")
    args = parser.parse_args(argv)
    print("before: " + local_server.machine_load())
    with tempfile.TemporaryDirectory(prefix="ta-first-paint-") as tmp:
        folder = Path(tmp)
        if args.warehouse is None:
            from app import bench

            args.warehouse = bench.build(folder / "first_paint.duckdb", args.needs)
        bare = folder / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        logs = {"bare": folder / "bare.jsonl", **{p: folder / "dashboard.jsonl" for p in args.pages}}
        servers = []
        try:
            launcher = ["-m", "app.paint_probe"]
            bare_port, dash_port = local_server.free_port(), local_server.free_port()
            servers.append(local_server.start_streamlit(bare, bare_port, folder / "bare.log",
                                                        launcher=[*launcher, str(logs["bare"])]))
            servers.append(local_server.start_streamlit(
                ROOT / "dashboard.py", dash_port, folder / "dashboard.log",
                env={"TA_WAREHOUSE": str(args.warehouse)}, launcher=[*launcher, str(logs[args.pages[0]])]))
            urls = {"bare": f"http://127.0.0.1:{bare_port}/",
                    **{p: f"http://127.0.0.1:{dash_port}/{p}" for p in args.pages}}
            with contextlib.ExitStack() as stack:
                if args.nginx:
                    from app import serve

                    site = stack.enter_context(serve.running(1, folder / "serve", args.warehouse))
                    urls.update({f"{p}/nginx": f"{site.url}/{p}" for p in args.pages})
                    logs.update({f"{p}/nginx": folder / "no-probe.jsonl" for p in args.pages})
                results = measure(urls, logs, args.runs)
        finally:
            for server in servers:
                local_server.stop(server)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\n".join(report(summarise(results))))
    print("after: " + local_server.machine_load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

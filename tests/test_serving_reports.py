"""What the first-paint benchmark and the load test conclude from their measurements (no timing here)."""

from __future__ import annotations

from app import bench_first_paint, loadtest


def _visit(drawn: float, chunks: list[str], first_chart: float = 50.0) -> dict:
    return {"drawn": drawn, "wsCreated": 100.0, "firstMsg": 200.0, "html": 10.0, "msgs": 5, "bytes": 2048,
            "chunks": [{"name": f"{c}.Ab12Cd34.js", "end": drawn - 1, "bytes": 1024} for c in chunks]
            + [{"name": "late.Zz12Yy34.js", "end": drawn + 1, "bytes": 10**6}],
            "server": {"first_chart": first_chart, "query_before": 1.0, "build_before": 2.0, "chart_before": 3.0,
                       "total": 90.0},
            "server_runs": 1}


def test_first_paint_ratio_chunks_and_verdict():
    results = {"bare": [_visit(1000, ["index"]), _visit(1200, ["index"])],
               "overview": [_visit(1400, ["index", "Multiselect"]), _visit(1600, ["index", "Multiselect"])]}
    rows = bench_first_paint.summarise(results)
    overview = next(r for r in rows if r["page"] == "overview")
    assert overview["ratio"] == 1500 / 1100
    assert overview["chunks"] == ["Multiselect", "index"]  # hashes dropped; a chunk after the chart not counted
    lines = bench_first_paint.report(rows)
    assert any("Multiselect" in line and "bare page does not load" in line for line in lines)
    assert lines[-1].startswith("target every page within 1.3x of the bare page: MISSED")
    results["overview"] = [_visit(1100, ["index"]), _visit(1300, ["index"])]
    assert bench_first_paint.report(bench_first_paint.summarise(results))[-1].startswith(
        "target every page within 1.3x of the bare page: met")


def _round(viewers: int, p95: float, errors: list[str], mid: float = 300, end: float = 305) -> dict:
    return {"viewers": viewers, "changes": 100, "p50": p95 / 2, "p95": p95, "open_p50": 500, "errors": errors,
            "rss_start": 100, "rss_max": max(mid, end), "rss_mid": mid, "rss_end": end}


def test_load_test_verdicts():
    met = loadtest.report([_round(10, 300, []), _round(25, 900, []), _round(50, 3000, [])], "one process")
    assert "target p95 < 1000 ms at 25 viewers: met (900 ms)" in met
    assert "target no errors at 50 viewers: met (0)" in met
    missed = loadtest.report([_round(25, 1500, []), _round(50, 3000, ["viewer 3: timeout"], 300, 400)], "x")
    assert "target p95 < 1000 ms at 25 viewers: MISSED (1500 ms)" in missed
    assert "target no errors at 50 viewers: MISSED (1)" in missed
    assert any("GROWING" in line for line in missed)
    assert "  error at 50 viewers: viewer 3: timeout" in missed


def test_first_paint_counts_the_javascript_sent_compressed_apart_from_its_size():
    visit = _visit(1000, ["index", "PlotlyChart"])
    for chunk in visit["chunks"]:
        chunk["wire"] = chunk["bytes"] // 4  # sent gzipped by nginx
    rows = bench_first_paint.summarise({"bare": [_visit(1000, ["index"])], "overview/nginx": [visit]})
    row = next(r for r in rows if r["page"] == "overview/nginx")
    assert row["js_kb"] == 2 and row["wire_kb"] == 0.5  # the chunk after the chart is not counted
    assert next(r for r in rows if r["page"] == "bare")["wire_kb"] == 1  # no "wire": sent as is

"""Benchmark of a dashboard filter change against pandas over a CSV export: `python -m app.bench`."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
TYPES = ["capacity-building", "legislative", "institution-building", "policymaking", "other"]
# Cumulative percentages of the first type: skewed toward capacity-building as in real executive summaries.
TYPE_CUMULATIVE = [45, 65, 83, 93, 100]
MULTI_TYPE_PERCENT = 20
GROUPS = ["African States", "Asia-Pacific States", "Eastern European States",
          "Latin American and Caribbean States", "Western European and other States"]
CHAPTERS = [None, 2, 5, 3, 4]
# (groups, chapter) filter states, each new to the query cache the first time it is applied.
COLD_STATES = [([g], c) for c in CHAPTERS for g in GROUPS] + [
    (list(pair), c) for c in CHAPTERS for pair in combinations(GROUPS, 2)]
WARM_STATES = COLD_STATES[-2:]
PAGES = ["pages/overview.py", "pages/explorer.py", "pages/chapters.py", "pages/regions.py", "pages/types.py"]
TARGET_MS = {10_000: 150, 1_000_000: 500}
TARGET_RATIO = 5


def build(path: Path, needs: int) -> Path:
    """Write a synthetic warehouse of `needs` needs at path with DuckDB SQL; return path."""
    # Tooling only: the dashboard itself never imports the write path.
    from pipelines.reference import Reference
    from pipelines.warehouse import create_schema, replace_reference_tables

    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        replace_reference_tables(con, Reference.load().tables())
        con.execute("""
            INSERT INTO warehouse_info VALUES ('schema_version', '1'), ('last_run_id', 'bench'),
                ('published_at', '2026-11-23T12:00:00');
            INSERT INTO load_runs VALUES ('bench', TIMESTAMP '2026-11-23 12:00', TIMESTAMP '2026-11-23 12:01',
                'published', 'synthetic', 0, 0, 0, 0, 0, 0, 0, 0, NULL, 'Synthetic benchmark warehouse', 0);
            CREATE TEMP TABLE docs AS
                SELECT (row_number() OVER (ORDER BY iso3, cycle) - 1)::BIGINT AS d, iso3, name, regional_group, cycle,
                       sha256(iso3 || '-' || cycle) AS document_id,
                       'CAC/COSP/IRG/' || repeat('I', cycle) || '/1/1/Add.' || (hash(iso3) % 90 + 1) AS symbol
                FROM countries, (VALUES (1), (2)) c(cycle);
            INSERT INTO documents SELECT document_id, symbol, name, iso3, regional_group, cycle, 'en',
                DATE '2025-03-01', 'data/raw/synthetic/' || lower(iso3) || '_' || cycle || '.pdf', 'pdf', 8, false,
                'bench', TIMESTAMP '2026-11-23 12:00', 'bench', TIMESTAMP '2026-11-23 12:00' FROM docs;
        """)
        ndocs = con.execute("SELECT count(*) FROM docs").fetchone()[0]
        cumulative = TYPE_CUMULATIVE
        first_type = " ".join(f"WHEN pct1 < {c} THEN {i + 1}" for i, c in enumerate(cumulative))
        con.execute(f"""
            CREATE TEMP TABLE raw AS
            WITH base AS (
                SELECT i, hash(i) AS h, hash(i, 1) AS h2 FROM range({needs}) t(i)
            ), picked AS (
                SELECT b.i, b.h, b.h2, d.*,
                       CASE WHEN d.cycle = 1 THEN (CASE WHEN b.h2 % 5 < 3 THEN 3 ELSE 4 END)
                            ELSE (CASE WHEN b.h2 % 5 < 3 THEN 2 ELSE 5 END) END AS chapter,
                       (b.h >> 16) % 100 AS pct1, (b.h >> 24) % 100 AS pct_multi, ((b.h >> 32) % 4)::BIGINT AS offset2,
                       (b.h2 >> 8) % 1000 AS article_pick, (b.h2 >> 20) % 3 AS article_count
                FROM base b JOIN docs d ON d.d = b.h % {ndocs}
            )
            SELECT *, (CASE {first_type} END)::BIGINT AS t1 FROM picked
        """)
        con.execute(f"""
            INSERT INTO needs
            SELECT 'n' || r.i, r.document_id, r.symbol, r.name, r.iso3, r.regional_group, r.cycle, r.chapter,
                   CASE WHEN r.article_count = 0 THEN []::INTEGER[]
                        ELSE [c.first_article + r.article_pick % (c.last_article - c.first_article + 1)] END,
                   CASE WHEN r.article_count = 0 THEN 'none' ELSE 'cited' END,
                   types, types,
                   'Synthetic need ' || r.i || ': support on ' || lower(c.title) || ' (' || types[1] || ')',
                   NULL, (r.i // {ndocs})::INTEGER + 1, 'en',
                   'data/raw/synthetic/' || lower(r.iso3) || '_' || r.cycle || '.pdf', 3, 1, 'page 3, line 1', [], []
            FROM (SELECT *, CASE WHEN pct_multi < {MULTI_TYPE_PERCENT}
                                 THEN [{TYPES}[t1], {TYPES}[(t1 + offset2) % 5 + 1]]
                                 ELSE [{TYPES}[t1]] END AS types FROM raw) r
            JOIN chapters c USING (chapter)
        """)
        con.execute("""
            INSERT INTO document_chapters
            SELECT document_id, chapter, 'needs', count(*), NULL, 'page 3, line 1' FROM needs GROUP BY ALL;
            UPDATE load_runs SET needs_loaded = (SELECT count(*) FROM needs),
                needs_total = (SELECT count(*) FROM needs),
                documents_total = (SELECT count(*) FROM documents);
        """)
    finally:
        con.close()
    return path


def export_csv(warehouse: Path, csv: Path) -> Path:
    """Export the needs table as an analyst would get it: a CSV file with list columns written as text."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute(f"COPY (SELECT * FROM needs) TO '{csv}' (HEADER, DELIMITER ',')")
    finally:
        con.close()
    return csv


def _listed(column: pd.Series) -> pd.Series:
    """A list column as the CSV holds it, '[a, b]', exploded to one row per element (index kept)."""
    return column.str.strip("[]").str.split(", ").explode().replace("", pd.NA).dropna()


def _kept(csv: Path, groups: list[str], chapter: int | None) -> pd.DataFrame:
    frame = pd.read_csv(csv)
    kept = frame[frame["regional_group"].isin(groups)]
    return kept if chapter is None else kept[kept["chapter"] == chapter]


def _by_type(kept: pd.DataFrame, *by: str) -> pd.Series:
    types = _listed(kept["types"]).rename("type")
    return kept[list(by)].join(types).groupby([*by, "type"]).size()


def pandas_overview(csv: Path, groups: list[str], chapter: int | None) -> dict[str, object]:
    """The Overview by hand: headline counts, needs by chapter, needs and shares by type."""
    kept = _kept(csv, groups, chapter)
    by_type = _by_type(kept)
    return {"needs": len(kept), "states": kept["iso3"].nunique(), "chapter": kept.groupby("chapter").size(),
            "type": by_type, "share": by_type / max(len(kept), 1)}


def pandas_explorer(csv: Path, groups: list[str], chapter: int | None) -> dict[str, object]:
    """The Needs explorer by hand: the count and the first rows in the explorer's order."""
    kept = _kept(csv, groups, chapter)
    table = kept.sort_values(["country", "cycle", "chapter", "ordinal", "need_id"]).head(1000)
    return {"needs": len(kept), "table": table}


def pandas_chapters(csv: Path, groups: list[str], chapter: int | None) -> dict[str, object]:
    """Chapters and articles by hand: needs by chapter, by article, article x type."""
    kept = _kept(csv, groups, chapter)
    articles = _listed(kept["articles"]).astype(int).rename("article")
    with_articles = kept[["types"]].join(articles, how="inner")
    return {"chapter": kept.groupby("chapter").size(), "article": articles.value_counts().sort_index(),
            "article_type": _by_type(with_articles, "article")}


def pandas_regions(csv: Path, groups: list[str], chapter: int | None) -> dict[str, object]:
    """Regions by hand: needs, States and documents per group, needs per State, group x type, group x chapter."""
    kept = _kept(csv, groups, chapter)
    by_group = kept.groupby("regional_group").agg(needs=("need_id", "size"), states=("iso3", "nunique"),
                                                  documents=("document_id", "nunique"))
    return {"group": by_group, "state": kept.groupby(["iso3", "country"]).size(),
            "group_type": _by_type(kept, "regional_group"),
            "group_chapter": kept.groupby(["regional_group", "chapter"]).size()}


def pandas_types(csv: Path, groups: list[str], chapter: int | None) -> dict[str, object]:
    """Types of assistance by hand: by type with shares, by subtype, chapter x type, group x type."""
    kept = _kept(csv, groups, chapter)
    by_type = _by_type(kept)
    return {"type": by_type, "share": by_type / max(len(kept), 1),
            "subtype": _listed(kept["subtypes"]).value_counts(),
            "chapter_type": _by_type(kept, "chapter"), "group_type": _by_type(kept, "regional_group")}


# The same view as each page, computed the way an analyst would without the dashboard: pandas over a CSV export,
# read again on every change of filter.
PANDAS_VIEWS: dict[str, Callable[[Path, list[str], int | None], dict[str, object]]] = {
    "pages/overview.py": pandas_overview, "pages/explorer.py": pandas_explorer, "pages/chapters.py": pandas_chapters,
    "pages/regions.py": pandas_regions, "pages/types.py": pandas_types,
}


def _apply(at: object, groups: list[str], chapter: int | None) -> None:
    at.multiselect(key="filter_groups").set_value(groups)
    at.multiselect(key="filter_chapters").set_value([] if chapter is None else [chapter])


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def time_page(page: str, cold: Iterator[tuple[list[str], int | None]], runs: int) -> dict[str, float]:
    """Median ms of a filter change on one page: cold (filter value new to the cache) and warm (seen before)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # Every page starts from an empty query cache, so all pages are timed on the same filter states.
    st.cache_data.clear()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=300)
    first = _timed(at.run)
    if page != PAGES[0]:
        first += _timed(lambda: at.switch_page(page).run())
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    for state in WARM_STATES:
        _apply(at, *state)
        at.run()
    cold_ms = []
    for _ in range(runs):
        _apply(at, *next(cold))
        cold_ms.append(_timed(at.run))
    warm_ms = []
    for n in range(runs):
        _apply(at, *WARM_STATES[n % len(WARM_STATES)])
        warm_ms.append(_timed(at.run))
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    return {"first": first, "cold": statistics.median(cold_ms), "warm": statistics.median(warm_ms)}


def time_pandas(page: str, csv: Path, runs: int) -> float:
    """Median ms of the page's pandas view over the cold filter states (after one warm-up)."""
    view = PANDAS_VIEWS[page]
    view(csv, *COLD_STATES[0])
    states = iter(COLD_STATES)
    return statistics.median(_timed(lambda: view(csv, *next(states))) for _ in range(runs))


def bench(size: int, folder: Path, runs: int, pages: list[str] = PAGES) -> list[dict[str, object]]:
    """Build a warehouse of `size` needs, time each page and the pandas approach; one row per page."""
    warehouse = folder / f"bench_{size}.duckdb"
    build_ms = _timed(lambda: build(warehouse, size))
    csv = export_csv(warehouse, folder / f"needs_{size}.csv")
    os.environ["TA_WAREHOUSE"] = str(warehouse)
    rows = []
    for page in pages:
        timing = time_page(page, iter(COLD_STATES), runs)
        pandas_ms = time_pandas(page, csv, runs)
        rows.append({"size": size, "page": page, "build_ms": build_ms, **timing, "pandas": pandas_ms,
                     "ratio": pandas_ms / timing["cold"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    argv = sys.argv[1:] if argv is None else argv
    if "--first-paint" in argv:
        # The browser-side benchmark lives in its own module; this flag only hands over to it.
        from app import bench_first_paint

        return bench_first_paint.main([a for a in argv if a != "--first-paint"])
    parser = argparse.ArgumentParser(description=__doc__,
                                     epilog="--first-paint: time each page's first chart in Chromium instead "
                                            "(python -m app.bench_first_paint --help)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=7, help="timed reruns per measure (median reported)")
    parser.add_argument("--pages", nargs="+", default=PAGES, help="pages to time, as paths under the project")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    header = f"{'size':>9} {'page':<20} {'build s':>7} {'first ms':>8} {'cold ms':>8} {'warm ms':>8} " \
             f"{'pandas ms':>9} {'ratio':>6}"
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ta-bench-") as tmp:
        rows = []
        for size in args.sizes:
            rows += bench(size, Path(tmp), args.runs, args.pages)
        print(header)
        for r in rows:
            print(f"{r['size']:>9} {r['page']:<20} {r['build_ms'] / 1000:>7.1f} {r['first']:>8.0f} "
                  f"{r['cold']:>8.0f} {r['warm']:>8.0f} {r['pandas']:>9.0f} {r['ratio']:>6.1f}")
        for size in args.sizes:
            worst = max(r["cold"] for r in rows if r["size"] == size)
            ratio = min(r["ratio"] for r in rows if r["size"] == size)
            target = TARGET_MS.get(size)
            verdict = "" if target is None else f" (target < {target} ms: {'met' if worst < target else 'MISSED'})"
            print(f"{size:>9}: slowest cold median {worst:.0f} ms{verdict}; lowest ratio to pandas {ratio:.1f}x"
                  + (f" (target >= {TARGET_RATIO}x: {'met' if ratio >= TARGET_RATIO else 'MISSED'})"
                     if size >= 1_000_000 else ""))
    load_after = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    print(f"load average {load_before:.1f} before, {load_after:.1f} after, on {cores} cores")
    if max(load_before, load_after) > cores:
        # Other processes were competing for the CPU: timings are inflated and not comparable between runs.
        print("WARNING: the machine was busy during the run; rerun when it is idle.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

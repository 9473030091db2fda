"""Smoke test of the dashboard benchmark at a tiny size: behaviour only, never timings."""

from __future__ import annotations

import duckdb
from streamlit.testing.v1 import AppTest

from app import bench, queries
from app.filters import Filters


def test_synthetic_warehouse_follows_the_contract(tmp_path):
    path = bench.build(tmp_path / "w.duckdb", 2000)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT need_id) FROM needs").fetchone() == (2000, 2000)
        bad_chapter = con.execute("""
            SELECT count(*) FROM needs n JOIN documents d USING (document_id)
            WHERE n.chapter NOT IN (CASE WHEN d.cycle = 1 THEN 3 ELSE 2 END, CASE WHEN d.cycle = 1 THEN 4 ELSE 5 END)
               OR n.iso3 <> d.iso3 OR n.regional_group <> d.regional_group""").fetchone()[0]
        assert bad_chapter == 0
        outside = con.execute("""
            SELECT count(*) FROM (SELECT chapter, unnest(articles) AS article FROM needs) x
            JOIN articles a USING (article) WHERE a.chapter <> x.chapter""").fetchone()[0]
        assert outside == 0
        types = {r[0] for r in con.execute("SELECT DISTINCT unnest(types) FROM needs").fetchall()}
        assert types == set(bench.TYPES)
        multi, top = con.execute("""
            SELECT avg((len(types) > 1)::INT), mode(types[1]) FROM needs""").fetchone()
        assert 0.15 < multi < 0.25 and top == "capacity-building"
        repeated = con.execute("SELECT count(*) FROM needs WHERE len(types) <> len(list_distinct(types))").fetchone()[0]
        assert repeated == 0
        assert con.execute("SELECT sum(needs_count) FROM document_chapters").fetchone()[0] == 2000
    finally:
        con.close()


def test_pandas_views_compute_the_same_figures_as_the_pages(tmp_path):
    # The baseline must do the page's work, no less: every figure it computes equals the dashboard's query.
    path = bench.build(tmp_path / "w.duckdb", 1000)
    csv = bench.export_csv(path, tmp_path / "needs.csv")
    groups, chapter = ["African States", "Asia-Pacific States"], 2
    f = Filters(groups=tuple(groups), chapters=(chapter,))
    views = {page: view(csv, groups, chapter) for page, view in bench.PANDAS_VIEWS.items()}
    assert set(views) == set(bench.PAGES)
    con = duckdb.connect(str(path), read_only=True)
    try:
        breakdown = queries.type_breakdown(con, f)
        by_type = queries.types_of(breakdown).set_index("type")["needs"].to_dict()
        by_chapter = queries.needs_by_chapter(con, f).set_index("chapter")["needs"].to_dict()
        head = queries.headline(con, f)
        articles = queries.needs_by_article(con, f).set_index("article")["needs"].to_dict()
        article_type = {(r.article, r.type): r.needs for r in queries.article_type(con, f).itertuples()}
        groups_frame = queries.needs_by_group(con, f).set_index("regional_group")
        states = queries.needs_by_state(con, f).set_index("iso3")["needs"].to_dict()
        group_chapter = {(r.regional_group, r.chapter): r.needs for r in queries.group_chapter(con, f).itertuples()}
        group_type = {(r.regional_group, r.type): r.needs for r in queries.group_types_of(breakdown).itertuples()}
        chapter_type = {(r.chapter, r.type): r.needs for r in queries.chapter_types_of(breakdown).itertuples()}
        subtypes = queries.subtypes_of(breakdown).set_index("subtype")["needs"].to_dict()
        table = queries.needs_table(con, f)["Need id"].tolist()
    finally:
        con.close()
    assert head["needs"] > 0 and len(by_type) == len(bench.TYPES)
    overview = views["pages/overview.py"]
    assert (overview["needs"], overview["states"]) == (head["needs"], head["states_with_needs"])
    assert overview["chapter"].to_dict() == by_chapter and overview["type"].to_dict() == by_type
    explorer = views["pages/explorer.py"]
    assert explorer["needs"] == head["needs"] and explorer["table"]["need_id"].tolist() == table
    chapters = views["pages/chapters.py"]
    assert chapters["article"].to_dict() == articles and chapters["article_type"].to_dict() == article_type
    regions = views["pages/regions.py"]
    assert regions["group"].to_dict("index") == groups_frame[["needs", "states", "documents"]].to_dict("index")
    assert regions["state"].droplevel("country").to_dict() == states
    assert regions["group_type"].to_dict() == group_type and regions["group_chapter"].to_dict() == group_chapter
    types = views["pages/types.py"]
    assert types["chapter_type"].to_dict() == chapter_type and types["subtype"].to_dict() == subtypes
    assert types["group_type"].to_dict() == group_type


def test_time_page_reports_medians_for_a_filter_change(tmp_path, monkeypatch):
    path = bench.build(tmp_path / "w.duckdb", 500)
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    timing = bench.time_page(bench.PAGES[0], iter(bench.COLD_STATES), runs=1)
    assert set(timing) == {"first", "cold", "warm"}
    assert all(value > 0 for value in timing.values())


def test_a_cold_filter_state_changes_the_needs_shown(tmp_path, monkeypatch):
    path = bench.build(tmp_path / "w.duckdb", 500)
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    at = AppTest.from_file(str(bench.DASHBOARD), default_timeout=60).run()
    before = {m.label: m.value for m in at.metric}["Needs"]
    groups, chapter = bench.COLD_STATES[-1]
    bench._apply(at, groups, chapter)
    at.run()
    assert not at.exception
    assert at.multiselect(key="filter_groups").value == groups
    assert {m.label: m.value for m in at.metric}["Needs"] != before

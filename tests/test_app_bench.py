"""Smoke test of the dashboard benchmark at a tiny size: behaviour only, never timings."""

from __future__ import annotations

import duckdb
from streamlit.testing.v1 import AppTest

from app import bench


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


def test_pandas_view_counts_match_the_warehouse(tmp_path):
    path = bench.build(tmp_path / "w.duckdb", 1000)
    csv = bench.export_csv(path, tmp_path / "needs.csv")
    view = bench.pandas_view(csv, ["African States"], 2)
    con = duckdb.connect(str(path), read_only=True)
    try:
        expected = con.execute(
            "SELECT count(*) FROM needs WHERE regional_group = 'African States' AND chapter = 2").fetchone()[0]
        by_type = dict(con.execute("""
            SELECT t, count(*) FROM (SELECT unnest(types) AS t FROM needs
            WHERE regional_group = 'African States' AND chapter = 2) GROUP BY t""").fetchall())
    finally:
        con.close()
    assert expected > 0
    assert view["chapter"].to_dict() == {2: expected}
    assert view["group"].to_dict() == {"African States": expected}
    assert view["type"].to_dict() == by_type


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

"""What the dashboard says about the data itself (filter options, warehouse facts, load runs, rejections and the
latest validation) and the shape of the by-type frames, on the hand-built warehouse with a second run added."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from app import queries
from app.filters import TYPE_LABELS, TYPES, Filters
from tests.app_warehouse import ARTICLE_TITLES, COUNTRIES, GROUPS, NEEDS, NO_NEEDS, build_warehouse

LATER = datetime(2026, 11, 27, 8, 0)
DOCUMENTS = {(iso3, cycle) for iso3, cycle, *_ in NEEDS} | {(iso3, cycle) for iso3, cycle, _ in NO_NEEDS}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("prov") / "warehouse.duckdb")
    with duckdb.connect(str(path)) as writer:
        writer.execute(
            "INSERT INTO load_runs VALUES ('20261127T080000Z-cd34', ?, ?, 'blocked', 'data/raw', 3, 0, 0, 0, 2, 0,"
            " 15, ?, 'def5678', 'blocked', 0)", [LATER, LATER, len(NEEDS)])
        writer.executemany(
            "INSERT INTO rejections VALUES ('20261127T080000Z-cd34', ?, NULL, NULL, ?, 'm', 'a', ?)",
            [("data/raw/b.txt", "empty_file", LATER), ("data/raw/a.txt", "unknown_country", LATER)])
        writer.executemany(
            "INSERT INTO validation_results VALUES ('20261127T080000Z-cd34', ?, ?, ?, NULL, ?, ?, '1', 1, NULL)",
            [(LATER, "batch", "needs_total_not_shrunk", "critical", False),
             (LATER, "needs", "articles_in_chapter", "warning", False),
             (LATER, "documents", "cycle_known", "critical", True),
             (LATER, "batch", "every_group_covered", "warning", True),
             (LATER, "needs", "text_not_empty", "critical", False)])
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_filter_options_come_from_the_reference_tables_and_the_documents(con):
    options = queries.filter_options(con)
    assert options.cycles == (1, 2)
    assert options.groups == tuple((name, short) for name, short, _ in sorted(GROUPS, key=lambda g: g[2]))
    loaded = {iso3 for iso3, *_ in NEEDS} | {"FRA"}
    assert options.states == tuple(sorted(((iso, name) for iso, name, _ in COUNTRIES if iso in loaded),
                                          key=lambda state: state[1]))
    assert options.chapters[:2] == ((1, "I General provisions"), (2, "II Preventive measures"))
    assert len(options.chapters) == 8
    assert options.articles[8] == (9, ARTICLE_TITLES[9]) and len(options.articles) == 71
    assert options.types == TYPES


def test_filter_options_of_an_empty_warehouse_offer_both_cycles(tmp_path):
    path = build_warehouse(tmp_path / "empty.duckdb", needs=False)
    with duckdb.connect(str(path), read_only=True) as empty:
        options = queries.filter_options(empty)
    assert options.cycles == (1, 2) and options.states == ()


def test_warehouse_facts(con):
    assert queries.warehouse_facts(con) == {
        "is_sample": True, "documents": len(DOCUMENTS), "needs": len(NEEDS),
        "last_loaded": datetime(2026, 11, 20, 9, 30),
        "published_at": "2026-11-20T09:30:00", "last_run_id": "20261120T093000Z-ab12", "schema_version": "1",
    }


def test_warehouse_facts_of_real_data_say_so(tmp_path):
    path = build_warehouse(tmp_path / "real.duckdb", sample=False)
    with duckdb.connect(str(path), read_only=True) as real:
        assert queries.warehouse_facts(real)["is_sample"] is False


def test_load_runs_newest_first(con):
    runs = queries.load_runs(con)
    assert list(runs["run_id"]) == ["20261127T080000Z-cd34", "20261120T093000Z-ab12"]
    assert list(runs["status"]) == ["blocked", "published_with_rejections"]


def test_rejections_newest_first_then_by_file(con):
    rejected = queries.rejections(con)
    assert list(zip(rejected["source_file"], rejected["reason"], strict=True)) == [
        ("data/raw/a.txt", "unknown_country"), ("data/raw/b.txt", "empty_file"),
        ("data/raw/sample/broken.pdf", "corrupt_pdf")]


def test_validation_results_of_the_latest_run_failures_first_critical_before_warning(con):
    results = queries.validation_results(con)
    assert set(results["run_id"]) == {"20261127T080000Z-cd34"}
    assert list(results["expectation"]) == ["needs_total_not_shrunk", "text_not_empty", "articles_in_chapter",
                                            "cycle_known", "every_group_covered"]


def test_filter_options_offer_only_the_cycles_loaded(tmp_path):
    path = build_warehouse(tmp_path / "cycle2.duckdb")
    with duckdb.connect(str(path)) as writer:
        for table in ("needs", "documents"):
            writer.execute(f"DELETE FROM {table} WHERE cycle = 1")
    with duckdb.connect(str(path), read_only=True) as only_two:
        assert queries.filter_options(only_two).cycles == (2,)


def test_types_carry_their_labels_and_shares_of_the_needs(con):
    df = queries.needs_by_type(con, Filters())
    assert list(df["label"]) == [TYPE_LABELS[t] for t in df["type"]]
    # One need typed capacity-building and legislative: each type holds all of it.
    one = queries.needs_by_type(con, Filters(states=("EUU",)))
    assert dict(zip(one["type"], one["share"], strict=True)) == {"capacity-building": 1.0, "legislative": 1.0}


def test_breakdowns_have_exactly_their_documented_columns(con):
    # The pages show these frames as the data table under each chart and in its CSV: no stray column.
    assert list(queries.needs_by_type(con, Filters()).columns) == ["type", "label", "needs", "share"]
    assert list(queries.chapter_type(con, Filters()).columns) == ["chapter", "label", "type", "needs"]
    assert list(queries.group_type(con, Filters()).columns) == ["regional_group", "label", "type", "needs"]
    assert list(queries.needs_by_subtype(con, Filters()).columns) == ["type", "subtype", "label", "needs"]

"""The pages on warehouses the pipeline built: the bundled sample (tests/conftest.py), and the sample after a load
with rejected files and a warning and a load blocked by the shrink guard; the Data quality page's figures and
tables are checked against SQL on the warehouse it reads."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import navigation
from pipelines.load import EXIT_NOTHING_LOADED, EXIT_SOME_REJECTED, LoadOptions, run_load
from tests.app_warehouse import ROOT
from tests.summaries import write_summary

DASHBOARD = str(ROOT / "dashboard.py")
PAGES = [spec.path for spec in navigation.PAGES]
EXTRA_STATES = 30


def sql(warehouse: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def open_page(warehouse: Path, monkeypatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("TA_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    if page is not None and page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# What the page's corrections section counts on a warehouse no editor has corrected.
NO_CORRECTIONS = {"Needs corrected": "0", "Needs reviewed as right": "0", "Extractions removed": "0"}


@pytest.fixture(scope="module")
def troubled_warehouse(sample_warehouse, tmp_path_factory) -> Path:
    """The sample, then a load with rejected files and a warning, then a load the shrink guard blocked."""
    folder = tmp_path_factory.mktemp("troubled")
    warehouse = folder / "warehouse.duckdb"
    shutil.copy(sample_warehouse, warehouse)
    loaded = {row[0] for row in sql(warehouse, "SELECT iso3 FROM documents")}
    with open(ROOT / "data" / "reference" / "countries.csv", encoding="utf-8") as handle:
        others = [row["name"] for row in csv.DictReader(handle) if row["iso3"] not in loaded]
    extra = folder / "raw"
    extra.mkdir()
    for number, country in enumerate(others[:EXTRA_STATES], start=1):
        write_summary(extra, f"extra_{number:02d}.txt", country, number=number)
    # An asset-recovery need citing mutual legal assistance: published, with the articles_in_chapter warning.
    write_summary(extra, "cross_chapter.txt", others[EXTRA_STATES], number=90,
                  needs={2: ["Training of auditors (art. 9)."], 5: ["Training on asset return requests (art. 46)."]})
    (extra / "empty.txt").write_bytes(b"")
    write_summary(extra, "bad_article.txt", others[EXTRA_STATES + 1], number=91,
                  needs={2: ["Training of auditors on public finances (art. 85)."], 5: None})

    def load(**options) -> int:
        return run_load(LoadOptions(paths=[extra], warehouse=warehouse, progress=False, workers=1,
                                    data_docs_dir=folder / "data_docs", **options)).exit_code

    assert load() == EXIT_SOME_REJECTED
    for path in extra.glob("extra_*.txt"):
        path.unlink()
    assert load(prune=True) == EXIT_NOTHING_LOADED  # a third of the needs gone: blocked
    return warehouse


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_pipeline_built_sample(sample_warehouse, monkeypatch, page):
    at = open_page(sample_warehouse, monkeypatch, page)
    assert at.title


@pytest.mark.slow
def test_overview_figures_are_the_sample_warehouse_counts(sample_warehouse, monkeypatch):
    shown = metrics(open_page(sample_warehouse, monkeypatch))
    documents, states = sql(sample_warehouse, "SELECT count(DISTINCT document_id), count(DISTINCT iso3) FROM needs")[0]
    assert shown["Executive summaries with needs"] == str(documents)
    assert shown["States with needs"] == str(states)
    assert shown["Needs"] == str(sql(sample_warehouse, "SELECT count(*) FROM needs")[0][0])
    assert sql(sample_warehouse, "SELECT count(*) FROM documents") == [(48,)]


@pytest.mark.slow
def test_quality_page_on_a_clean_load_shows_every_check_passed(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/quality.py")
    checks = sql(sample_warehouse, "SELECT count(*) FROM validation_results")[0][0]
    assert metrics(at) == {"Checks run": str(checks), "Critical failures": "0", "Warnings": "0", **NO_CORRECTIONS}
    assert not at.error and [s.value for s in at.success] == ["No file has been rejected."]
    runs = next(df.value for df in at.dataframe if "files_seen" in df.value.columns)
    assert list(runs["run_id"]) == [r[0] for r in sql(sample_warehouse, "SELECT run_id FROM load_runs")]


@pytest.mark.slow
def test_quality_page_tables_are_the_warehouse_rows(troubled_warehouse, monkeypatch):
    at = open_page(troubled_warehouse, monkeypatch, "pages/quality.py")
    latest = sql(troubled_warehouse, "SELECT run_id FROM validation_results ORDER BY validated_at DESC LIMIT 1")[0][0]
    assert sql(troubled_warehouse, "SELECT status FROM load_runs WHERE run_id = ?", [latest]) == [("blocked",)]

    def failed(severity: str) -> list[str]:
        return sorted(r[0] for r in sql(troubled_warehouse, "SELECT expectation FROM validation_results "
                                        "WHERE run_id = ? AND NOT success AND severity = ?", [latest, severity]))

    checks = sql(troubled_warehouse, "SELECT count(*) FROM validation_results WHERE run_id = ?", [latest])[0][0]
    critical, warnings = failed("critical"), failed("warning")
    assert "needs_total_not_shrunk" in critical and "articles_in_chapter" in warnings
    assert metrics(at) == {"Checks run": str(checks), "Critical failures": str(len(critical)),
                           "Warnings": str(len(warnings)), **NO_CORRECTIONS}
    assert "that load was blocked" in at.error[0].value

    tables = [element.value for element in at.dataframe]
    critical_table, warning_table, all_checks, runs, rejected = tables[:5]
    assert sorted(critical_table["expectation"]) == critical
    assert sorted(warning_table["expectation"]) == warnings
    assert len(all_checks) == checks and set(all_checks["run_id"]) == {latest}
    assert list(runs["run_id"]) == [r[0] for r in sql(troubled_warehouse,
                                                      "SELECT run_id FROM load_runs ORDER BY started_at DESC")]
    assert list(runs["status"]) == ["blocked", "published_with_rejections", "published"]
    expected = sql(troubled_warehouse, "SELECT source_file, reason FROM rejections ORDER BY rejected_at DESC, "
                                       "source_file")
    assert list(zip(rejected["source_file"], rejected["reason"], strict=True)) == expected
    assert {Path(f).name: r for f, r in expected} == {"empty.txt": "empty_file",
                                                      "bad_article.txt": "article_out_of_range"}

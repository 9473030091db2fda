"""The Parquet-only read mode: views over the published files and manifest, no .duckdb file, same figures."""

from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from app import navigation, warehouse
from pipelines import parquet
from tests.app_warehouse import ROOT, build_warehouse

DASHBOARD = str(ROOT / "dashboard.py")
CHART_PAGES = ["pages/overview.py", "pages/chapters.py", "pages/regions.py", "pages/types.py", "pages/country.py",
               "pages/quality.py"]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The test warehouse as a .duckdb file, and published as Parquet by the load's own export, file removed."""
    folder = tmp_path_factory.mktemp("parquet")
    file = build_warehouse(folder / "warehouse.duckdb")
    con = warehouse.connect(file)
    try:
        parquet.export(con, folder / "published", "test-run")
    finally:
        con.close()
    parquet.publish(folder / "published")
    only = tmp_path_factory.mktemp("parquet_only") / "published"
    shutil.copytree(folder / "published", only)
    return file, only


def test_every_table_of_the_warehouse_is_published(both):
    file, published = both
    con = warehouse.connect(file)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    manifest = json.loads((published / "manifest.json").read_text())
    assert set(manifest["tables"]) == tables
    assert not list(published.parent.glob("*.duckdb"))


def test_parquet_mode_counts_the_same_rows(both):
    file, published = both
    duck, flat = warehouse.connect(file), warehouse.connect(published)
    try:
        for table in ("needs", "documents", "chapters", "warehouse_info"):
            query = f"SELECT * FROM {table} ORDER BY ALL"
            assert flat.execute(query).fetchall() == duck.execute(query).fetchall(), table
    finally:
        duck.close()
        flat.close()


def test_version_and_problem_read_the_manifest(both, tmp_path):
    _, published = both
    assert warehouse.version(published) == warehouse.version(published / "manifest.json") is not None
    assert warehouse.problem(published) is None
    assert "No warehouse" in warehouse.problem(tmp_path / "empty")  # a folder with no manifest in it
    (tmp_path / "empty").mkdir()
    assert "No warehouse" in warehouse.problem(tmp_path / "empty")


def _figures(monkeypatch, target, page: str) -> tuple[list[dict], dict[str, str]]:
    monkeypatch.setenv("TA_WAREHOUSE", str(target))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    if page != navigation.PAGES[0].path:
        at.switch_page(page).run()
    if page == "pages/country.py":
        at.multiselect(key="filter_states").set_value(["KEN"]).run()  # the profile shows a chosen State
    assert not at.exception, [e.value for e in at.exception]
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return charts, {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", CHART_PAGES)
def test_parquet_mode_draws_the_same_figures(both, monkeypatch, page):
    file, published = both
    from_file = _figures(monkeypatch, file, page)
    from_parquet = _figures(monkeypatch, published, page)
    assert from_parquet == from_file
    assert from_file[0] or from_file[1], f"{page} showed no chart or figure, so the comparison would prove nothing"

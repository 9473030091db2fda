"""Page behaviour with Streamlit's AppTest against a small warehouse built in the test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import navigation
from tests.app_warehouse import ROOT, build_warehouse

DASHBOARD = str(ROOT / "dashboard.py")
OWN_PAGES = [spec.path for spec in navigation.PAGES]


def test_page_links_are_the_page_file_names():
    # The first request a fresh server gets runs in Streamlit's legacy pages/ mode, which knows a page only by its
    # file name: a link to any other path would open on a "Page not found" dialog.
    for spec in navigation.PAGES:
        assert spec.url_path == Path(spec.path).stem


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("app") / "warehouse.duckdb")


@pytest.fixture
def app(warehouse_file, monkeypatch) -> AppTest:
    monkeypatch.setenv("TA_WAREHOUSE", str(warehouse_file))
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


@pytest.mark.parametrize("page", OWN_PAGES)
def test_every_page_renders_with_the_sample_banner(app, page):
    app.run()
    if page != OWN_PAGES[0]:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, "every page has a title"
    assert "Illustrative sample data — not official" in warnings(app)


def test_group_filter_changes_the_figures_and_the_url(app):
    app.run()
    assert metrics(app)["Needs"] == "32"
    app.multiselect(key="filter_groups").set_value(["African States"]).run()
    assert metrics(app)["Needs"] == "13"
    assert metrics(app)["States with needs"] == "3"
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert sum(chart["data"][0]["y"]) == 13
    assert app.query_params == {"group": "African States"}


def test_url_parameters_restore_filters_on_another_page(app):
    app.query_params = {"group": "African States", "chapter": "II", "type": "capacity-building"}
    app.run()
    app.switch_page("pages/explorer.py").run()
    assert not app.exception
    assert app.multiselect(key="filter_groups").value == ["African States"]
    assert app.multiselect(key="filter_chapters").value == [2]
    assert any(md.value.startswith("**4 needs**") for md in app.markdown)
    assert len(app.dataframe[0].value) == 4
    documents = app.dataframe[1].value  # the documents those 4 needs come from
    assert documents["Needs"].sum() == 4 and set(documents["Symbol"]) == set(app.dataframe[0].value["Symbol"])
    assert {d.label for d in app.get("download_button")} >= {"Download CSV", "Download Excel (.xlsx)"}


def test_invalid_url_values_give_a_visible_note(app):
    app.query_params = {"group": ["Atlantis", "African States"], "cycle": "9", "article": "abc"}
    app.run()
    assert not app.exception
    text = warnings(app)
    assert "'Atlantis'" in text and "'9'" in text and "'abc'" in text
    assert app.multiselect(key="filter_groups").value == ["African States"]
    assert metrics(app)["Needs"] == "13"


def test_drill_down_lists_exactly_the_needs_behind_a_bar(app):
    app.run()
    app.switch_page("pages/regions.py").run()
    drill = app.selectbox(key="regions_group_type_drill")
    drill.set_value("African States × Legislative assistance").run()
    assert any(md.value.startswith("**3 needs** behind") for md in app.markdown)
    shown = [d.value for d in app.dataframe if "Need" in d.value.columns]
    assert len(shown) == 1 and len(shown[0]) == 3
    assert set(shown[0]["Regional group"]) == {"African States"}


def test_country_profile_shows_documents_no_needs_and_every_need(app):
    app.query_params = {"state": "FRA"}
    app.run()
    app.switch_page("pages/country.py").run()
    assert not app.exception
    assert "France" in app.title[0].value
    assert any(md.value.startswith("*Showing State France.* — data: run ") for md in app.markdown)  # by name
    assert any("no needs identified" in c.value for c in app.caption)
    documents, *_, needs = app.dataframe
    assert documents.value["Symbol"].notna().all()
    assert len(needs.value) == 2


def test_country_profile_without_a_state_lists_the_states_to_choose_from(app):
    app.query_params = {"group": "African States"}
    app.run()
    app.switch_page("pages/country.py").run()
    assert not app.exception
    listed = app.dataframe[0].value
    assert set(listed["Regional group"]) == {"African States"}
    assert listed["Needs"].sum() == 13 and (listed["Executive summaries"] > 0).all()
    app.selectbox(key="country_pick").set_value("KEN").run()
    assert "Kenya" in app.title[0].value
    assert app.multiselect(key="filter_states").value == ["KEN"]
    assert app.query_params["state"] == "KEN"


def test_a_newly_published_load_is_picked_up_without_restart(tmp_path, monkeypatch):
    path = build_warehouse(tmp_path / "warehouse.duckdb", needs=False)
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    assert any("python -m pipelines load" in c.value for c in at.code)
    os.replace(build_warehouse(tmp_path / "next.duckdb"), path)
    at.run()
    assert not at.exception
    assert metrics(at)["Needs"] == "32"


def test_missing_warehouse_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("TA_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    assert "No warehouse" in at.error[0].value
    assert at.code[0].value == "python -m pipelines load"


def test_country_profile_says_why_a_state_has_no_needs_in_scope(app):
    app.query_params = {"state": "FRA", "chapter": "III"}
    app.run()
    app.switch_page("pages/country.py").run()
    assert not app.exception
    assert any("reviewed on these chapters, no needs in scope" in i.value for i in app.info)


def test_a_page_that_ends_early_still_draws_the_filters_and_keeps_their_values(app):
    # The filter widgets are drawn after the page (first paint); Streamlit forgets the value of a widget a run does
    # not draw, so a page that ends early (the Country profile without a State) must not skip them.
    app.run()
    app.multiselect(key="filter_groups").set_value(["African States"]).run()
    app.switch_page("pages/country.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.multiselect(key="filter_groups").value == ["African States"]
    app.switch_page("pages/overview.py").run()
    assert app.multiselect(key="filter_groups").value == ["African States"]
    assert metrics(app)["Needs"] == "13"


def test_the_filters_are_drawn_at_the_top_of_the_sidebar_above_the_data_line(app):
    app.run()
    shown = [(e.type, getattr(e, "value", None)) for e in app.sidebar if e.type in ("header", "caption")]
    assert shown[0] == ("header", "Filters")
    assert shown[-1][0] == "caption" and shown[-1][1].startswith("Data: ")
    assert sum(1 for kind, _ in shown if kind == "header") == 1

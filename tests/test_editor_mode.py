"""Editor mode: the review page exists only in a dashboard started with `-- --editor`."""

from __future__ import annotations

import sys

from streamlit.testing.v1 import AppTest

from app import editor, navigation
from tests.app_warehouse import ROOT, build_warehouse


def test_the_ordinary_dashboard_lists_no_review_page_and_the_editor_one_does():
    assert navigation.REVIEW_PAGE not in navigation.specs()
    assert navigation.specs(editor=True) == [*navigation.specs(), navigation.REVIEW_PAGE]
    assert not navigation.REVIEW_PAGE.path.startswith("pages/")  # out of reach of Streamlit's legacy pages/ mode


def test_editor_flag_and_corrections_folder_come_from_the_arguments(monkeypatch, tmp_path):
    assert not editor.enabled([])
    assert editor.enabled(["--editor"])
    assert editor.corrections_dir(["--editor", "--corrections", str(tmp_path)]) == tmp_path
    monkeypatch.setenv("TA_CORRECTIONS", str(tmp_path / "env"))
    assert editor.corrections_dir(["--editor"]) == tmp_path / "env"


def test_the_review_page_run_outside_editor_mode_shows_nothing_and_writes_nothing(monkeypatch, tmp_path):
    warehouse = build_warehouse(tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("TA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("TA_CORRECTIONS", str(tmp_path / "corrections"))
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    before = warehouse.stat().st_mtime_ns
    app = AppTest.from_file(str(ROOT / navigation.REVIEW_PAGE.path), default_timeout=60).run()
    assert "only in editor mode" in app.error[0].value
    assert not app.button and not app.selectbox
    assert warehouse.stat().st_mtime_ns == before and not (tmp_path / "corrections").exists()


def test_the_review_page_sets_its_own_scope_and_keeps_the_shared_filters(monkeypatch, tmp_path):
    # The review page ends early (st.stop) when nothing matches its own selectors; the shared filters, which it does
    # not use, are hidden there and kept for the other pages.
    monkeypatch.setenv("TA_WAREHOUSE", str(build_warehouse(tmp_path / "warehouse.duckdb")))
    monkeypatch.setenv("TA_CORRECTIONS", str(tmp_path / "corrections"))
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--editor"])
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    app.multiselect(key="filter_groups").set_value(["African States"]).run()
    app.switch_page(navigation.REVIEW_PAGE.path).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("sets its own scope" in c.value for c in app.sidebar.caption)
    assert not [m for m in app.sidebar.multiselect if m.key and m.key.startswith("filter_")]
    app.switch_page(navigation.PAGES[0].path).run()
    assert app.multiselect(key="filter_groups").value == ["African States"]

"""The way to the source: symbols link to the official document by the pattern in data/reference/links.csv, and
the Country profile offers the original files for download."""

from __future__ import annotations

import re

import duckdb
from streamlit.testing.v1 import AppTest

from app import sources
from tests.app_warehouse import ROOT

DASHBOARD = str(ROOT / "dashboard.py")


def test_symbol_links_follow_the_pattern_in_reference_data(tmp_path):
    url = sources.symbol_url("CAC/COSP/IRG/II/3/1/Add.12")
    assert url == "https://undocs.org/en/CAC/COSP/IRG/II/3/1/Add.12"
    assert sources.symbol_url(None) is None and sources.symbol_url("(no symbol)") is None
    assert re.match(sources.symbol_display(), url).group(1) == "CAC/COSP/IRG/II/3/1/Add.12"
    other = tmp_path / "links.csv"
    other.write_text("link,pattern,note\ndocument_symbol,https://example.org/doc?s={symbol},test\n", encoding="utf-8")
    assert sources.pattern(path=other) == "https://example.org/doc?s={symbol}"


def test_only_files_under_data_raw_are_offered(tmp_path):
    sample = next((ROOT / "data" / "raw" / "sample").glob("*.pdf"))
    assert sources.original_file(str(sample.relative_to(ROOT))) == sample
    assert sources.original_file("data/raw/../../pyproject.toml") is None
    assert sources.original_file(str(ROOT / "pyproject.toml")) is None
    assert sources.original_file("data/raw/sample/missing.pdf") is None
    assert sources.mime(sample) == "application/pdf"


def test_country_profile_links_symbols_and_offers_the_original_files(sample_warehouse, monkeypatch):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    iso3, source_file = con.execute("SELECT iso3, source_file FROM documents ORDER BY iso3 LIMIT 1").fetchone()
    con.close()
    monkeypatch.setenv("TA_WAREHOUSE", str(sample_warehouse))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params = {"state": iso3}
    at.run()
    at.switch_page("pages/country.py").run()
    assert not at.exception
    documents = at.dataframe[0].value
    assert documents["Symbol"].str.startswith("https://undocs.org/en/CAC/COSP/IRG/").all()
    original = sources.original_file(source_file)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Original file, cycle") and original.suffix.lstrip(".").upper() in label
               for label in labels), labels

"""Downloads for people: labels and titles rather than codes, language and date columns, articles as numbers in the
workbook, file names and an About sheet that say what the selection was."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app import exports, queries, scope, warehouse
from app.filters import Filters
from tests.app_warehouse import build_warehouse


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = warehouse.connect(build_warehouse(tmp_path_factory.mktemp("wh") / "warehouse.duckdb"))
    yield connection
    connection.close()


def test_export_speaks_in_words(con):
    df = queries.needs_export(con, Filters(states=("CIV",)))
    row = df[df["Need"] == "Assistance législative et formation"].iloc[0]
    assert row["Types"] == "Legislative assistance, Capacity-building"
    assert row["Subtypes"] == "Legal advice, Training"
    assert (row["Chapter"], row["Chapter title"]) == ("II", "Preventive measures")
    assert list(row["Articles"]) == [8, 9]
    assert row["Article titles"] == ("Art. 8 Codes of conduct for public officials; "
                                     "Art. 9 Public procurement and management of public finances")
    assert (row["Language"], row["Published"]) == ("French", date(2025, 3, 1))
    assert len(df) == queries.count_needs(con, Filters(states=("CIV",)))
    assert "Matched" not in df and "Matched" in queries.needs_export(con, Filters(search="training"))


def test_workbook_holds_articles_as_numbers_and_an_about_sheet(con):
    f = Filters(chapters=(2,), groups=("African States",))
    df = queries.needs_export(con, f)
    facts = queries.warehouse_facts(con)
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(df, about=scope.about(f, facts))))
    sheet = book["Needs"]
    header = [c.value for c in sheet[1]]
    articles = [row[header.index("Articles")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(a, int) for a in articles)  # one article: a number
    assert all(isinstance(a, int) or "," in a for a in articles if a is not None)
    published = {row[header.index("Published")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert all(hasattr(p, "year") for p in published)
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Scope"] == "African States; chapter II"
    assert about["Data run"] == "20261120T093000Z-ab12" and about["Published"] == "20 November 2026"
    text = exports.csv_bytes(df).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["Articles"] for r in rows} >= {"8, 9"} and "[" not in text


def test_file_names_name_the_selection(con):
    facts = queries.warehouse_facts(con)
    f = Filters(chapters=(2,), types=("capacity-building",), groups=("African States",))
    assert scope.file_stem("ta-needs", f, facts) == "ta-needs_african-states_chapter-ii_capacity-building_2026-11-20"
    assert scope.file_stem("ta-needs", Filters(), facts) == "ta-needs_all_2026-11-20"
    names = {"CIV": "Côte d'Ivoire"}
    assert scope.file_stem("Needs by type", Filters(states=("CIV",), search="déclaration"), facts, names) == (
        "needs-by-type_state-cote-d-ivoire_search-declaration-english-french-spanish_2026-11-20")

"""Read-side modules without Streamlit: queries against a built warehouse, filters, exports, charts, warehouse."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from app import charts, exports, queries, warehouse
from app.filters import FilterOptions, Filters, from_params
from tests.app_warehouse import NEEDS, build_warehouse


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("wh") / "warehouse.duckdb")
    connection = warehouse.connect(path)
    yield connection
    connection.close()


def scalar(con, sql: str, params: list | None = None) -> int:
    return con.execute(sql, params or []).fetchone()[0]


def test_needs_by_chapter_counts_each_need_once(con):
    df = queries.needs_by_chapter(con, Filters())
    assert df["needs"].sum() == scalar(con, "SELECT count(*) FROM needs") == len(NEEDS)
    for row in df.itertuples():
        assert row.needs == scalar(con, "SELECT count(*) FROM needs WHERE chapter = ?", [row.chapter])


def test_needs_by_type_counts_a_need_under_each_type(con):
    df = queries.needs_by_type(con, Filters())
    expected = {t: sum(t in types for *_, types, _ in NEEDS) for t in {t for *_, ts, _ in NEEDS for t in ts}}
    assert dict(zip(df["type"], df["needs"], strict=True)) == expected
    assert df["needs"].sum() > len(NEEDS)  # multi-type needs make type totals exceed needs
    assert df["type"].tolist()[0] == "capacity-building"
    assert df.loc[df["type"] == "legislative", "share"].iloc[0] == pytest.approx(expected["legislative"] / len(NEEDS))


def test_filters_narrow_every_dimension(con):
    f = Filters(cycles=(2,), groups=("African States",), chapters=(2,), types=("capacity-building",))
    expected = sum(1 for iso3, cycle, chapter, _a, types, _t in NEEDS if cycle == 2 and chapter == 2
                   and iso3 in ("KEN", "CIV", "NGA") and "capacity-building" in types)
    assert queries.count_needs(con, f) == expected == 4
    assert len(queries.needs_table(con, f)) == expected
    assert queries.needs_by_group(con, f)["needs"].tolist() == [expected]
    assert queries.count_needs(con, Filters(articles=(9,))) == sum(9 in a for _i, _c, _h, a, _t, _x in NEEDS)
    assert queries.count_needs(con, Filters(states=("PER",), search="CAPACITACIÓN")) == 2
    assert queries.count_needs(con, Filters(search="training system")) == 1


def test_drill_down_counts_equal_rows_for_every_cell(con):
    f = Filters(cycles=(1, 2))
    matrix = queries.article_type(con, f)
    for row in matrix.itertuples():
        narrow = f.narrow(articles=(row.article,), types=(row.type,))
        assert len(queries.needs_table(con, narrow, limit=None)) == row.needs
    for row in queries.group_type(con, f).itertuples():
        narrow = f.narrow(groups=(row.regional_group,), types=(row.type,))
        assert queries.count_needs(con, narrow) == row.needs
    for row in queries.needs_by_subtype(con, f).itertuples():
        assert len(queries.needs_table(con, f, subtype=row.subtype, limit=None)) == row.needs


def test_documents_behind_needs_add_up_to_the_needs(con):
    for f in [Filters(), Filters(groups=("African States",), chapters=(2,), types=("capacity-building",))]:
        documents = queries.needs_documents(con, f)
        table = queries.needs_table(con, f, limit=None)
        assert documents["Needs"].sum() == queries.count_needs(con, f) == len(table)
        assert set(documents["Symbol"]) == set(table["Symbol"])
        per_symbol = table.groupby("Symbol").size().to_dict()
        assert dict(zip(documents["Symbol"], documents["Needs"], strict=True)) == per_symbol


def test_headline_and_explorer_limit(con):
    head = queries.headline(con, Filters(groups=("African States",)))
    assert head == {"documents": 5, "states": 3, "needs": 13, "states_with_needs": 3, "documents_without": 0,
                    "states_without": 0}
    assert len(queries.needs_table(con, Filters(), limit=5)) == 5
    assert list(queries.needs_table(con, Filters(), limit=1).columns) == queries.NEEDS_COLUMNS


def test_state_profile_lists_documents_and_no_needs_chapters(con):
    docs = queries.state_documents(con, "FRA")
    assert docs["cycle"].tolist() == [1, 2]
    assert "no needs" in docs.loc[docs["cycle"] == 1, "chapters"].iloc[0]
    assert len(queries.state_no_needs(con, "FRA")) == 2


def test_filter_options_and_facts(con):
    options = queries.filter_options(con)
    assert options.cycles == (1, 2)
    assert ("KEN", "Kenya") in options.states
    assert len(options.articles) == 71
    facts = queries.warehouse_facts(con)
    assert facts["is_sample"] is True and facts["needs"] == len(NEEDS)


OPTIONS = FilterOptions(cycles=(1, 2), groups=(("African States", "African"),), states=(("KEN", "Kenya"),),
                        chapters=((2, "II Preventive measures"), (5, "V Asset recovery")),
                        articles=((8, "Codes"), (9, "Procurement")))


def test_filters_round_trip_through_url_params():
    f = Filters(cycles=(2,), groups=("African States",), states=("KEN",), chapters=(2,), articles=(8, 9),
                types=("legislative",), search="asset declaration")
    restored, notes = from_params(f.to_params(), OPTIONS)
    assert restored == f and notes == []
    assert Filters.from_key(f.key()) == f


def test_invalid_url_values_are_dropped_with_notes():
    params = {"cycle": ["3", "II"], "group": "african", "state": ["ken", "XXX"], "chapter": "IX",
              "article": ["8", "abc"], "type": "magic", "colour": "red"}
    restored, notes = from_params(params, OPTIONS)
    assert restored == Filters(cycles=(2,), groups=("African States",), states=("KEN",), articles=(8,))
    text = " ".join(notes)
    for bad in ("'3'", "'XXX'", "'IX'", "'abc'", "'magic'", "colour"):
        assert bad in text


def test_csv_has_bom_and_xlsx_reads_back(con):
    table = queries.needs_table(con, Filters(states=("CIV",)), limit=None)
    data = exports.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == queries.NEEDS_COLUMNS and len(rows) == len(table) + 1
    assert any("Haute Autorité" in cell for row in rows for cell in row)
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(table, about={"Filters": "CIV"})))
    sheet = book["Needs"]
    assert [c.value for c in sheet[1]] == queries.NEEDS_COLUMNS
    assert sheet.max_row == len(table) + 1
    assert book["About"]["B1"].value == "CIV"


def test_charts_carry_counts_titles_and_drill_keys(con):
    by_type = queries.needs_by_type(con, Filters())
    fig = charts.type_bar(by_type)
    bar = fig.data[0]
    assert list(bar.text) == [str(n) for n in by_type["needs"]]
    assert fig.layout.title.text and fig.layout.yaxis.title.text
    assert charts.drill_fields(bar.customdata[0]) == {"types": "capacity-building"}
    assert bar.marker.color[0] == charts.TYPE_COLOURS["capacity-building"]
    heat = charts.heatmap(queries.article_type(con, Filters()), x="type", y="label", x_key=("types", "type"),
                          y_key=("articles", "article"), title="t", x_label="x", y_label="y")
    assert charts.drill_fields(heat.data[0].customdata[0][0]).keys() == {"types", "articles"}
    world = charts.world_map(queries.needs_by_state(con, Filters()))
    assert world.data[0].locationmode == "ISO-3"
    assert world.layout.geo.projection.rotation.lon == 0  # Greenwich in the middle, whichever States have data
    assert charts.empty_figure("Nothing").layout.annotations[0].text.startswith("No needs")


def test_every_chart_spec_passes_plotly_validation(con):
    # charts build figures without plotly.py's validation for speed; this is where the specs are checked.
    f = Filters()
    by_type, by_chapter = queries.needs_by_type(con, f), queries.needs_by_chapter(con, f)
    figures = [
        charts.type_bar(by_type), charts.chapter_bar(by_chapter), charts.group_bar(queries.needs_by_group(con, f)),
        charts.article_bar(queries.needs_by_article(con, f)), charts.subtype_bar(queries.needs_by_subtype(con, f)),
        charts.by_type_bars(queries.group_type(con, f), category="label", key_field="groups",
                            key_column="regional_group", title="t", x_label="x"),
        charts.heatmap(queries.group_chapter(con, f), x="chapter_label", y="label", x_key=("chapters", "chapter"),
                       y_key=("groups", "regional_group"), title="t", x_label="x", y_label="y"),
        charts.world_map(queries.needs_by_state(con, f)), charts.empty_figure("Nothing"),
        charts.type_bar(by_type.head(0)), charts.article_bar(queries.needs_by_article(con, f).head(0)),
    ]
    for fig in figures:
        checked = go.Figure(fig.to_dict())  # raises ValueError on any property plotly.js does not know
        assert checked.to_plotly_json()["layout"]["title"]["text"] == fig.layout.title.text
        assert [t.type for t in checked.data] == [t.type for t in fig.data]


def test_grouped_bars_keep_the_frame_order_of_categories():
    df = pd.DataFrame({"chapter": [2, 5, 5], "label": ["Ch. II", "Ch. V", "Ch. V"],
                       "type": ["legislative", "capacity-building", "legislative"], "needs": [2, 3, 1]})
    fig = charts.by_type_bars(df, category="label", key_field="chapters", key_column="chapter", title="t", x_label="x")
    assert fig.data[0].x == ("Ch. V",)  # the first trace (capacity-building) has chapter V only...
    assert list(fig.layout.xaxis.categoryarray) == ["Ch. II", "Ch. V"]  # ...yet chapter II comes first


def test_map_topojson_is_served_locally():
    assert (charts.STATIC_DIR / "world_110m.json").stat().st_size > 50_000


def test_warehouse_version_changes_on_publish_and_problems_are_explained(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    assert warehouse.version(path) is None
    assert "python -m pipelines load" in warehouse.problem(path)
    build_warehouse(path, needs=False)
    assert "no documents" in warehouse.problem(path)
    before = warehouse.version(path)
    fresh = build_warehouse(tmp_path / "next.duckdb")
    os.replace(fresh, path)
    assert warehouse.version(path) != before and warehouse.problem(path) is None
    reader = warehouse.connect(path)
    with pytest.raises(duckdb.Error):
        reader.execute("CREATE TABLE x (i INTEGER)")
    reader.close()
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    assert warehouse.warehouse_path() == Path(path)

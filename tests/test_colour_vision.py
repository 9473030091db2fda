"""Charts read without colour: under simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009) the
colours of categories that touch stay apart, and where colour still carries meaning, labels or patterns say it too."""

from __future__ import annotations

import itertools

import pytest

from app import charts, queries, slides, warehouse
from app.filters import TYPES, Filters
from tests.app_warehouse import build_warehouse
from tests.colour_vision import MACHADO, distance

DEFICIENCIES = [None, *MACHADO]
MIN_TOUCHING = 20.0  # CIE76 units between bars side by side: clearly two colours, not two shades of one grey
MIN_MAP = MIN_TOUCHING  # between the three fills of the map


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = warehouse.connect(build_warehouse(tmp_path_factory.mktemp("wh") / "warehouse.duckdb"))
    yield connection
    connection.close()


def _least(colours: list[str], pairs) -> dict[str | None, float]:
    pairs = list(pairs)
    return {d: min(distance(colours[i], colours[j], d) for i, j in pairs) for d in DEFICIENCIES}


def test_any_two_type_colours_stay_apart_under_every_deficiency():
    # Any two types can stand side by side in the grouped bars (when the types between them have no needs).
    colours = [charts.TYPE_COLOURS[t] for t in TYPES]
    least = _least(colours, itertools.combinations(range(len(colours)), 2))
    print("type colours, least CIE76 distance:", {d or "normal": round(v, 1) for d, v in least.items()})
    assert min(least.values()) >= MIN_TOUCHING


def test_neighbouring_group_colours_stay_apart_under_every_deficiency():
    colours = list(charts.GROUP_COLOURS.values())
    least = _least(colours, zip(range(len(colours) - 1), range(1, len(colours)), strict=True))
    print("group colours (neighbours), least CIE76 distance:", {d or "normal": round(v, 1) for d, v in least.items()})
    assert min(least.values()) >= MIN_TOUCHING


def test_the_three_map_states_and_the_scale_stay_apart():
    low, high = charts.MAP_SCALE[0][1], charts.MAP_SCALE[-1][1]
    fills = [low, charts.REVIEWED_NONE, charts.NO_DATA]
    least = _least(fills, itertools.combinations(range(3), 2))
    print("map fills, least CIE76 distance:", {d or "normal": round(v, 1) for d, v in least.items()})
    assert min(least.values()) >= MIN_MAP
    assert min(distance(low, high, d) for d in DEFICIENCIES) >= 2 * MIN_TOUCHING  # the scale runs light to dark


def test_grouped_bars_carry_patterns_and_a_large_key(con):
    fig = charts.by_type_bars(queries.group_type(con, Filters()), category="label", key_field="groups",
                              key_column="regional_group", title="t", x_label="x")
    shapes = [trace.marker.pattern.shape for trace in fig.data]
    assert len(set(shapes)) == len(shapes) == len(fig.data) > 1  # one pattern per type, the first plain
    assert fig.layout.legend.font.size >= 20 and all(trace.name for trace in fig.data)


def test_charts_coloured_by_category_name_every_bar(con):
    f = Filters()
    subtypes = charts.subtype_bar(queries.needs_by_subtype(con, f))
    data = queries.needs_by_subtype(con, f)
    # The subtype chart is coloured by type: the type is also written after each bar.
    assert [t.split(" · ")[1] for t in subtypes.data[0].text] == [queries.TYPE_LABELS[t] for t in data["type"]]
    for fig in (charts.type_bar(queries.needs_by_type(con, f)), charts.group_bar(queries.needs_by_group(con, f))):
        trace = fig.data[0]
        assert len(set(trace.marker.color)) > 1 and len(set(trace.x)) == len(trace.x) == len(trace.text)


def test_slides_label_every_bar(con):
    for slide in slides.slides_for_filters(con, Filters()):
        for trace in slide.figure.data:
            assert len(trace.text) == len(trace.y) and all(str(t).strip() for t in trace.text)


def test_map_shows_three_states_with_whole_number_ticks_and_zooms_to_the_selection(con):
    f = Filters(chapters=(3,))
    status = queries.state_status(con, f)
    fig = charts.world_map(status, zoom=True)
    needs, none = fig.data[0], fig.data[1]
    assert set(needs.locations) == set(status.loc[status["status"] == queries.STATUS_NEEDS, "iso3"])
    assert "FRA" in none.locations and none.colorscale[0][1] == charts.REVIEWED_NONE
    assert fig.data[2].name == "Not reviewed or not loaded" and fig.layout.geo.landcolor == charts.NO_DATA
    assert all(float(t).is_integer() for t in needs.colorbar.tickvals) and needs.colorbar.tickvals[0] == 1
    assert fig.layout.geo.fitbounds == "locations"
    assert charts.world_map(status).layout.geo.fitbounds in (None, False)
    assert charts._count_ticks(7) == [1, 3, 5, 7] and charts._count_ticks(2) == [1, 2]

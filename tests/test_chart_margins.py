"""Margins worked out in Python (app/chart_margins.py): room for every label, slants that do not depend on the
screen, nothing else of the figure changed. That plotly.js then finds nothing to widen, in a real browser on every
chart page, is tests/e2e/test_chart_margins.py."""

from __future__ import annotations

import pandas as pd
import pytest

from app import chart_margins, charts

ARTICLES = pd.DataFrame({
    "article": [5, 54, 9], "label": ["Art. 5", "Art. 54", "Art. 9"],
    "title": ["Preventive anti-corruption policies and practices",
              "Mechanisms for recovery of property through international cooperation in confiscation",
              "Public procurement and management of public finances"],
    "needs": [12, 3, 7]})
GROUPS = pd.DataFrame({
    "regional_group": ["African States", "Asia-Pacific States", "Eastern European States",
                       "Latin American and Caribbean States", "Western European and other States"],
    "label": ["African States", "Asia-Pacific States", "Eastern European States",
              "Latin American and Caribbean States", "Western European and other States"],
    "needs": [40, 31, 12, 25, 9]})
CHAPTERS = pd.DataFrame({"chapter": [2, 5], "label": ["Chapter II", "Chapter V"],
                         "title": ["Preventive measures", "Asset recovery"], "needs": [77, 9400]})


def _margin(fig) -> dict:
    return fig.to_plotly_json()["layout"]["margin"]


def test_the_left_margin_holds_the_longest_category_label():
    fig = charts.article_bar(ARTICLES)
    longest = max(fig.data[0].y, key=lambda label: chart_margins.text_px(label, 16))
    fitted = chart_margins.fit(fig)
    assert _margin(fitted)["l"] >= chart_margins.text_px(longest, 16) + 20
    # ... and not much more than it and the axis's spacing: no page of white beside the bars.
    assert _margin(fitted)["l"] <= chart_margins.text_px(longest, 16) + 60


def test_counts_on_the_value_axis_get_room_for_their_widest_tick():
    fitted = chart_margins.fit(charts.chapter_bar(CHAPTERS))
    # 9,400 needs: the axis runs to about 10,800, ticks read "10k"; room for "11k" and the axis title "Needs".
    assert _margin(fitted)["l"] >= chart_margins.text_px("10k", 16) + 16 * 1.2
    assert chart_margins._tick_text(9400) == "11k" and chart_margins._tick_text(77) == "89"


def test_long_category_labels_are_slanted_and_the_bottom_margin_holds_them():
    fitted = chart_margins.fit(charts.group_bar(GROUPS))
    layout = fitted.to_plotly_json()["layout"]
    assert layout["xaxis"]["tickangle"] == chart_margins.SLANT
    longest = chart_margins.text_px("Latin American and Caribbean States", 16)
    assert layout["margin"]["b"] >= longest * 0.5  # sin 30°


def test_short_category_labels_stay_level_and_the_hall_screen_has_room_for_more():
    assert "tickangle" not in chart_margins.fit(charts.chapter_bar(CHAPTERS)).to_plotly_json()["layout"]["xaxis"]
    types = pd.DataFrame({"type": ["capacity-building", "legislative", "institution-building", "policymaking",
                                   "other"], "label": ["Capacity-building", "Legislative", "Institution-building",
                                                       "Policymaking", "Other"], "needs": [5, 4, 3, 2, 1]})
    big = charts.for_hall(charts.type_bar(types))
    # 24 px labels: they would collide in a laptop's 800 px of plot, not in the wall screen's 1600.
    assert chart_margins.fit(big).to_plotly_json()["layout"]["xaxis"].get("tickangle") == chart_margins.SLANT
    level = chart_margins.fit(big, plot_width=chart_margins.HALL_PLOT).to_plotly_json()["layout"]["xaxis"]
    assert "tickangle" not in level
    # In one of two columns the same 16 px labels slant.
    half = chart_margins.fit(charts.type_bar(types), plot_width=chart_margins.HALF_PLOT)
    assert half.to_plotly_json()["layout"]["xaxis"].get("tickangle") == chart_margins.SLANT


def test_a_colour_bar_gets_room_on_the_right():
    matrix = pd.DataFrame({"article": [5, 9], "label": ["Art. 5", "Art. 9"], "type": ["legislative", "other"],
                           "type_label": ["Legislative", "Other"], "needs": [1200, 3]})
    fig = charts.heatmap(matrix, x="type_label", y="label", x_key=("types", "type"), y_key=("articles", "article"),
                         title="t", x_label="Type", y_label="Article")
    assert _margin(chart_margins.fit(fig))["r"] >= 55 + chart_margins.text_px("1380", 16)


def test_a_map_keeps_its_axes_margins_and_gets_room_for_its_colour_bar():
    states = pd.DataFrame({"iso3": ["KEN", "FRA"], "country": ["Kenya", "France"], "needs": [4, 2],
                           "status": ["needs", "needs"]})
    fig = charts.world_map(states)
    fitted = _margin(chart_margins.fit(fig))
    before = _margin(fig)
    assert (fitted["l"], fitted["b"], fitted["t"]) == (before["l"], before["b"], before["t"])
    assert fitted["r"] > before["r"]


@pytest.mark.parametrize("build", [lambda: charts.article_bar(ARTICLES), lambda: charts.group_bar(GROUPS),
                                   lambda: charts.with_caption(charts.chapter_bar(CHAPTERS), "All needs. " * 12)])
def test_only_margins_and_slant_change_and_never_shrink(build):
    fig = build()
    before = fig.to_plotly_json()
    after = chart_margins.fit(fig).to_plotly_json()
    assert fig.to_plotly_json() == before  # the figure passed in is left as it was
    assert after["data"] == before["data"]
    for side, room in before["layout"]["margin"].items():
        assert after["layout"]["margin"][side] >= room
    changed = {k for k in after["layout"] if after["layout"][k] != before["layout"].get(k)}
    assert changed <= {"margin", "xaxis"}
    assert {k: v for k, v in after["layout"]["xaxis"].items() if k != "tickangle"} == before["layout"]["xaxis"]


def test_an_empty_figure_is_left_alone():
    fig = charts.empty_figure("Nothing")
    assert chart_margins.fit(fig) is fig


def test_text_is_measured_in_the_pages_font_at_its_regular_weight():
    # Source Sans at weight 400: an "M" is several times an "i", and width grows with the size.
    assert chart_margins._font() is not None, "Streamlit's Source Sans font file was not found"
    assert chart_margins.text_px("MMMM", 16) > 2.5 * chart_margins.text_px("iiii", 16)
    assert chart_margins.text_px("Needs", 32) == pytest.approx(2 * chart_margins.text_px("Needs", 16), rel=0.02)
    # The variable font's default instance is its lightest weight: measuring with it gave labels 5% too narrow.
    light = chart_margins._font().font_variant()
    light.set_variation_by_axes([200])
    label = "Art. 54 Mechanisms for recovery of property through international cooperation"
    assert chart_margins.text_px(label, 100) > light.getlength(label) * 1.03

"""Rendering helpers shared by the pages: page header, chart with data table, PNG and drill-down to the needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import cached, chart_margins, charts, display, exports, queries, scope, sources
from app.filters import TYPE_LABELS, Filters

DRILL_LIMIT = 1000
DRILL_COLUMNS = ["State", "Need", "Types", "Chapter", "Articles", "Symbol", "Cycle", "Regional group", "Location"]
# Widths for need tables: the statement gets the room, short codes stay narrow.
SYMBOL_LINK = st.column_config.LinkColumn("Symbol", display_text=sources.symbol_display(),
                                          help="Opens the official document in the United Nations documents system")
NEEDS_COLUMN_CONFIG = {"Need": st.column_config.TextColumn(width="large"), "Symbol": SYMBOL_LINK,
                       "Chapter": st.column_config.TextColumn(width="small"),
                       "Articles": st.column_config.TextColumn(width="small"),
                       "Cycle": st.column_config.NumberColumn(width="small")}
TYPE_RULE = ("Counting rule: a need can carry several types; by type, it counts once under each of its types, so "
             "the type totals can exceed the number of needs. Everywhere else each need counts once.")
ARTICLE_RULE = ("Counting rule: by article, a need counts once under each article it cites, so article totals can "
                "exceed the number of needs; needs citing no article are not in this chart.")
COUNTING_RULES = """
- **One need** is one bullet, one numbered or lettered item, or one element of a semicolon-separated list in the
  technical-assistance part of a chapter of an executive summary.
- Every figure counts needs (rows of the needs table) **once**, except the breakdowns **by type, subtype and
  article**, where a need counts once under **each** of its types (subtypes, articles). Those totals can exceed the
  number of needs; shares of types are shares of needs, so they can add up to more than 100 %.
- Summaries and States in the headline are those holding needs that match every filter; those that reviewed a
  chapter in scope without any such need are counted apart, and the Country profile lists them.
- A chapter part that says no needs were identified counts zero needs and is listed on the Country profile.
"""


def filters_summary(f: Filters, state_names: dict[str, str] | None = None) -> str:
    """The active filters in one line; States by name when state_names (ISO3 to name) is given."""
    return f"Showing {scope.filters_in_words(f, state_names)}."


def numerals_of(numbers: Sequence[int]) -> list[str]:
    """Roman numerals, as the documents write cycles and chapters."""
    return scope.numerals_of(numbers)


def facts() -> dict[str, object]:
    """What data the warehouse holds: run, date, sample or not (queries.warehouse_facts)."""
    return cached.run(queries.warehouse_facts)


def scope_line(f: Filters) -> str:
    """The filters, data run and date of a view, in one line."""
    return scope.scope_line(f, facts(), state_names())


def for_people(data: pd.DataFrame) -> pd.DataFrame:
    """A chart's table as people read it: type names instead of codes, shares in per cent."""
    shown = data.copy()
    if "type" in shown:
        shown["type"] = shown["type"].map(lambda t: TYPE_LABELS.get(t, t))
    if "share" in shown:
        shown["share"] = (shown["share"] * 100).round(1)
    names = {"type": "Type", "label": "Label", "needs": "Needs", "share": "Share of needs (%)", "states": "States",
             "documents": "Executive summaries", "chapter": "Chapter", "article": "Article", "title": "Title",
             "regional_group": "Regional group", "subtype": "Subtype code", "country": "State", "iso3": "ISO3",
             "summaries": "Executive summaries", "numeral": "Numeral", "chapter_label": "Chapter label"}
    return shown.rename(columns={c: names[c] for c in shown.columns if c in names})


def linked(df: pd.DataFrame) -> pd.DataFrame:
    """The table with each Symbol as the link to its official document (shown as the symbol by SYMBOL_LINK)."""
    if "Symbol" not in df:
        return df
    return df.assign(Symbol=df["Symbol"].map(lambda s: sources.symbol_url(s) or s))


def table_height(rows: int, *, most: int = 600) -> int:
    """Pixel height that fits a table of this many rows, up to most, so short tables show no empty rows."""
    return min(most, 38 + 35 * max(rows, 1))


def page_header(title: str, intro: str, f: Filters) -> None:
    """Title, one line on what the page shows, and the active filters."""
    st.title(title)
    st.caption(intro)
    st.markdown(f"*{filters_summary(f, state_names())}* — data: {scope.data_in_words(facts())}.")


def state_names() -> dict[str, str]:
    """ISO3 code to State name, for the States loaded."""
    return dict(cached.run(queries.filter_options).states)


def plot_config(name: str) -> dict[str, object]:
    """plotly.js config: local map topojson, PNG export from the chart's toolbar, no Plotly logo."""
    return {"topojsonURL": charts.TOPOJSON_URL, "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}


def _picked(event: object) -> str | None:
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and "=" in custom:
            return custom
    return None


def narrowed(f: Filters, key: str) -> tuple[Filters, str | None]:
    """The filters behind one bar or cell (its drill key), and its subtype when the key names one."""
    fields = charts.drill_fields(key)
    subtype = fields.pop("subtype", None)
    changes: dict[str, object] = {}
    for name, value in fields.items():
        changes[name] = (int(value),) if name in ("cycles", "chapters", "articles") else (value,)
    return f.narrow(**changes), subtype


def show_needs(f: Filters, key: str, label: str) -> None:
    """The need statements behind one number, with their count."""
    narrow, subtype = narrowed(f, key)
    total = cached.run(queries.count_needs, narrow, subtype=subtype)
    table = cached.run(queries.needs_table, narrow, subtype=subtype, limit=DRILL_LIMIT)
    st.markdown(f"**{total} need{'s' if total != 1 else ''}** behind *{label}*:")
    if total > len(table):
        st.caption(f"First {len(table)} shown; the Needs explorer lists and downloads all of them.")
    shown = [c for c in DRILL_COLUMNS[:2] + ["Matched"] + DRILL_COLUMNS[2:] if c in table]
    st.dataframe(linked(table[shown]), hide_index=True, width="stretch",
                 height=table_height(len(table), most=420), column_config=NEEDS_COLUMN_CONFIG)


def figure(fig: go.Figure, data: pd.DataFrame, *, key: str, f: Filters, drill: Sequence[tuple[str, str]],
           rule: str | None = None, on_pick: Callable[[str], None] | None = None, half_width: bool = False) -> None:
    """A chart with: its counting rule, a data table, CSV and PNG downloads, and the needs behind a bar or cell.

    drill lists (label, drill key) for every bar or cell; clicking one on the chart or choosing it below lists
    its needs.
    """
    title = fig.layout.title.text or key
    name = scope.file_stem(title, f, facts(), state_names())
    # The scope rides on the chart itself, so a picture taken from the page or its toolbar still says what it shows.
    fig = charts.with_caption(fig, scope_line(f))
    if display.is_hall():
        fig = charts.for_hall(fig)
    # Last, once every text has its final size: margins that fit, so the browser draws the chart once.
    room = chart_margins.HALL_PLOT if display.is_hall() else chart_margins.FULL_PLOT
    fig = chart_margins.fit(fig, plot_width=room // 2 if half_width else room)
    def picked_now() -> None:
        # Runs before the rerun, while widget values may still be changed (the map's click sets the State filter).
        chosen = _picked(st.session_state.get(key))
        if chosen and on_pick is not None:
            on_pick(chosen)

    event = st.plotly_chart(fig, key=key, on_select=picked_now if on_pick else "rerun", selection_mode="points",
                            config=plot_config(name), theme=None)
    if rule:
        st.caption(rule)
    # Built only once opened: a closed table would still make every first visit load, parse and lay out the
    # data grid's JavaScript before the charts are drawn (first-paint benchmark, app/bench_first_paint.py).
    with st.expander(f"Data table: {title}", key=f"{key}_table", on_change="rerun") as table:
        if table.open:
            data = for_people(data)
            st.dataframe(data, hide_index=True, width="stretch")
            left, right = st.columns(2)
            left.download_button("Download table (CSV)", exports.csv_bytes(data), file_name=f"{name}.csv",
                                 mime=exports.CSV_MIME, key=f"{key}_csv", on_click="ignore")
            right.download_button("Download chart (PNG)", lambda: charts.png_bytes(fig), file_name=f"{name}.png",
                                  mime="image/png", key=f"{key}_png", on_click="ignore")
    if not drill:
        return
    labels = dict(drill)
    picked = _picked(event)
    by_key = {k: label for label, k in drill}
    choice = st.selectbox("Show the needs behind", list(labels), index=None, key=f"{key}_drill",
                          placeholder="Click a bar on the chart, or choose one here")
    if picked in by_key:
        show_needs(f, picked, by_key[picked])
    elif choice is not None:
        show_needs(f, labels[choice], choice)

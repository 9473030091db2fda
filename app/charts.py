"""Plotly figures for the dashboard: titled, labelled, counts on bars, one colour-blind-safe palette (Okabe-Ito)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from app.filters import TYPE_LABELS, TYPES

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
TOPOJSON_URL = "/app/static/"  # Streamlit serves static/ here (server.enableStaticServing)

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999", "black": "#000000"}
# The five Okabe-Ito colours that stay furthest apart under deuteranopia, protanopia and tritanopia (at least 31
# CIE76 units between any two; tests/test_colour_vision.py simulates them), so that neighbouring type bars differ
# without colour vision; patterns and a large key say the same again, and bars are outlined (yellow on white).
TYPE_COLOURS = {"capacity-building": OKABE_ITO["blue"], "legislative": OKABE_ITO["vermillion"],
                "institution-building": OKABE_ITO["yellow"], "policymaking": OKABE_ITO["black"],
                "other": OKABE_ITO["grey"]}
TYPE_PATTERNS = {"capacity-building": "", "legislative": "/", "institution-building": ".", "policymaking": "x",
                 "other": "-"}
OUTLINE = {"color": "#1F2933", "width": 1}
LEGEND_FONT = 20  # the key of a multi-series chart: larger than the ticks, it is what the patterns refer to
GROUP_COLOURS = {"African States": OKABE_ITO["vermillion"], "Asia-Pacific States": OKABE_ITO["sky"],
                 "Eastern European States": OKABE_ITO["yellow"],
                 "Latin American and Caribbean States": OKABE_ITO["purple"],
                 "Western European and other States": OKABE_ITO["blue"], "Other": OKABE_ITO["grey"]}
NEUTRAL = OKABE_ITO["blue"]
SEQUENTIAL = [[0.0, "#F7FBFF"], [0.5, OKABE_ITO["sky"]], [1.0, OKABE_ITO["blue"]]]
# On the map the lowest count must still stand out from the grey of States without needs.
MAP_SCALE = [[0.0, "#C6E2F7"], [0.5, OKABE_ITO["sky"]], [1.0, OKABE_ITO["blue"]]]
NO_DATA = "#A0A8B2"  # land of States not reviewed on the chapters in scope, or without a summary loaded
REVIEWED_NONE = "#F5E6B8"  # States reviewed on the chapters in scope with no needs in scope
# The font the dashboard's pages load (Streamlit serves "Source Sans" itself): charts name it, and nothing else, so
# their text matches the page and never asks for a font that is not there; elsewhere (PNG) the system sans-serif.
PAGE_FONT = "Source Sans, sans-serif"
FONT = {"family": PAGE_FONT, "size": 16, "color": "#1F2933"}
DRILL_SEP = "|"


def drill_key(**fields: object) -> str:
    """Identity of a bar or cell, 'chapters=2|types=legislative', read back by drill_fields()."""
    return DRILL_SEP.join(f"{name}={value}" for name, value in fields.items())


def drill_fields(key: str) -> dict[str, str]:
    """The fields encoded by drill_key()."""
    return dict(part.split("=", 1) for part in key.split(DRILL_SEP) if "=" in part)


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain plotly.js dicts, without plotly.py's per-property validation.

    Building through go.Bar(...) and update_layout() validates every property in Python and took 10-17 ms per
    chart, most of a filter change's time on a page of four charts. These specs are checked against plotly's
    schema in the tests (tests/test_app_queries.py builds every chart with validation on), so the dashboard
    can skip that work on every rerun.
    """
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _layout(title: str, x_label: str, y_label: str, *, height: int = 440, **extra: Any) -> dict[str, Any]:
    xaxis = {"title": {"text": x_label}, "automargin": True, **extra.pop("xaxis", {})}
    yaxis = {"title": {"text": y_label}, "automargin": True, "gridcolor": "#E4E7EB", **extra.pop("yaxis", {})}
    return {"title": {"text": title, "font": {"size": 20}}, "font": FONT, "height": height,
            "margin": {"l": 10, "r": 10, "t": 70, "b": 10}, "plot_bgcolor": "white",
            "legend": {"title": {"text": ""}, "orientation": "h", "y": -0.2}, "clickmode": "event+select",
            "xaxis": xaxis, "yaxis": yaxis, **extra}


def _whole_numbers(values: list[int]) -> dict[str, Any]:
    # Counts are whole numbers: small ones would otherwise get ticks at 0.5.
    return {"dtick": 1} if values and max(values) <= 10 else {}


def empty_figure(title: str) -> go.Figure:
    """A figure that says there is nothing to show, so a page never breaks on an empty selection."""
    note = {"text": "No needs match the filters", "showarrow": False, "font": {"size": 18}}
    return _figure([], _layout(title, "", "", height=260, annotations=[note], xaxis={"visible": False},
                               yaxis={"visible": False}))


def bar(df: pd.DataFrame, *, label: str, value: str, keys: list[str], title: str, x_label: str, y_label: str,
        colours: list[str] | str = NEUTRAL, hover: str | None = None, horizontal: bool = False) -> go.Figure:
    """One bar per row with its count on it; keys are drill_key() strings carried as customdata."""
    if df.empty:
        return empty_figure(title)
    labels, values = df[label].astype(str).tolist(), [int(v) for v in df[value]]
    hovertext = df[hover].astype(str).tolist() if hover else labels
    trace = {
        "type": "bar", "x": values if horizontal else labels, "y": labels if horizontal else values,
        "orientation": "h" if horizontal else "v", "marker": {"color": colours, "line": OUTLINE},
        "text": [str(v) for v in values],
        "textposition": "outside", "cliponaxis": False, "customdata": keys, "hovertext": hovertext,
        "hovertemplate": "%{hovertext}: %{text}<extra></extra>", "textfont": {"size": 16},
    }
    ticks = _whole_numbers(values)
    if horizontal:
        # The long category labels say what they are ("Art. 9 Public procurement ..."); an axis title beside them
        # would sit on top of them, so the category axis goes untitled.
        return _figure([trace], _layout(title, y_label, "", height=max(320, 60 + 34 * len(df)), xaxis=ticks,
                                        yaxis={"autorange": "reversed"}))
    return _figure([trace], _layout(title, x_label, y_label, yaxis=ticks))


def type_bar(df: pd.DataFrame, title: str = "Needs by type of assistance") -> go.Figure:
    """Needs per type (queries.needs_by_type), each type in its own colour."""
    keys = [drill_key(types=t) for t in df["type"]] if not df.empty else []
    colours = [TYPE_COLOURS.get(t, OKABE_ITO["black"]) for t in df["type"]] if not df.empty else NEUTRAL
    return bar(df, label="label", value="needs", keys=keys, title=title, x_label="Type of assistance",
               y_label="Needs (a need counts under each of its types)", colours=colours)


def chapter_bar(df: pd.DataFrame, title: str = "Needs by chapter of the Convention") -> go.Figure:
    """Needs per chapter (queries.needs_by_chapter)."""
    keys = [drill_key(chapters=c) for c in df["chapter"]] if not df.empty else []
    hover = df.assign(h=df["label"] + " " + df["title"]) if not df.empty else df
    return bar(hover, label="label", value="needs", keys=keys, title=title, x_label="Chapter", y_label="Needs",
               hover="h" if not df.empty else None)


def article_bar(df: pd.DataFrame, title: str = "Needs by article") -> go.Figure:
    """Needs per article with titles (queries.needs_by_article), horizontal so titles stay readable."""
    if df.empty:
        return empty_figure(title)
    shown = df.assign(name=df["label"] + " " + df["title"].str.slice(0, 60))
    keys = [drill_key(articles=a) for a in df["article"]]
    return bar(shown, label="name", value="needs", keys=keys, title=title, x_label="Article", horizontal=True,
               y_label="Needs (a need counts under each article it cites)")


def group_bar(df: pd.DataFrame, title: str = "Needs by regional group") -> go.Figure:
    """Needs per regional group (queries.needs_by_group), each group in its own colour."""
    keys = [drill_key(groups=g) for g in df["regional_group"]] if not df.empty else []
    colours = [GROUP_COLOURS.get(g, OKABE_ITO["black"]) for g in df["regional_group"]] if not df.empty else NEUTRAL
    return bar(df, label="label", value="needs", keys=keys, title=title, x_label="Regional group", y_label="Needs",
               colours=colours, hover="regional_group" if not df.empty else None)


def subtype_bar(df: pd.DataFrame, title: str = "Needs by subtype") -> go.Figure:
    """Needs per subtype (queries.needs_by_subtype), coloured by the type it rolls up to."""
    if df.empty:
        return empty_figure(title)
    keys = [drill_key(subtype=s) for s in df["subtype"]]
    colours = [TYPE_COLOURS.get(t, OKABE_ITO["black"]) for t in df["type"]]
    fig = bar(df, label="label", value="needs", keys=keys, title=title, x_label="Subtype", horizontal=True,
              y_label="Needs (a need counts under each of its subtypes)", colours=colours)
    # The colour says which type a subtype rolls up to; the label after the bar says it in words.
    trace = fig.data[0]
    trace.text = [f"{n} · {TYPE_LABELS.get(t, t)}" for n, t in zip(df["needs"], df["type"], strict=True)]
    trace.marker.line = OUTLINE
    fig.layout.xaxis.range = [0, max(int(v) for v in df["needs"]) * 1.6]
    return fig


def by_type_bars(df: pd.DataFrame, *, category: str, key_field: str, key_column: str, title: str,
                 x_label: str) -> go.Figure:
    """Grouped bars: one bar per type within each category (group x type, chapter x type)."""
    if df.empty:
        return empty_figure(title)
    rows: dict[str, list[tuple[str, int, object]]] = {}
    for type_, shown, n, key in zip(df["type"], df[category], df["needs"], df[key_column], strict=True):
        rows.setdefault(type_, []).append((str(shown), int(n), key))
    traces = []
    for type_ in [t for t in TYPES if t in rows]:
        xs = [shown for shown, _, _ in rows[type_]]
        values = [n for _, n, _ in rows[type_]]
        keys = [drill_key(**{key_field: k, "types": type_}) for _, _, k in rows[type_]]
        pattern = {"shape": TYPE_PATTERNS[type_], "solidity": 0.25,
                   "fgcolor": "#FFFFFF" if type_ == "policymaking" else "#000000"}
        traces.append({"type": "bar", "x": xs, "y": values, "name": TYPE_LABELS[type_],
                       "marker": {"color": TYPE_COLOURS[type_], "pattern": pattern, "line": OUTLINE},
                       "text": [str(v) for v in values], "textposition": "outside", "cliponaxis": False,
                       "customdata": keys, "hovertemplate": f"%{{x}} — {TYPE_LABELS[type_]}: %{{y}}<extra></extra>"})
    ticks = _whole_numbers([int(v) for v in df["needs"]])
    # Categories in the frame's order (chapter or group order), not in order of first appearance in the traces:
    # a chapter without capacity-building would otherwise come after the others.
    order = {"categoryorder": "array", "categoryarray": list(dict.fromkeys(str(c) for c in df[category]))}
    legend = {"title": {"text": ""}, "orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
              "font": {"size": LEGEND_FONT}, "itemwidth": 40}
    return _figure(traces, _layout(title, x_label, "Needs (a need counts under each of its types)", height=520,
                                   barmode="group", yaxis=ticks, xaxis=order, legend=legend,
                                   margin={"l": 10, "r": 10, "t": 110, "b": 10}))


def heatmap(df: pd.DataFrame, *, x: str, y: str, x_key: tuple[str, str], y_key: tuple[str, str], title: str,
            x_label: str, y_label: str, x_order: list[str] | None = None) -> go.Figure:
    """A count heatmap with the count in each cell; x_key/y_key = (filter field, column) for drill keys."""
    if df.empty:
        return empty_figure(title)
    present = set(df[x])
    xs = [v for v in (x_order or list(dict.fromkeys(df[x]))) if v in present]
    ys = list(dict.fromkeys(df[y]))
    cells: dict[tuple[object, object], int] = {}
    for yv, xv, n in zip(df[y], df[x], df["needs"], strict=True):
        cells[(yv, xv)] = cells.get((yv, xv), 0) + int(n)
    x_ids = dict(zip(df[x], df[x_key[1]], strict=True))
    y_ids = dict(zip(df[y], df[y_key[1]], strict=True))
    keys = [[drill_key(**{y_key[0]: y_ids[yv], x_key[0]: x_ids[xv]}) for xv in xs] for yv in ys]
    z = [[cells.get((yv, xv), 0) for xv in xs] for yv in ys]
    text = [[str(v) if v else "" for v in row] for row in z]
    trace = {"type": "heatmap", "z": z, "x": [str(v) for v in xs], "y": [str(v) for v in ys], "text": text,
             "texttemplate": "%{text}", "colorscale": SEQUENTIAL, "customdata": keys,
             "hovertemplate": "%{y} × %{x}: %{z}<extra></extra>", "colorbar": {"title": {"text": "Needs"}},
             "xgap": 2, "ygap": 2}
    return _figure([trace], _layout(title, x_label, y_label, height=max(360, 120 + 32 * len(ys)),
                                    yaxis={"autorange": "reversed"}))


def _count_ticks(top: int, most: int = 6) -> list[int]:
    # Whole-number ticks from 1 to the largest count: a colour bar of counts never shows 1.5.
    step = max(1, -(-(top - 1) // (most - 1)))
    ticks = list(range(1, top + 1, step))
    return ticks if ticks[-1] == top else ticks + [top]


def world_map(df: pd.DataFrame, title: str = "Needs per State", *, zoom: bool = False) -> go.Figure:
    """Choropleth of needs per State on ISO3 codes, with the States reviewed without needs in scope in a colour of
    their own and those not reviewed (or not loaded) left grey (queries.state_status; a frame without status, such
    as queries.needs_by_state, holds States with needs only); zoom fits the map to the States listed. The topojson
    is served locally."""
    status = df["status"] if "status" in df else pd.Series("needs", index=df.index)
    hit = df[(status == "needs") & (df["needs"] > 0)]
    none = df[status == "reviewed, no needs"]
    if hit.empty and none.empty:
        return empty_figure(title)
    traces = []
    if not hit.empty:
        top = int(hit["needs"].max())
        ticks = _count_ticks(top)
        traces.append({
            "type": "choropleth", "locations": hit["iso3"].tolist(), "z": [int(v) for v in hit["needs"]],
            "zmin": 1, "zmax": max(top, 2), "locationmode": "ISO-3", "text": hit["country"].tolist(),
            "customdata": [drill_key(states=i) for i in hit["iso3"]], "colorscale": MAP_SCALE,
            "marker": {"line": {"color": "#52606D"}}, "hovertemplate": "%{text}: %{z} needs<extra></extra>",
            "name": "Needs in scope", "showlegend": False,
            "colorbar": {"title": {"text": "Needs"}, "tickmode": "array", "tickvals": ticks,
                         "ticktext": [str(t) for t in ticks]}})
    if not none.empty:
        traces.append({
            "type": "choropleth", "locations": none["iso3"].tolist(), "z": [0] * len(none),
            "locationmode": "ISO-3", "text": none["country"].tolist(),
            "customdata": [drill_key(states=i) for i in none["iso3"]],
            "colorscale": [[0, REVIEWED_NONE], [1, REVIEWED_NONE]], "showscale": False,
            "marker": {"line": {"color": "#52606D"}}, "name": "Reviewed, no needs in scope", "showlegend": True,
            "hovertemplate": "%{text}: reviewed on these chapters, no needs in scope<extra></extra>"})
    rest = df[~df.index.isin(hit.index) & ~df.index.isin(none.index)]
    # The States of the selection with neither drawn in the land's grey, so the key names the grey too.
    traces.append({"type": "choropleth", "locations": rest["iso3"].tolist(), "z": [0] * len(rest),
                   "text": rest["country"].tolist(), "colorscale": [[0, NO_DATA], [1, NO_DATA]], "showscale": False,
                   "name": "Not reviewed or not loaded", "showlegend": True, "locationmode": "ISO-3",
                   "marker": {"line": {"color": "#FFFFFF"}},
                   "hovertemplate": "%{text}: not reviewed on these chapters, or no summary loaded<extra></extra>"})
    geo = {"showframe": False, "showcoastlines": False, "showcountries": True, "countrycolor": "#FFFFFF",
           "showland": True, "landcolor": NO_DATA, "resolution": 110,
           # Pinned to Greenwich: left to itself, plotly.js centres the map on the Pacific once States on both
           # sides of the 180th meridian (Fiji, Kiribati) have data.
           "projection": {"type": "natural earth", "rotation": {"lon": 0}}, "center": {"lon": 0},
           "lonaxis": {"range": [-180, 180]}}
    if zoom:
        # Fitted to the States of the selected groups, so small States are more than a few pixels.
        # plotly.js leaves a fixed rotation in place and then ignores fitbounds, so the rotation goes too.
        geo = {key: value for key, value in geo.items() if key not in ("center", "lonaxis")}
        geo |= {"fitbounds": "locations", "projection": {"type": "natural earth"}}
    legend = {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0, "font": {"size": LEGEND_FONT}}
    return _figure(traces, _layout(title, "", "", height=560, geo=geo, legend=legend))


def _wrap(text: str, chars_per_line: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > chars_per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def with_caption(fig: go.Figure, caption: str, *, chars_per_line: int = 80) -> go.Figure:
    """A copy of the figure with the caption (scope, data run, date) as the title's subtitle, wrapped to fit a
    half-width chart."""
    spec = fig.to_plotly_json()
    layout = dict(spec.get("layout", {}))
    lines = _wrap(caption, chars_per_line)
    size = max(12, int((layout.get("font") or {}).get("size", FONT["size"])) - 3)
    title = dict(layout.get("title") or {})
    title["subtitle"] = {"text": "<br>".join(lines), "font": {"size": size, "color": "#3E4C59"}}
    margin = dict(layout.get("margin") or {})
    margin["t"] = int(margin.get("t", 70)) + len(lines) * (size + 8)
    layout.update(title=title, margin=margin)
    if layout.get("height"):
        layout["height"] = int(layout["height"]) + len(lines) * (size + 8)
    return _figure(spec.get("data", []), layout)


HALL_TEXT = 24  # px, the hall display's least text size


def for_hall(fig: go.Figure, *, size: int = HALL_TEXT) -> go.Figure:
    """A copy of the figure with every text at size px or more (titles larger) and room to match, for a wall
    screen (display=hall)."""
    spec = fig.to_plotly_json()
    layout = dict(spec.get("layout", {}))

    def bigger(font: dict | None, least: int = size) -> dict:
        font = dict(font or {})
        font["size"] = max(least, int(font.get("size") or 0))
        return font

    layout["font"] = bigger(layout.get("font"))
    title = dict(layout.get("title") or {})
    title["font"] = bigger(title.get("font"), size + 8)
    if title.get("subtitle"):
        # Re-wrapped for the larger text, so that it fits a half-width chart.
        lines = _wrap(str(title["subtitle"].get("text", "")).replace("<br>", " "), 48)
        title["subtitle"] = dict(title["subtitle"], text="<br>".join(lines), font=bigger(title["subtitle"].get("font")))
        layout["margin"] = dict(layout.get("margin") or {}, t=70 + 32 * len(lines))
    layout["title"] = title
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        axis = dict(layout[name])
        axis["tickfont"] = bigger(axis.get("tickfont"))
        axis["title"] = dict(axis.get("title") or {}, font=bigger((axis.get("title") or {}).get("font")))
        layout[name] = axis
    for part in ("legend", "hoverlabel"):
        layout[part] = dict(layout.get(part) or {}, font=bigger((layout.get(part) or {}).get("font")))
    layout["annotations"] = [dict(a, font=bigger(a.get("font"))) for a in layout.get("annotations") or []]
    if layout.get("height"):
        layout["height"] = int(int(layout["height"]) * 1.35)
    data = []
    for trace in spec.get("data", []):
        trace = dict(trace)
        if "text" in trace or trace.get("type") == "bar":
            trace["textfont"] = bigger(trace.get("textfont"))
        if "colorbar" in trace:
            trace["colorbar"] = dict(trace["colorbar"], tickfont=bigger(trace["colorbar"].get("tickfont")))
        data.append(trace)
    return _figure(data, layout)


def png_bytes(fig: go.Figure, *, width: int = 1400, height: int | None = None) -> bytes:
    """The figure as PNG, drawn by kaleido in the local Chromium; no network involved."""
    import kaleido  # imported here: only a PNG download needs it

    if Path("/usr/bin/chromium").exists():
        os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    opts = {"format": "png", "width": width, "height": height or int(fig.layout.height or 500), "scale": 1}
    topojson = None
    if any(trace.type == "choropleth" for trace in fig.data):
        topojson = (STATIC_DIR / "world_110m.json").as_uri().rsplit("/", 1)[0] + "/"
    return kaleido.calc_fig_sync(fig, opts=opts, topojson=topojson)

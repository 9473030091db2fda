"""Plotly figures for the dashboard: titled, labelled, counts on bars, one colour-blind-safe palette (Okabe-Ito)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from app.filters import TYPE_LABELS, TYPES

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
TOPOJSON_URL = "/app/static/"  # Streamlit serves static/ here (server.enableStaticServing)

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999", "black": "#000000"}
TYPE_COLOURS = {"capacity-building": OKABE_ITO["blue"], "legislative": OKABE_ITO["orange"],
                "institution-building": OKABE_ITO["green"], "policymaking": OKABE_ITO["purple"],
                "other": OKABE_ITO["grey"]}
GROUP_COLOURS = {"African States": OKABE_ITO["vermillion"], "Asia-Pacific States": OKABE_ITO["sky"],
                 "Eastern European States": OKABE_ITO["yellow"],
                 "Latin American and Caribbean States": OKABE_ITO["green"],
                 "Western European and other States": OKABE_ITO["blue"], "Other": OKABE_ITO["grey"]}
NEUTRAL = OKABE_ITO["blue"]
SEQUENTIAL = [[0.0, "#F7FBFF"], [0.5, OKABE_ITO["sky"]], [1.0, OKABE_ITO["blue"]]]
FONT = {"family": "Source Sans Pro, Arial, Helvetica, sans-serif", "size": 16, "color": "#1F2933"}
DRILL_SEP = "|"


def drill_key(**fields: object) -> str:
    """Identity of a bar or cell, 'chapters=2|types=legislative', read back by drill_fields()."""
    return DRILL_SEP.join(f"{name}={value}" for name, value in fields.items())


def drill_fields(key: str) -> dict[str, str]:
    """The fields encoded by drill_key()."""
    return dict(part.split("=", 1) for part in key.split(DRILL_SEP) if "=" in part)


def _layout(fig: go.Figure, title: str, x_label: str, y_label: str, *, height: int = 440) -> go.Figure:
    fig.update_layout(title={"text": title, "font": {"size": 20}}, font=FONT, height=height,
                      margin={"l": 10, "r": 10, "t": 70, "b": 10}, plot_bgcolor="white",
                      legend={"title": {"text": ""}, "orientation": "h", "y": -0.2}, clickmode="event+select")
    fig.update_xaxes(title_text=x_label, automargin=True)
    fig.update_yaxes(title_text=y_label, automargin=True, gridcolor="#E4E7EB")
    return fig


def _whole_numbers(fig: go.Figure, values: list[int], *, horizontal: bool = False) -> None:
    # Counts are whole numbers: small ones would otherwise get ticks at 0.5.
    if values and max(values) <= 10:
        (fig.update_xaxes if horizontal else fig.update_yaxes)(dtick=1)


def empty_figure(title: str) -> go.Figure:
    """A figure that says there is nothing to show, so a page never breaks on an empty selection."""
    fig = go.Figure()
    fig.add_annotation(text="No needs match the filters", showarrow=False, font={"size": 18})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, "", "", height=260)


def bar(df: pd.DataFrame, *, label: str, value: str, keys: list[str], title: str, x_label: str, y_label: str,
        colours: list[str] | str = NEUTRAL, hover: str | None = None, horizontal: bool = False) -> go.Figure:
    """One bar per row with its count on it; keys are drill_key() strings carried as customdata."""
    if df.empty:
        return empty_figure(title)
    labels, values = df[label].astype(str).tolist(), df[value].tolist()
    hovertext = df[hover].astype(str).tolist() if hover else labels
    trace = go.Bar(
        x=values if horizontal else labels, y=labels if horizontal else values, orientation="h" if horizontal else "v",
        marker_color=colours, text=values, textposition="outside", cliponaxis=False, customdata=keys,
        hovertext=hovertext, hovertemplate="%{hovertext}: %{text}<extra></extra>", textfont={"size": 16},
    )
    fig = go.Figure(trace)
    _whole_numbers(fig, values, horizontal=horizontal)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        return _layout(fig, title, y_label, x_label, height=max(320, 60 + 34 * len(df)))
    return _layout(fig, title, x_label, y_label)


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
    keys = [drill_key(subtype=s) for s in df["subtype"]] if not df.empty else []
    colours = [TYPE_COLOURS.get(t, OKABE_ITO["black"]) for t in df["type"]] if not df.empty else NEUTRAL
    return bar(df, label="label", value="needs", keys=keys, title=title, x_label="Subtype", horizontal=True,
               y_label="Needs (a need counts under each of its subtypes)", colours=colours)


def by_type_bars(df: pd.DataFrame, *, category: str, key_field: str, key_column: str, title: str,
                 x_label: str) -> go.Figure:
    """Grouped bars: one bar per type within each category (group x type, chapter x type)."""
    if df.empty:
        return empty_figure(title)
    fig = go.Figure()
    for type_ in [t for t in TYPES if t in set(df["type"])]:
        part = df[df["type"] == type_]
        keys = [drill_key(**{key_field: k, "types": type_}) for k in part[key_column]]
        fig.add_bar(x=part[category], y=part["needs"], name=TYPE_LABELS[type_], marker_color=TYPE_COLOURS[type_],
                    text=part["needs"], textposition="outside", cliponaxis=False, customdata=keys,
                    hovertemplate=f"%{{x}} — {TYPE_LABELS[type_]}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="group")
    _whole_numbers(fig, df["needs"].tolist())
    return _layout(fig, title, x_label, "Needs (a need counts under each of its types)", height=480)


def heatmap(df: pd.DataFrame, *, x: str, y: str, x_key: tuple[str, str], y_key: tuple[str, str], title: str,
            x_label: str, y_label: str, x_order: list[str] | None = None) -> go.Figure:
    """A count heatmap with the count in each cell; x_key/y_key = (filter field, column) for drill keys."""
    if df.empty:
        return empty_figure(title)
    xs = x_order or list(dict.fromkeys(df[x]))
    xs = [v for v in xs if v in set(df[x])]
    ys = list(dict.fromkeys(df[y]))
    counts = df.pivot_table(index=y, columns=x, values="needs", aggfunc="sum").reindex(index=ys, columns=xs)
    x_ids = dict(zip(df[x], df[x_key[1]], strict=True))
    y_ids = dict(zip(df[y], df[y_key[1]], strict=True))
    keys = [[drill_key(**{y_key[0]: y_ids[yv], x_key[0]: x_ids[xv]}) for xv in xs] for yv in ys]
    z = counts.fillna(0).astype(int).values
    text = [[str(v) if v else "" for v in row] for row in z]
    fig = go.Figure(go.Heatmap(z=z, x=xs, y=ys, text=text, texttemplate="%{text}", colorscale=SEQUENTIAL,
                               customdata=keys, hovertemplate="%{y} × %{x}: %{z}<extra></extra>",
                               colorbar={"title": {"text": "Needs"}}, xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, x_label, y_label, height=max(360, 120 + 32 * len(ys)))


def world_map(df: pd.DataFrame, title: str = "Needs per State") -> go.Figure:
    """Choropleth of needs per State on ISO3 codes (queries.needs_by_state); the topojson is served locally."""
    if df.empty:
        return empty_figure(title)
    fig = go.Figure(go.Choropleth(
        locations=df["iso3"], z=df["needs"], locationmode="ISO-3", text=df["country"],
        customdata=[drill_key(states=i) for i in df["iso3"]], colorscale=SEQUENTIAL, marker_line_color="#52606D",
        hovertemplate="%{text}: %{z} needs<extra></extra>", colorbar={"title": {"text": "Needs"}},
    ))
    fig.update_geos(showframe=False, showcoastlines=False, showcountries=True, countrycolor="#CBD2D9",
                    showland=True, landcolor="#F5F7FA", projection_type="natural earth", resolution=110)
    return _layout(fig, title, "", "", height=520)


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

"""Slides for a wall screen: one directly labelled chart per slide with a one-line takeaway computed from the data."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import wrap

import duckdb
import pandas as pd
import plotly.graph_objects as go

from app import queries, scope
from app.charts import GROUP_COLOURS, NEUTRAL, PAGE_FONT, TYPE_COLOURS
from app.filters import Filters
from app.oral_update import Update
from app.update_export import figure_for

TITLE_SIZE = 36
TEXT_SIZE = 24  # bar labels and ticks; >= 18 px at 1920x1080 with room to spare
FONT = {"family": PAGE_FONT, "size": TEXT_SIZE, "color": "#000000"}
HEIGHT = 800  # the chart's share of a 1080-pixel screen, below the title, takeaway and buttons
TOP_ARTICLES = 8
LABEL_CHARS = 34  # longer names wrap onto more lines at a word, never cut


@dataclass
class Slide:
    """One screen: a title, the sentence to say aloud, the chart (None when one sentence says it all), the scope
    it shows and a note on how it counts."""

    title: str
    takeaway: str
    figure: go.Figure | None
    subtitle: str = ""
    note: str = ""


def per_cent(share: float) -> str:
    """A share as whole per cent in UN style, '41 per cent'."""
    return f"{round(share * 100)} per cent"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def wall_figure(fig: go.Figure, title: str = "") -> go.Figure:
    """Restyle a figure for a wall screen: large black text, labels on the bars, no legend, white background."""
    for trace in fig.data:
        if trace.type == "bar" and trace.textposition is None:
            trace.update(textposition="outside", textfont={"size": TEXT_SIZE, "color": "#000000"})
    fig.update_traces(cliponaxis=False, selector={"type": "bar"})
    fig.update_layout(title={"text": title, "font": {"size": TITLE_SIZE}}, font=FONT, height=HEIGHT,
                      showlegend=False, template="simple_white", plot_bgcolor="white", paper_bgcolor="white",
                      margin={"l": 20, "r": 60, "t": 80 if title else 20, "b": 20}, barmode="group")
    fig.update_xaxes(tickfont={"size": TEXT_SIZE}, title_font={"size": TEXT_SIZE}, automargin=True)
    fig.update_yaxes(tickfont={"size": TEXT_SIZE}, title_font={"size": TEXT_SIZE}, automargin=True)
    return fig


def _ink(colour: str) -> str:
    # Black on light fills, white on dark ones (WCAG relative luminance), for counts written inside a bar.
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    lum = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
              for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True))
    return "#000000" if lum > 0.18 else "#FFFFFF"


def _hbar(labels: list[str], values: list[float], text: list[str], colours: list[str] | str) -> go.Figure:
    # Horizontal bars keep long category names readable. The count goes inside the long bars (from their start)
    # and after the short ones, so on a narrow or zoomed screen no count runs off the right edge.
    top = max(values, default=0) or 1
    inside = [v >= top / 2 for v in values]
    fills = colours if isinstance(colours, list) else [colours] * len(values)
    inks = [_ink(c) if i else "#000000" for c, i in zip(fills, inside, strict=True)]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", text=text, marker_color=colours,
        marker_line={"color": "#000000", "width": 1},
        textposition=["inside" if i else "outside" for i in inside], insidetextanchor="start",
        textfont={"size": TEXT_SIZE, "color": inks},
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, top * 1.05], showticklabels=False, showline=False, ticks="")
    fig.update_layout(uniformtext={"minsize": TEXT_SIZE, "mode": "show"})
    return fig


def _type_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_type(con, f)
    if df.empty:
        return None
    title = "Needs by type of assistance"
    if len(df) == 1:
        n = queries.count_needs(con, f)
        return Slide(title, f"All {_count(n, 'need')} in scope are {df['label'].iloc[0].lower()}.", None)
    top = df.sort_values(["needs", "type"], ascending=[False, True]).iloc[0]
    takeaway = f"{top['label']} is the most frequent type: {per_cent(float(top['share']))} of needs"
    text = [f"{n} ({per_cent(float(s))})" for n, s in zip(df["needs"], df["share"], strict=True)]
    fig = _hbar(df["label"].tolist(), df["needs"].tolist(), text, [TYPE_COLOURS.get(t, NEUTRAL) for t in df["type"]])
    total = float(df["share"].sum())
    note = "" if round(total * 100) <= 100 else (
        f"The shares add up to {per_cent(total)}: a need can ask for several types of assistance and counts once "
        "under each of them.")
    return Slide(title, takeaway, wall_figure(fig), note=note)


def _chapter_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_chapter(con, f)
    if df.empty:
        return None
    top = df.sort_values(["needs", "chapter"], ascending=[False, True]).iloc[0]
    if len(df) == 1:
        return Slide("Needs by chapter", f"All {_count(int(top['needs']), 'need')} in scope fall under chapter "
                     f"{top['numeral']} ({top['title']}).", None)
    share = int(top["needs"]) / int(df["needs"].sum())
    takeaway = f"Chapter {top['numeral']} ({top['title']}) has the most needs: {per_cent(share)}"
    labels = [wrapped(f"{n} {t}") for n, t in zip(df["numeral"], df["title"], strict=True)]
    fig = _hbar(labels, df["needs"].tolist(), [str(v) for v in df["needs"]], NEUTRAL)
    return Slide("Needs by chapter", takeaway, wall_figure(fig))


def _group_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_group(con, f)
    if df.empty:
        return None
    top = df.sort_values(["needs", "label"], ascending=[False, True]).iloc[0]
    if len(df) == 1:
        return Slide("Needs by regional group", f"All {_count(int(top['needs']), 'need')} in scope come from "
                     f"{top['regional_group']} ({_count(int(top['states']), 'State')}).", None)
    share = int(top["needs"]) / int(df["needs"].sum())
    takeaway = f"{top['regional_group']} account for the most needs: {per_cent(share)}"
    text = [f"{_count(n, 'need')},<br>{_count(s, 'State')}" for n, s in zip(df["needs"], df["states"], strict=True)]
    fig = _hbar([wrapped(label) for label in df["label"]], df["needs"].tolist(), text,
                [GROUP_COLOURS.get(g, NEUTRAL) for g in df["regional_group"]])
    return Slide("Needs by regional group", takeaway, wall_figure(fig))


def _article_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_article(con, f)
    if df.empty:
        return None
    df = df.sort_values(["needs", "article"], ascending=[False, True]).head(TOP_ARTICLES)
    top = df.iloc[0]
    if len(df) == 1:
        return Slide("Needs by article", f"All {_count(int(top['needs']), 'need')} in scope that cite an article "
                     f"cite article {top['article']} ({top['title']}).", None)
    takeaway = f"Article {top['article']} ({top['title']}) is cited most: {top['needs']} needs"
    labels = [wrapped(f"Art. {a} {t}") for a, t in zip(df["article"], df["title"], strict=True)]
    fig = _hbar(labels, df["needs"].tolist(), [str(v) for v in df["needs"]], NEUTRAL)
    return Slide(f"Top {len(df)} articles by needs", takeaway, wall_figure(fig))


def wrapped(name: str, width: int = LABEL_CHARS) -> str:
    """A category name broken onto lines at words (plotly's <br>), so a long name is shown whole."""
    return "<br>".join(wrap(name, width)) or name


def scope_of(con: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    """The slides' subtitle: the filters in words, the data run and its date."""
    names = dict(queries.filter_options(con).states)
    return scope.scope_line(filters, queries.warehouse_facts(con), names)


def slides_for_filters(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[Slide]:
    """Slides for the needs matching the shared filters: by type, chapter, regional group, and top articles; each
    names its scope, and a breakdown with a single category becomes one sentence."""
    builders = (_type_slide, _chapter_slide, _group_slide, _article_slide)
    deck = [slide for build in builders if (slide := build(con, filters)) is not None]
    subtitle = scope_of(con, filters) if deck else ""
    for slide in deck:
        slide.subtitle = subtitle
    return deck


def slides_for_update(update: Update) -> list[Slide]:
    """One slide per oral-update sentence: the sentence as takeaway, its figures as the chart."""
    labels = {"now": update.as_of.short_label(),
              "then": update.compare_to.short_label() if update.compare_to else "comparison point"}
    slides = []
    for sentence in update.sentences:
        fig = figure_for(sentence, **labels)
        if fig is None:
            fig = go.Figure()
            fig.add_annotation(text="No figures behind this sentence", showarrow=False, font={"size": TEXT_SIZE})
            fig.update_xaxes(visible=False)
            fig.update_yaxes(visible=False)
        fig = wall_figure(fig)
        # Comparison bars carry their point in the label text, so the legend can go without losing meaning.
        slides.append(Slide(sentence.headline, sentence.text, fig, subtitle=update.title))
    return slides


def empty_slide(message: str) -> Slide:
    """A slide that says why there is nothing to present."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": TEXT_SIZE})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return Slide("Nothing to present", message, wall_figure(fig))


def frame(slides: list[Slide]) -> pd.DataFrame:
    """Titles and takeaways of the slides as a table (for a speaker's outline)."""
    return pd.DataFrame({"title": [s.title for s in slides], "takeaway": [s.takeaway for s in slides]})

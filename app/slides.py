"""Slides for a wall screen: one directly labelled chart per slide with a one-line takeaway computed from the data."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import shorten

import duckdb
import pandas as pd
import plotly.graph_objects as go

from app import queries
from app.charts import GROUP_COLOURS, NEUTRAL, TYPE_COLOURS
from app.filters import Filters
from app.oral_update import Update
from app.update_export import figure_for

TITLE_SIZE = 36
TEXT_SIZE = 24  # bar labels and ticks; >= 18 px at 1920x1080 with room to spare
FONT = {"family": "Source Sans Pro, Arial, Helvetica, sans-serif", "size": TEXT_SIZE, "color": "#000000"}
HEIGHT = 800  # the chart's share of a 1080-pixel screen, below the title, takeaway and buttons
TOP_ARTICLES = 8
LABEL_CHARS = 48  # longer article titles are cut at a word, so the bars keep most of the width


@dataclass
class Slide:
    """One screen: a title, the sentence to say aloud, and the chart."""

    title: str
    takeaway: str
    figure: go.Figure


def per_cent(share: float) -> str:
    """A share as whole per cent in UN style, '41 per cent'."""
    return f"{round(share * 100)} per cent"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def wall_figure(fig: go.Figure, title: str = "") -> go.Figure:
    """Restyle a figure for a wall screen: large black text, labels on the bars, no legend, white background."""
    fig.update_traces(textposition="outside", textfont={"size": TEXT_SIZE, "color": "#000000"}, cliponaxis=False,
                      selector={"type": "bar"})
    fig.update_layout(title={"text": title, "font": {"size": TITLE_SIZE}}, font=FONT, height=HEIGHT,
                      showlegend=False, template="simple_white", plot_bgcolor="white", paper_bgcolor="white",
                      margin={"l": 20, "r": 60, "t": 80 if title else 20, "b": 20}, barmode="group")
    fig.update_xaxes(tickfont={"size": TEXT_SIZE}, title_font={"size": TEXT_SIZE}, automargin=True)
    fig.update_yaxes(tickfont={"size": TEXT_SIZE}, title_font={"size": TEXT_SIZE}, automargin=True)
    return fig


def _hbar(labels: list[str], values: list[float], text: list[str], colours: list[str] | str) -> go.Figure:
    # Horizontal bars keep long category names readable; the largest value sets room for its outside label.
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", text=text, marker_color=colours,
                           marker_line={"color": "#000000", "width": 1}))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, (max(values, default=0) or 1) * 1.25], showticklabels=False, showline=False,
                     ticks="")
    return fig


def _type_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_type(con, f)
    if df.empty:
        return None
    top = df.sort_values(["needs", "type"], ascending=[False, True]).iloc[0]
    takeaway = f"{top['label']} is the most frequent type: {per_cent(float(top['share']))} of needs"
    text = [f"{n} ({per_cent(float(s))})" for n, s in zip(df["needs"], df["share"], strict=True)]
    fig = _hbar(df["label"].tolist(), df["needs"].tolist(), text, [TYPE_COLOURS.get(t, NEUTRAL) for t in df["type"]])
    return Slide("Needs by type of assistance", takeaway, wall_figure(fig))


def _chapter_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_chapter(con, f)
    if df.empty:
        return None
    top = df.sort_values(["needs", "chapter"], ascending=[False, True]).iloc[0]
    share = int(top["needs"]) / int(df["needs"].sum())
    takeaway = f"Chapter {top['numeral']} ({top['title']}) has the most needs: {per_cent(share)}"
    labels = [f"{n} {t}" for n, t in zip(df["numeral"], df["title"], strict=True)]
    fig = _hbar(labels, df["needs"].tolist(), [str(v) for v in df["needs"]], NEUTRAL)
    return Slide("Needs by chapter", takeaway, wall_figure(fig))


def _group_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_group(con, f)
    if df.empty:
        return None
    top = df.sort_values(["needs", "label"], ascending=[False, True]).iloc[0]
    share = int(top["needs"]) / int(df["needs"].sum())
    takeaway = f"{top['regional_group']} account for the most needs: {per_cent(share)}"
    text = [f"{_count(n, 'need')}, {_count(s, 'State')}" for n, s in zip(df["needs"], df["states"], strict=True)]
    fig = _hbar(df["label"].tolist(), df["needs"].tolist(), text,
                [GROUP_COLOURS.get(g, NEUTRAL) for g in df["regional_group"]])
    return Slide("Needs by regional group", takeaway, wall_figure(fig))


def _article_slide(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    df = queries.needs_by_article(con, f)
    if df.empty:
        return None
    df = df.sort_values(["needs", "article"], ascending=[False, True]).head(TOP_ARTICLES)
    top = df.iloc[0]
    takeaway = f"Article {top['article']} ({top['title']}) is cited most: {top['needs']} needs"
    labels = [shorten(f"Art. {a} {t}", LABEL_CHARS, placeholder="…")
              for a, t in zip(df["article"], df["title"], strict=True)]
    fig = _hbar(labels, df["needs"].tolist(), [str(v) for v in df["needs"]], NEUTRAL)
    return Slide(f"Top {len(df)} articles by needs", takeaway, wall_figure(fig))


def slides_for_filters(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[Slide]:
    """Slides for the needs matching the shared filters: by type, chapter, regional group, and top articles."""
    builders = (_type_slide, _chapter_slide, _group_slide, _article_slide)
    return [slide for build in builders if (slide := build(con, filters)) is not None]


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
        slides.append(Slide(sentence.headline, sentence.text, fig))
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

"""Exports of an oral update: Markdown text, a .docx draft, a .pptx deck and PNG charts."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import warnings
from collections.abc import Mapping
from io import BytesIO

import plotly.graph_objects as go
from docx import Document
from pptx import Presentation
from pptx.util import Inches, Pt

from app.filters import TYPE_LABELS
from app.oral_update import Sentence, Update, markdown

log = logging.getLogger(__name__)

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; bars also carry direct labels.
NOW_COLOUR = "#0072B2"
THEN_COLOUR = "#E69F00"
CHROMIUM = "/usr/bin/chromium"
PNG_SIZE = (1280, 720)
# kaleido keeps one module-wide browser server; sessions rendering at the same time must take turns.
_RENDERING = threading.Lock()


def figure_for(sentence: Sentence, now: str = "as of", then: str = "comparison point") -> go.Figure | None:
    """Bar chart of the figures behind a sentence, labelled directly; None when there is nothing to draw.

    now and then name the as-of and comparison points on bars compared over time.
    """
    f = sentence.figures
    if f is None or f.empty:
        return None
    fig = go.Figure()
    if sentence.key == "summaries":
        labels, values = [now], [int(f["executive summaries"].iloc[0])]
        if "at comparison point" in f:
            labels, values = [then, now], [int(f["at comparison point"].iloc[0]), values[0]]
        fig.add_bar(x=labels, y=values, text=values, marker_color=[THEN_COLOUR, NOW_COLOUR][-len(values):])
    elif sentence.key == "chapters":
        names = [f"Chapter {n}" for n in f["numeral"]]
        # With two points, each bar says which point it is, so that colour is never the only cue.
        if "needs then" in f:
            fig.add_bar(name=then, y=names, x=f["needs then"], orientation="h", marker_color=THEN_COLOUR,
                        text=[f"{int(v)} ({then})" for v in f["needs then"]])
        fig.add_bar(name=now, y=names, x=f["needs now"], orientation="h", marker_color=NOW_COLOUR,
                    text=[f"{int(v)} ({now})" if "needs then" in f else int(v) for v in f["needs now"]])
    elif sentence.key == "types":
        fig.add_bar(y=[TYPE_LABELS.get(t, t) for t in f["type"]], x=list(f["share"]), orientation="h",
                    marker_color=NOW_COLOUR,
                    text=[f"{s} per cent" for s in f["share"]])
    elif sentence.key == "articles":
        fig.add_bar(y=[f"Art. {int(a)}" for a in f["article"]], x=list(f["needs"]), orientation="h",
                    text=list(f["needs"]), marker_color=NOW_COLOUR)
    elif sentence.key == "regions":
        fig.add_bar(y=list(f["regional_group"]), x=[float(v) for v in f["per summary"]], orientation="h",
                    text=list(f["per summary"]), marker_color=NOW_COLOUR)
    else:
        return None
    fig.update_traces(textposition="outside", textfont_size=22, cliponaxis=False)
    fig.update_layout(title=sentence.headline, template="simple_white", font_size=20, title_font_size=28,
                      barmode="group", margin={"l": 40, "r": 160, "t": 80, "b": 40},
                      legend={"orientation": "h", "y": -0.12})
    if sentence.key != "summaries":
        fig.update_yaxes(autorange="reversed")
        # Leave room right of the longest bar for its label, which plotly's autorange does not count.
        longest = max((float(v) for trace in fig.data for v in trace.x), default=0.0) or 1.0
        fig.update_xaxes(range=[0, longest * (1.6 if len(fig.data) > 1 else 1.3)])
    return fig


def _browser() -> None:
    # kaleido looks for Chrome; point it at Debian's Chromium when nothing else is configured.
    if "BROWSER_PATH" not in os.environ and os.path.exists(CHROMIUM):
        os.environ["BROWSER_PATH"] = CHROMIUM


def chart_png(fig: go.Figure) -> bytes:
    """The figure as PNG bytes, rendered offline by kaleido in a local Chromium."""
    _browser()
    return fig.to_image(format="png", width=PNG_SIZE[0], height=PNG_SIZE[1])


def update_charts(update: Update) -> dict[str, bytes]:
    """PNG chart per sentence key; empty (and logged) when no browser can render them."""
    then = update.compare_to.short_label() if update.compare_to else "comparison point"
    labels = {"now": update.as_of.short_label(), "then": then}
    figures = {s.key: fig for s in update.sentences if (fig := figure_for(s, **labels)) is not None}
    if not figures or not (os.environ.get("BROWSER_PATH") or os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return {}
    import kaleido

    _browser()
    # One browser for the whole batch: a fresh one per chart costs about two seconds each.
    with _RENDERING, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            kaleido.start_sync_server(silence_warnings=True)
            return {key: chart_png(fig) for key, fig in figures.items()}
        except Exception as exc:  # noqa: BLE001 - any rendering failure degrades to a deck without pictures
            log.warning("Charts could not be rendered, the deck will have none: %s", exc)
            return {}
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def to_markdown(update: Update) -> bytes:
    """The draft as UTF-8 Markdown."""
    return markdown(update).encode("utf-8")


def to_docx(update: Update, text: str | None = None) -> bytes:
    """The draft (or its edited text) as a Word document, with the figures behind each sentence as tables."""
    doc = Document()
    doc.core_properties.title = update.title
    body = text if text is not None else markdown(update)
    for block in [b.strip() for b in body.split("\n\n") if b.strip()]:
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            doc.add_heading(block.lstrip("#").strip(), level=min(level, 3))
        else:
            doc.add_paragraph(" ".join(block.splitlines()))
    doc.add_heading("Figures behind the draft", level=2)
    for s in update.sentences:
        if s.figures is None or s.figures.empty:
            continue
        doc.add_heading(s.headline, level=3)
        table = doc.add_table(rows=1, cols=len(s.figures.columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, s.figures.columns, strict=True):
            cell.text = str(name)
        for row in s.figures.itertuples(index=False):
            for cell, v in zip(table.add_row().cells, row, strict=True):
                cell.text = "" if v is None or v != v else str(v)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _full_width(prs, shape) -> None:
    # The default template's placeholders are laid out for 4:3; stretch them across the 16:9 slide.
    shape.left, shape.width = Inches(0.5), prs.slide_width - Inches(1.0)


def to_pptx(update: Update, charts: Mapping[str, bytes] | None = None) -> bytes:
    """A short deck: a title slide, then one slide per headline with its chart (when rendered) and its sentence."""
    charts = charts or {}
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = update.title
    _full_width(prs, title.shapes.title)
    _full_width(prs, title.placeholders[1])
    since = f"Compared with {update.compare_to.label()}" if update.compare_to else "No comparison point"
    title.placeholders[1].text = f"{since}. Draft for an oral update."
    for s in update.sentences:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = s.headline
        _full_width(prs, slide.shapes.title)
        top = Inches(1.5)
        if s.key in charts:
            pic = slide.shapes.add_picture(BytesIO(charts[s.key]), 0, top, height=Inches(4.3))
            pic.left = (prs.slide_width - pic.width) // 2
            top = pic.top + pic.height + Inches(0.1)
        box = slide.shapes.add_textbox(Inches(0.7), top, prs.slide_width - Inches(1.4), Inches(1.2))
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = s.text
        frame.paragraphs[0].runs[0].font.size = Pt(18 if s.key in charts else 24)
        if s.key not in charts and figure_for(s) is not None:
            note = frame.add_paragraph()
            note.text = "(Chart not available: no browser could render it.)"
            note.runs[0].font.size = Pt(12)
    out = BytesIO()
    prs.save(out)
    return out.getvalue()

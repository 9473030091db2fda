"""Exports of an oral update: Markdown text, a .docx draft, a .pptx deck and PNG charts."""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import warnings
from collections.abc import Mapping
from datetime import date
from difflib import SequenceMatcher
from io import BytesIO
from xml.sax.saxutils import escape

import plotly.graph_objects as go
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches as DocxInches
from docx.shared import Pt as DocxPt
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn as qn_pptx
from pptx.util import Inches, Pt

from app.filters import TYPE_LABELS
from app.numbers import day
from app.oral_update import Sentence, Update, markdown, readable

log = logging.getLogger(__name__)

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; bars also carry direct labels.
NOW_COLOUR = "#0072B2"
THEN_COLOUR = "#E69F00"
CHROMIUM = "/usr/bin/chromium"
ARTICLE_BARS = 8
CHART_INCHES = (6.9, 4.6)
# Charts are laid out at 96 CSS pixels an inch at the size they take on the slide, so 24 px text is 18 pt there.
CSS_PX_PER_INCH = 96
CHART_TEXT_PX = 24
PNG_SCALE = 2
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
        top = f.head(ARTICLE_BARS)
        fig.add_bar(y=[f"Art. {int(a)}" for a in top["article"]], x=list(top["needs"]), orientation="h",
                    text=list(top["needs"]), marker_color=NOW_COLOUR)
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


def deck_figure(fig: go.Figure) -> go.Figure:
    """The chart restyled for a slide: no title (the slide has one), every text at CHART_TEXT_PX."""
    fig.update_traces(textfont_size=CHART_TEXT_PX)
    fig.update_layout(title=None, font_size=CHART_TEXT_PX, margin={"l": 10, "r": 30, "t": 20, "b": 10},
                      legend={"orientation": "h", "y": -0.15, "font": {"size": CHART_TEXT_PX}})
    if fig.data and fig.data[0].orientation == "h":
        # Room right of the longest bar for its label at this size, which plotly's autorange does not count.
        longest = max((float(v) for trace in fig.data for v in trace.x), default=0.0) or 1.0
        label = max((len(str(t)) for trace in fig.data for t in (trace.text or [])), default=4)
        room = 1.1 + label * CHART_TEXT_PX * 0.6 / 400
        fig.update_xaxes(range=[0, longest * room], showticklabels=False, ticks="", showline=False, automargin=True)
    else:
        fig.update_xaxes(tickfont_size=CHART_TEXT_PX, automargin=True)
    fig.update_yaxes(tickfont_size=CHART_TEXT_PX, automargin=True)
    return fig


def chart_png(fig: go.Figure, size: tuple[float, float] = CHART_INCHES) -> bytes:
    """The figure as PNG bytes for a picture of size (inches), rendered offline by kaleido in a local Chromium."""
    _browser()
    width, height = (round(v * CSS_PX_PER_INCH) for v in size)
    return fig.to_image(format="png", width=width, height=height, scale=PNG_SCALE)


def update_charts(update: Update) -> dict[str, bytes]:
    """PNG chart per sentence key; empty (and logged) when no browser can render them."""
    then = update.compare_to.short_label() if update.compare_to else "comparison point"
    labels = {"now": update.as_of.short_label(), "then": then}
    figures = {s.key: deck_figure(fig) for s in update.sentences if (fig := figure_for(s, **labels)) is not None}
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


SAMPLE_WARNING = "Illustrative sample data — not official"


def provenance(update: Update) -> list[str]:
    """What every export says about itself: the sample warning when it applies, scope, points, data run and date."""
    facts = update.facts
    lines = [f"{SAMPLE_WARNING}: the figures come from the sample documents shipped with the project and must not "
             "be read out as official."] if facts.get("is_sample") else []
    lines += [f"Scope: {update.scope.describe()}.",
              f"As of: {update.as_of.describe()}.",
              f"Compared with: {update.compare_to.describe() if update.compare_to else 'no comparison'}.",
              f"Data: load run {facts.get('run_id') or 'unknown'}, published {facts.get('published_at') or 'unknown'}.",
              f"Drafted: {day(date.today())}."]
    return lines


def split_draft(text: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of a draft as edited: a leading '# ' line is the title, blank lines part paragraphs."""
    blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    title = ""
    if blocks and blocks[0].startswith("#"):
        title = blocks.pop(0).lstrip("#").strip()
    return title, blocks


def matched(update: Update, paragraphs: list[str]) -> list[Sentence | None]:
    """For each paragraph of the edited draft, the generated sentence it stands for (None for new text)."""
    if len(paragraphs) == len(update.sentences):
        return list(update.sentences)
    free = list(update.sentences)
    out: list[Sentence | None] = []
    for p in paragraphs:
        scored = [(SequenceMatcher(None, p, s.text).ratio(), i) for i, s in enumerate(free)]
        best = max(scored, default=(0.0, -1))
        out.append(free.pop(best[1]) if best[0] >= 0.4 else None)
    return out


def added_lines(update: Update) -> list[str]:
    """The States whose summaries were added since the comparison point, with their symbols."""
    return [f"{r['country']}: {r.get('symbol') or 'no symbol'}" for r in update.added]


def to_markdown(update: Update, text: str | None = None) -> bytes:
    """The draft (or its edited text) as UTF-8 Markdown, with the added States and the provenance after a rule."""
    body = (text if text is not None else markdown(update)).strip()
    tail = ["", "---", ""]
    if update.added:
        tail += ["Executive summaries added since " + update.compare_to.label() + ":", ""]
        tail += [f"- {line}" for line in added_lines(update)] + [""]
    tail += [f"- {line}" for line in provenance(update)]
    return (body + "\n" + "\n".join(tail) + "\n").encode("utf-8")


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _footnotes(doc, notes: list[list[str]]) -> None:
    """Attach a footnotes part holding notes (each a list of paragraphs), numbered from 1 in order.

    python-docx has no footnote API; the part is the minimal one Word and LibreOffice read.
    """
    def paragraph(text: str, first: bool) -> str:
        mark = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=' \
               '"preserve"> </w:t></w:r>' if first else ""
        return f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{mark}<w:r><w:rPr><w:sz w:val="18"/></w:rPr>' \
               f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    items = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
             '</w:footnote>']
    for number_, lines in enumerate(notes, 1):
        body = "".join(paragraph(line, i == 0) for i, line in enumerate(lines))
        items.append(f'<w:footnote w:id="{number_}">{body}</w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">' \
          f'{"".join(items)}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _reference(paragraph, number_: int) -> None:
    run = paragraph.add_run()
    rpr = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)
    run._r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(number_))
    run._r.append(ref)


def _table(doc, frame, widths: dict[str, float] | None = None, size: float = 10) -> None:
    """A table of frame with bold headers; widths (inches) by column name keep symbols on one line."""
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.autofit = not widths
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in frame.itertuples(index=False):
        for cell, v in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if v is None or v != v else str(v)
    if widths:
        # LibreOffice reads the grid's column widths, Word the cells'; set both.
        for column, name in zip(table.columns, frame.columns, strict=True):
            column.width = DocxInches(widths.get(str(name), 0.75))
    for row in table.rows:
        for cell, name in zip(row.cells, frame.columns, strict=True):
            if widths:
                cell.width = DocxInches(widths.get(str(name), 0.75))
            for run in cell.paragraphs[0].runs:
                run.font.size = DocxPt(size)


def to_docx(update: Update, text: str | None = None) -> bytes:
    """The draft (or its edited text) as a Word document.

    Provenance first (with the sample warning when it applies), then the text to read, with footnotes naming the
    States added (with symbols) and the sources; then the figures behind each sentence and an annex of needs per
    State and chapter.
    """
    doc = Document()
    title, paragraphs = split_draft(text if text is not None else markdown(update))
    doc.core_properties.title = title or update.title
    doc.add_heading(title or update.title, level=1)
    for i, line in enumerate(provenance(update)):
        note = doc.add_paragraph()
        run = note.add_run(line)
        run.italic = True
        run.bold = i == 0 and bool(update.facts.get("is_sample"))
    sentences = matched(update, paragraphs)
    anchor = next((i for i, s in enumerate(sentences) if s is not None and s.key == "summaries"), 0)
    notes: list[list[str]] = []
    if update.added:
        notes.append([f"Executive summaries added since {update.compare_to.label()}:"] + added_lines(update))
    notes.append([f"Sources: the {len(update.now.reviews) if update.now else 0} executive summaries listed in the "
                  f"annex, with their symbols; data load run {update.facts.get('run_id') or 'unknown'}."])
    # The sources note hangs on the heading, the added States on the summaries sentence: two marks side by side
    # would read as one number.
    _reference(doc.add_heading("Text to be read", level=2), len(notes))
    for i, block in enumerate(paragraphs):
        paragraph = doc.add_paragraph(block)
        if i == anchor and update.added:
            _reference(paragraph, 1)
    _footnotes(doc, notes)
    doc.add_heading("Figures behind the draft", level=2)
    for s in update.sentences:
        if s.figures is None or s.figures.empty:
            continue
        doc.add_heading(s.headline, level=3)
        _table(doc, readable(s.figures))
    if update.annex is not None and not update.annex.empty:
        doc.add_heading("Annex: needs per State and chapter", level=2)
        _table(doc, update.annex, {"State": 1.5, "Cycle": 0.6, "Symbol": 2.3, "Total": 0.6}, size=9)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# Slide geometry (inches) on a 13.333 x 7.5 slide: everything stays at least MARGIN inside the edges.
SLIDE_W, SLIDE_H, MARGIN = 13.333, 7.5, 0.5
TITLE_BOX = (MARGIN, 0.4, SLIDE_W - 2 * MARGIN, 1.1)
BODY_BOX = (MARGIN, 1.7, SLIDE_W - 2 * MARGIN, 4.8)
TEXT_BESIDE_CHART = (MARGIN, 1.7, 5.2, 4.8)
CHART_BOX = (SLIDE_W - MARGIN - CHART_INCHES[0], 1.8, *CHART_INCHES)
FOOTER_BOX = (MARGIN, 6.65, SLIDE_W - 2 * MARGIN, 0.4)
TITLE_SIZES = (36, 32, 28, 24)
BODY_SIZES = (28, 24, 22, 20, 18)


def _lines(text: str, width_in: float, pt: int) -> int:
    # A conservative width for a sans-serif character (0.55 em) and the frame's own insets (0.1 inch a side).
    per_line = max(1, int((width_in - 0.2) * 72 / (pt * 0.55)))
    lines = 0
    for paragraph in text.split("\n"):
        words, line = paragraph.split(), 0
        count = 1
        for w in words:
            if line and line + 1 + len(w) > per_line:
                count += 1
                line = len(w)
            else:
                line += (1 if line else 0) + len(w)
        lines += count
    return lines


def fitting_size(text: str, width_in: float, height_in: float, sizes: tuple[int, ...]) -> int | None:
    """The largest font size in sizes at which text fits the box (1.2 line spacing), or None."""
    for pt in sizes:
        if _lines(text, width_in, pt) * pt * 1.2 / 72 + 0.1 <= height_in:
            return pt
    return None


def _place(shape, box: tuple[float, float, float, float]) -> None:
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)


def _fill(shape, text: str, box: tuple[float, float, float, float], sizes: tuple[int, ...]) -> None:
    _place(shape, box)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    pt = fitting_size(text, box[2], box[3], sizes) or sizes[-1]
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        # Spoken prose, not a list: no bullet and no hanging indent from the layout's body style.
        properties = paragraph._p.get_or_add_pPr()
        properties.set("marL", "0")
        properties.set("indent", "0")
        properties.insert(0, properties.makeelement(qn_pptx("a:buNone"), {}))
        for run in paragraph.runs:
            run.font.size = Pt(pt)


def _chunks(text: str, box: tuple[float, float, float, float]) -> list[str]:
    """The text in pieces that each fit box at 18 pt or more, split between sentences."""
    if fitting_size(text, box[2], box[3], BODY_SIZES):
        return [text]
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        trial = f"{current} {sentence}".strip()
        if current and not fitting_size(trial, box[2], box[3], BODY_SIZES):
            pieces.append(current)
            current = sentence
        else:
            current = trial
    return pieces + [current] if current else pieces


def _footer(slide, text: str) -> None:
    box = slide.shapes.add_textbox(*(Inches(v) for v in FOOTER_BOX))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(14)
        run.font.bold = True


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def to_pptx(update: Update, charts: Mapping[str, bytes] | None = None, text: str | None = None) -> bytes:
    """A 16:9 deck of the draft (or its edited text): a title slide, then one slide per paragraph.

    Titles and text sit in the layouts' own placeholders, moved inside the safe area and sized to fit; a paragraph
    that matches a generated sentence carries its chart (rendered at 18 pt or more on the slide). Speaker notes hold
    the States added with their symbols and the provenance; the sample warning is on every slide when it applies.
    """
    charts = charts or {}
    title, paragraphs = split_draft(text if text is not None else markdown(update))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    footer = SAMPLE_WARNING if update.facts.get("is_sample") else ""
    facts = provenance(update)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    _fill(first.shapes.title, title or update.title, (MARGIN, 1.0, SLIDE_W - 2 * MARGIN, 2.2), TITLE_SIZES)
    since = f"Compared with {update.compare_to.label()}" if update.compare_to else "No comparison point"
    subtitle = "\n".join([f"Draft oral update. {since}.", update.scope.describe() + "."] +
                         ([footer + "."] if footer else []))
    _fill(first.placeholders[1], subtitle, (MARGIN, 3.6, SLIDE_W - 2 * MARGIN, 2.8), BODY_SIZES)
    _notes(first, facts)
    for paragraph, sentence in zip(paragraphs, matched(update, paragraphs), strict=True):
        chart = charts.get(sentence.key) if sentence is not None else None
        box = TEXT_BESIDE_CHART if chart else BODY_BOX
        pieces = _chunks(paragraph, box)
        for k, piece in enumerate(pieces):
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            heading = sentence.headline if sentence is not None else "Oral update"
            _fill(slide.shapes.title, heading + (" (continued)" if k else ""), TITLE_BOX, TITLE_SIZES)
            _fill(slide.placeholders[1], piece, box, BODY_SIZES)
            if chart and k == 0:
                slide.shapes.add_picture(BytesIO(chart), *(Inches(v) for v in CHART_BOX))
            if footer:
                _footer(slide, footer)
            notes = []
            if sentence is not None and sentence.key == "summaries" and update.added:
                notes += [f"Executive summaries added since {update.compare_to.label()}:"] + added_lines(update)
            _notes(slide, notes + facts)
    out = BytesIO()
    prs.save(out)
    return out.getvalue()

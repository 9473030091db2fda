"""Tests of the oral-update exports: the .docx and .pptx open and hold the draft; charts render to PNG offline."""

from __future__ import annotations

import os
from datetime import date
from io import BytesIO
from zipfile import ZipFile

import duckdb
import pytest
from docx import Document
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from app.oral_update import Point, Scope, build_update, readable
from app.update_export import (
    CHART_TEXT_PX,
    PNG_SCALE,
    figure_for,
    provenance,
    to_docx,
    to_markdown,
    to_pptx,
    update_charts,
)
from tests.test_oral_update import make_data, write_warehouse

PNG = b"\x89PNG\r\n\x1a\n"
needs_browser = pytest.mark.skipif(not (os.path.exists("/usr/bin/chromium") or os.environ.get("BROWSER_PATH")),
                                   reason="no Chromium to render charts")


@pytest.fixture(scope="module")
def update():
    docs, needs = make_data(11)
    con = duckdb.connect()
    write_warehouse(con, docs, needs)
    yield build_update(con, Scope(2), Point(on=date(2019, 9, 4)), Point(on=date(2019, 6, 1)))
    con.close()


@pytest.fixture(scope="module")
def charts(update):
    return update_charts(update)


def test_update_has_every_headline(update):
    assert [s.key for s in update.sentences] == ["summaries", "chapters", "types", "articles", "regions"]
    assert all(figure_for(s) is not None for s in update.sentences)
    types = figure_for(next(s for s in update.sentences if s.key == "types"))
    assert "Capacity-building" in types.data[0].y and "capacity-building" not in types.data[0].y  # names, not codes


def test_markdown_holds_title_and_sentences(update):
    text = to_markdown(update).decode("utf-8")
    assert text.startswith(f"# {update.title}\n")
    assert all(s.text in text for s in update.sentences)


def test_docx_opens_and_holds_draft_figures_annex_and_footnotes(update):
    data = to_docx(update)
    doc = Document(BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    assert update.title in paragraphs
    assert all(s.text in paragraphs for s in update.sentences)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    shown = [s for s in update.sentences if not s.figures.empty]
    assert len(tables) == len(shown) + 1  # one per sentence, then the annex
    chapters = next(s for s in update.sentences if s.key == "chapters")
    assert tables[1][0] == list(readable(chapters.figures).columns) and "Needs now" in tables[1][0]
    assert len(tables[1]) == len(chapters.figures) + 1
    annex = tables[-1]
    assert annex[0][:3] == ["State", "Cycle", "Symbol"] and annex[0][-1] == "Total"
    assert len(annex) == len(update.now.reviews) + 1
    assert sum(int(row[-1]) for row in annex[1:]) == chapters.numbers["needs"]
    assert doc.core_properties.title == update.title
    # Footnotes: the States added with their symbols, and the sources, referenced from the summaries paragraph.
    with ZipFile(BytesIO(data)) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert update.added and all(r["country"] in notes and r["symbol"] in notes for r in update.added)
    assert "Sources:" in notes and body.count("w:footnoteReference") == 2


def test_docx_uses_the_edited_text(update):
    edited = "# My title\n\nSeven more summaries arrived.\n\nCapacity-building leads."
    paragraphs = [p.text for p in Document(BytesIO(to_docx(update, edited))).paragraphs]
    assert "My title" in paragraphs and "Seven more summaries arrived." in paragraphs
    assert update.sentences[0].text not in paragraphs


def test_every_export_carries_the_warning_and_provenance(update):
    assert update.facts["is_sample"]
    lines = provenance(update)
    assert lines[0].startswith("Illustrative sample data — not official")
    assert any(line.startswith("Scope: Second review cycle") for line in lines)
    assert any("As of: 4 September 2019" in line for line in lines)
    assert any("Compared with: 1 June 2019" in line for line in lines)
    assert any(line.startswith("Data: load run run-") for line in lines)
    md = to_markdown(update, "# T\n\nEdited.").decode("utf-8")
    assert md.startswith("# T\n\nEdited.") and all(line in md for line in lines)
    docx_text = "\n".join(p.text for p in Document(BytesIO(to_docx(update))).paragraphs)
    assert all(line in docx_text for line in lines)
    prs = Presentation(BytesIO(to_pptx(update, {})))
    for slide in prs.slides:
        texts = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert "Illustrative sample data — not official" in texts
        assert all(line in slide.notes_slide.notes_text_frame.text for line in lines)
    # No run id is read aloud.
    assert not any("run-" in s.text for s in update.sentences)


def _deck(data: bytes) -> list[tuple[list[str], int]]:
    """Per slide: its texts and how many pictures it holds."""
    prs = Presentation(BytesIO(data))
    return [([sh.text_frame.text for sh in slide.shapes if sh.has_text_frame],
             sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in slide.shapes)) for slide in prs.slides]


@needs_browser
def test_pptx_has_title_and_one_slide_per_headline_with_chart(update, charts):
    assert set(charts) == {s.key for s in update.sentences}
    # update_charts renders each chart with chart_png.
    assert all(png.startswith(PNG) and len(png) > 5000 for png in charts.values())
    slides = _deck(to_pptx(update, charts))
    assert len(slides) == 1 + len(update.sentences)
    assert update.title in slides[0][0] and slides[0][1] == 0
    for (texts, pictures), s in zip(slides[1:], update.sentences, strict=True):
        assert s.headline in texts and s.text in texts
        assert pictures == 1


@needs_browser
def test_chart_text_is_at_least_18_points_on_the_slide(update, charts):
    prs = Presentation(BytesIO(to_pptx(update, charts)))
    for slide in list(prs.slides)[1:]:
        pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
        width_px = Image.open(BytesIO(pic.image.blob)).width
        # CHART_TEXT_PX layout pixels, rendered at PNG_SCALE, shown over the picture's width in inches.
        points = CHART_TEXT_PX * PNG_SCALE / width_px * (pic.width / 914400) * 72
        assert points >= 18, points


def test_pptx_without_charts_and_with_edits(update):
    edited = "# Edited title\n\n" + "\n\n".join(s.text for s in update.sentences) + "\n\nA closing line of mine."
    slides = _deck(to_pptx(update, {}, edited))
    assert len(slides) == 2 + len(update.sentences)
    assert all(pictures == 0 for _, pictures in slides)
    assert "Edited title" in slides[0][0]
    assert "A closing line of mine." in slides[-1][0]

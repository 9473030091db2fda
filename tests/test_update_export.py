"""Tests of the oral-update exports: the .docx and .pptx open and hold the draft; charts render to PNG offline."""

from __future__ import annotations

import os
from datetime import date
from io import BytesIO

import duckdb
import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from app.oral_update import Point, Scope, build_update
from app.update_export import figure_for, to_docx, to_markdown, to_pptx, update_charts
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


def test_docx_opens_and_holds_draft_and_figures(update):
    doc = Document(BytesIO(to_docx(update)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert update.title in paragraphs
    assert all(s.text in paragraphs for s in update.sentences)
    assert len(doc.tables) == len(update.sentences)
    chapters = next(s for s in update.sentences if s.key == "chapters")
    first_table_rows = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert first_table_rows[0] == list(chapters.figures.columns)
    assert len(first_table_rows) == len(chapters.figures) + 1
    assert doc.core_properties.title == update.title


def test_docx_uses_the_edited_text(update):
    edited = "# My title\n\nSeven more summaries arrived.\n\nCapacity-building leads."
    paragraphs = [p.text for p in Document(BytesIO(to_docx(update, edited))).paragraphs]
    assert "My title" in paragraphs and "Seven more summaries arrived." in paragraphs
    assert update.sentences[0].text not in paragraphs


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


def test_pptx_without_charts_says_so(update):
    slides = _deck(to_pptx(update, {}))
    assert len(slides) == 1 + len(update.sentences)
    assert all(pictures == 0 for _, pictures in slides)
    assert all(any("Chart not available" in t for t in texts) for texts, _ in slides[1:])

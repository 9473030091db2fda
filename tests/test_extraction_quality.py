"""Extraction scored with the counting rule on hand-labelled summaries the parser was not written against.

tests/fixtures/holdout/ holds summaries written by hand in the style of published ones (other States, other
wording, three languages); the same texts are also rendered to Word and PDF here, so every format is scored.
tests/fixtures/holdout2/ is a second set by another author, each file in a style the first set lacks (lettered
run-on lists, needs under article headings, a page break inside a need, "Technical assistance required", hard-wrapped
and hyphenated lines, a closing remark). Written after the parser; the four faults it found were fixed, so it now
guards those styles rather than measuring first sight. tests/fixtures/holdout3/ is a third, mostly French and Spanish
(10 summaries, 83 needs); it found two type errors, since fixed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from docx import Document
from fpdf import FPDF

from pipelines.evaluate import score
from pipelines.load import LoadOptions, run_load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = {name: (FIXTURES / name, json.loads((FIXTURES / f"{name}_labels.json").read_text(encoding="utf-8")))
        for name in ("holdout", "holdout2", "holdout3")}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BULLET = re.compile(r"^\s*[•\-–—]\s+")
# Where an author starts a new paragraph: a number, letter or roman numeral item, a footnote rule, a footnote and a
# page-furniture line (job number, symbol) of a page break typed into the text.
STARTS = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.\s|\d+\)\s|\(?[a-z]\)\s|\(?[ivx]+\)\s|_{5,}|[¹²³⁴⁵⁶⁷⁸⁹]"
                    r"|V\.\d\d-\d{5}|CAC/COSP/)")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs as an author typed them: a new one at a blank line, a bullet, an item or furniture."""
    found: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip() or BULLET.match(line) or STARTS.match(line):
            if current:
                found.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        found.append(" ".join(current))
    return found


def to_docx(text: str, path: Path) -> None:
    """Word file as an author would make it: bullets are list paragraphs, with no glyph in the text."""
    document = Document()
    for paragraph in paragraphs(text):
        if BULLET.match(paragraph):
            document.add_paragraph(BULLET.sub("", paragraph), style="List Bullet")
        else:
            document.add_paragraph(paragraph)
    document.save(str(path))


def to_pdf(text: str, path: Path, symbol: str) -> None:
    """PDF with running headers and footers, long lines wrapped by the layout engine."""

    class Summary(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, symbol, align="R")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"V.21-0{self.page_no()}456    {self.page_no()}/{{nb}}", align="C")

    pdf = Summary(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    for paragraph in paragraphs(text):
        pdf.multi_cell(0, 5, paragraph)
        pdf.ln(2)
    pdf.output(str(path))


def load_and_score(folder: Path, tmp_path: Path, labels: list[dict]):
    warehouse = tmp_path / "wh.duckdb"
    result = run_load(LoadOptions(paths=[folder], warehouse=warehouse, progress=False, workers=1, validate=False))
    assert not result.rejected, result.summary()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return score(labels, con), con.execute("SELECT regexp_extract(source_file, '[^/]+$'), symbol, iso3, cycle "
                                               "FROM documents").fetchall()


def relabel(labels: list[dict], suffix: str) -> list[dict]:
    return [dict(doc, file=doc["file"].rsplit(".", 1)[0] + suffix) for doc in labels]


def assert_meets_targets(result) -> None:
    detail = result.report() + "\n" + "\n".join(result.misses)
    assert result.recall >= 0.97, detail
    assert result.precision >= 0.97, detail
    assert result.types_accuracy >= 0.93, detail
    assert result.articles_accuracy >= 0.95, detail
    assert result.no_needs_kept == result.no_needs_labelled, detail


@pytest.mark.parametrize("name", SETS)
def test_holdout_text_files(tmp_path: Path, name: str):
    folder, labels = SETS[name]
    result, documents = load_and_score(folder, tmp_path, labels)
    assert_meets_targets(result)
    expected = {(d["file"], d["symbol"], d["iso3"], d["cycle"]) for d in labels}
    assert set(documents) == expected


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_holdout_rendered_to_word_and_pdf(tmp_path: Path, suffix: str, name: str):
    source, labels = SETS[name]
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in labels:
        text = (source / doc["file"]).read_text(encoding="utf-8")
        target = folder / (doc["file"].rsplit(".", 1)[0] + suffix)
        to_docx(text, target) if suffix == ".docx" else to_pdf(text, target, doc["symbol"])
    result, _ = load_and_score(folder, tmp_path, relabel(labels, suffix))
    assert_meets_targets(result)


def test_documents_laid_out_like_un_documents(tmp_path: Path):
    # tests/fixtures/realistic: PDFs with margin paragraph numbers, hanging bullets and footnotes; Word files with
    # heading styles, numbered lists and tables of needs (see its README).
    folder = FIXTURES / "realistic"
    by_stem = {doc["file"].rsplit(".", 1)[0]: doc for _, labels in SETS.values() for doc in labels}
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx"))
    labels = [dict(by_stem[p.stem], file=p.name) for p in files]
    assert {p.suffix for p in files} == {".pdf", ".docx"}
    result, documents = load_and_score(folder, tmp_path, labels)
    assert_meets_targets(result)
    assert (result.recall, result.precision) == (1.0, 1.0), result.misses
    assert len(documents) == len(files)


def test_sample_corpus_against_its_labels(sample_warehouse: Path):
    labels = json.loads((FIXTURES / "sample_labels.json").read_text(encoding="utf-8"))
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        result = score(labels, con)
        assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
        assert con.execute("SELECT bool_and(is_sample) FROM documents").fetchone()[0]
    assert_meets_targets(result)

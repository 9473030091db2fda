"""Extraction: PDF, Word and text files become numbered lines, and unreadable files are rejected with a reason."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from pipelines.errors import Rejection
from pipelines.extract import extract, pdf_pages_pdfium, pdf_pages_pdfminer
from tests.fixtures.extract.builders import Page, make_docx, make_image_pdf, make_pdf

SYMBOL = "CAC/COSP/IRG/II/3/1/Add.12"
FRENCH = "Renforcement des capacités du personnel chargé des enquêtes ; « assistance législative » à l’État.\n"


def summary_pages() -> list[Page]:
    """Two pages with a running header and footer, a superscript footnote mark and its footnote."""
    return [
        Page(
            header=SYMBOL,
            body=[
                "Technical assistance needs",
                None,
                "The State needs training for investi-",
                ["gators and capacity-building programmes", ("sup", "1"), "."],
            ],
            footnotes=("1 Available at www.unodc.org.",),
            footer="V.19-01234 1/2",
        ),
        Page(header=SYMBOL, body=["Legal advice (art. 20)."], footer="V.19-01234 2/2"),
    ]


def rejection(path: Path, **kwargs) -> Rejection:
    with pytest.raises(Rejection) as caught:
        extract(path, **kwargs)
    return caught.value


def test_pdf_lines_keep_page_line_numbers_marks_and_footnotes(tmp_path):
    result = extract(make_pdf(tmp_path / "s.pdf", summary_pages()))
    assert result.format == "pdf" and result.pages == 2
    lines = [(line.page, line.number, line.text, line.kind) for line in result.lines]
    assert lines == [
        (1, 1, SYMBOL, ""),
        (1, 2, "", ""),
        (1, 2, "Technical assistance needs", ""),
        (1, 3, "", ""),
        (1, 3, "The State needs training for investi-", ""),
        (1, 4, "gators and capacity-building programmes¹.", ""),
        (1, 5, "", ""),
        (1, 5, "1 Available at www.unodc.org.", "footnote"),
        (1, 6, "", ""),
        (1, 6, "V.19-01234 1/2", "footnote"),
        (2, 1, SYMBOL, ""),
        (2, 2, "", ""),
        (2, 2, "Legal advice (art. 20).", ""),
        (2, 3, "", ""),
        (2, 3, "V.19-01234 2/2", ""),
    ]
    assert result.lines[4].location == "page 1, line 3"


def test_pdf_rejections(tmp_path):
    encrypted = make_pdf(tmp_path / "e.pdf", summary_pages(), encrypt=True)
    got = rejection(encrypted)
    assert got.reason == "encrypted_pdf" and "unprotected copy" in got.action

    good = make_pdf(tmp_path / "g.pdf", summary_pages()).read_bytes()
    truncated = tmp_path / "t.pdf"
    truncated.write_bytes(good[: len(good) // 2])
    assert rejection(truncated).reason == "corrupt_pdf"
    garbage = tmp_path / "x.pdf"
    garbage.write_bytes(b"%PDF-1.7\nthis is not a PDF body\n")
    assert rejection(garbage).reason == "corrupt_pdf"

    scanned = rejection(make_image_pdf(tmp_path / "scan.pdf"))
    assert scanned.reason == "no_text_layer" and "OCR" in scanned.action


def test_plain_page_text_from_both_extractors(tmp_path):
    path = make_pdf(tmp_path / "s.pdf", summary_pages())
    for pages in (pdf_pages_pdfium(path), pdf_pages_pdfminer(path)):
        assert len(pages) == 2
        assert "Legal advice (art. 20)." in pages[1]


def test_docx_body_in_order_with_list_kinds_and_no_header_footer(tmp_path):
    result = extract(make_docx(tmp_path / "s.docx"))
    assert result.format == "docx" and result.pages is None
    lines = [(line.number, line.text, line.kind) for line in result.lines]
    assert lines == [
        (1, "Executive summary: Ruritania", ""),
        (2, "Technical assistance needs", "heading"),
        (3, "Capacity-building for the staff of the asset declaration unit (art. 8)", "bullet"),
        (4, "Model legislation on whistle-blowers (art. 33)", "bullet"),
        (5, "", ""),
        (6, "Legal advice (art. 20)", "numbered"),
        (7, "Training of\u00a0judges", "numbered"),
        (8, "Article", ""),
        (9, "Need", ""),
        (10, "9", ""),
        (11, "E-procurement system", ""),
        (12, "Closing paragraph after the table.", ""),
    ]
    assert all(line.unit == "paragraph" and line.page is None for line in result.lines)
    assert result.lines[5].location == "paragraph 6"


def test_docx_list_paragraph_with_bullet_numbering(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    path = tmp_path / "l.docx"
    document = docx.Document()
    bullet_num = document.styles["List Bullet"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    paragraph = document.add_paragraph("Needs listed with List Paragraph", style="List Paragraph")
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", bullet_num)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    paragraph._p.get_or_add_pPr().append(num_pr)
    document.save(str(path))
    assert [line.kind for line in extract(path).lines] == ["bullet"]


def test_corrupt_docx(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    got = rejection(path)
    assert got.reason == "corrupt_docx" and "save it again" in got.action


@pytest.mark.parametrize(
    ("data", "encoding", "warned"),
    [
        (FRENCH.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig", False),
        (FRENCH.replace("’", "'").replace("« ", '"').replace(" »", '"').encode("cp1252") * 3, "cp1252", True),
        (FRENCH.encode("utf-16"), "utf-16", True),
    ],
)
def test_text_encodings(tmp_path, data, encoding, warned):
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    result = extract(path)
    assert result.encoding == encoding
    assert result.lines[0].text.startswith("Renforcement des capacités du personnel chargé des enquêtes")
    assert bool(result.warnings) == warned
    assert result.lines[0].location == "line 1"


def test_text_line_ends_normalised(tmp_path):
    path = tmp_path / "s.text"
    path.write_bytes(b"one\r\ntwo\rthree\n\fV.19-01234\n")
    assert [line.text for line in extract(path).lines] == ["one", "two", "three", "\fV.19-01234", ""]


def test_text_rejections(tmp_path):
    garbage = tmp_path / "g.txt"
    garbage.write_bytes(random.Random(1).randbytes(4000))
    assert rejection(garbage).reason == "undecodable_text"
    garbage.write_bytes(bytes(b for b in random.Random(2).randbytes(6000) if b))
    assert rejection(garbage).reason == "undecodable_text"
    controls = tmp_path / "c.txt"
    controls.write_bytes(b"\x01\x02\x03\x04\x05\x06abc\x07\x08" * 50)
    assert rejection(controls).reason == "undecodable_text"
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    assert rejection(empty).reason == "empty_file"
    blank = tmp_path / "b.txt"
    blank.write_bytes(b"  \n\t\n  \r\n")
    assert rejection(blank).reason == "empty_file"


def test_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 2**20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    got = rejection(big)
    assert got.reason == "too_large"
    assert got.message.startswith("file is 50.0 MB, over the 25 MB limit")
    assert "--max-mb" in got.action
    assert rejection(big, max_bytes=30 * 2**20).reason == "too_large"


@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".odt", ".pages", ".xls"])
def test_unsupported_types(tmp_path, suffix):
    path = tmp_path / f"s{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary word")
    got = rejection(path)
    assert got.reason == "unsupported_type" and ".docx or PDF" in got.action


def test_pdfium_and_pdfminer_read_the_same_lines(tmp_path):
    # Which one is faster is measured by `python -m pipelines.bench` (medians), never asserted in a test.
    body = [f"Line {n} of the page: capacity-building for the staff of the asset declaration unit." for n in range(40)]
    path = make_pdf(tmp_path / "ten.pdf", [Page(header=SYMBOL, body=body, footer=f"{p}/10") for p in range(1, 11)])
    fast = pdf_pages_pdfium(path)
    slow = pdf_pages_pdfminer(path)
    assert len(fast) == len(slow) == 10
    assert [page.split() for page in fast] == [page.split() for page in slow]


def test_docx_superscript_marks_and_typed_footnotes(tmp_path):
    import docx
    from docx.shared import Pt

    path = tmp_path / "f.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("Ratified in 2010.")
    paragraph.add_run("1").font.superscript = True
    paragraph.add_run(" Training of 12 judges.")
    note = document.add_paragraph().add_run("1 Act No. 79 of 2006.")
    note.font.size = Pt(8)
    small = document.add_paragraph().add_run("Small print that is not a footnote.")
    small.font.size = Pt(8)
    document.save(str(path))
    lines = [(line.text, line.kind) for line in extract(path).lines]
    assert lines[:2] == [("Ratified in 2010.¹ Training of 12 judges.", ""), ("1 Act No. 79 of 2006.", "footnote")]
    assert lines[-1] == ("Small print that is not a footnote.", "")

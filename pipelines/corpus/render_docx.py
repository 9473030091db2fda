"""Render a document spec as a .docx file: Word heading styles, real list paragraphs, symbol and job number in the
section header and footer, footnotes as small paragraphs after the paragraph that cites them."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from .spec import FOOTNOTE_MARK, DocSpec

HEADING_LEVEL = {"title": 1, "heading": 2, "subheading": 4}
_template: list = []


def _blank():
    """The default template, loaded once per process and emptied for each document (loading it is the slow part)."""
    if not _template:
        _template.append(Document())
    doc = _template[0]
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


def _styled(doc, style_id: str):
    # Setting the style id directly skips python-docx's lookup of the style by name, which dominates run time.
    p = doc.add_paragraph()
    p._p.get_or_add_pPr().style = style_id
    return p


def _runs(paragraph, text: str, numbers: list[str]) -> None:
    parts = text.split(FOOTNOTE_MARK)
    for i, part in enumerate(parts):
        if part:
            paragraph.add_run(part)
        if i < len(parts) - 1:
            paragraph.add_run(numbers.pop(0)).font.superscript = True


def render(spec: DocSpec, path: Path) -> None:
    """Write the .docx file."""
    doc = _blank()
    section = doc.sections[0]
    section.page_height, section.page_width = Pt(842), Pt(595)
    section.header.paragraphs[0].text = spec.symbol
    section.footer.paragraphs[0].text = spec.job.split(" (")[0]
    counter = 0
    for block in spec.blocks:
        if block.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        numbers = [str(counter + i + 1) for i in range(len(block.footnotes))]
        counter += len(block.footnotes)
        notes = list(zip(numbers, block.footnotes, strict=True))
        if block.kind in HEADING_LEVEL and not (block.kind == "subheading" and spec.options["indent_lists"]):
            p = _styled(doc, f"Heading{HEADING_LEVEL[block.kind] + (1 if block.level == 2 else 0)}")
            _runs(p, block.text, numbers)
        elif block.kind == "subheading":
            p = doc.add_paragraph()
            p.add_run(block.text).italic = True
        elif block.kind == "bullet":
            p = _styled(doc, "ListBullet")
            _runs(p, block.text, numbers)
        elif block.kind == "numbered":
            p = _styled(doc, "ListNumber")
            _runs(p, block.text, numbers)
        elif block.kind == "lettered":
            p = doc.add_paragraph()
            _runs(p, f"{block.marker}\t{block.text}", numbers)
        else:
            p = doc.add_paragraph()
            _runs(p, block.text, numbers)
            if block.kind in ("cover", "notice", "toc"):
                for run in p.runs:
                    run.font.size = Pt(10)
                    run.italic = block.kind == "notice"
        for number, text in notes:
            note = doc.add_paragraph()
            run = note.add_run(f"{number} {text}")
            run.font.size = Pt(8)
    doc.save(str(path))

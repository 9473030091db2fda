"""The source around a need, for the review page: extracted lines before and after it, and a PDF page as an image."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.discover import resolve_display_path
from pipelines.extract import extract
from pipelines.model import SourceLine
from pipelines.rows import normalized_text


@dataclass(frozen=True)
class ExcerptLine:
    """One source line shown around a need."""

    index: int  # position in the document's extracted lines, to select lines for a missed need
    page: int | None
    number: int
    text: str
    in_need: bool

    @property
    def location(self) -> str:
        return f"page {self.page}, line {self.number}" if self.page is not None else f"line {self.number}"


@lru_cache(maxsize=8)
def _lines(path: str, mtime_ns: int) -> tuple[SourceLine, ...]:
    return tuple(extract(Path(path)).lines)


def source_lines(source_file: str) -> list[SourceLine]:
    """Every extracted line of a loaded file (cached while the file is unchanged); [] when the file is gone."""
    path = resolve_display_path(source_file)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return []
    return list(_lines(str(path), mtime))


def around(lines: list[SourceLine], page: int | None, number: int | None, text: str, before: int = 6,
           after: int = 6) -> list[ExcerptLine]:
    """The lines around the one a need starts on, those holding the need's text marked; [] when it is not found."""
    start = next((i for i, line in enumerate(lines) if line.page == page and line.number == number), None)
    if start is None:
        return []
    wanted = normalized_text(text)
    end = start
    # The need runs on while the next line's words continue its text.
    while end + 1 < len(lines):
        following = normalized_text(lines[end + 1].text)
        if not following or following not in wanted:
            break
        end += 1
    first, last = max(0, start - before), min(len(lines), end + 1 + after)
    return [ExcerptLine(i, lines[i].page, lines[i].number, lines[i].text, start <= i <= end)
            for i in range(first, last)]


def page_png(source_file: str, page: int, width: int = 900) -> bytes | None:
    """One PDF page drawn by pdfium as PNG bytes; None when the file or page is not there."""
    import pypdfium2 as pdfium

    path = resolve_display_path(source_file)
    if not path.exists():
        return None
    document = pdfium.PdfDocument(path)
    try:
        if not 1 <= page <= len(document):
            return None
        pdf_page = document[page - 1]
        image = pdf_page.render(scale=width / pdf_page.get_width()).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()

"""Render a document spec as an A4 PDF with fpdf2: running headers and footers, footnotes at the page bottom with
superscript marks, and long words hyphenated across line breaks."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from .layout import Line, flow, paginate
from .spec import DocSpec

FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu")]
X0, WIDTH, LIST_INDENT = 30.0, 150.0, 7.0
TOP_FIRST, TOP, BOTTOM = 18.0, 24.0, 272.0
NOTE_H = 3.6
STYLES = {  # style: (font style, size pt, line height mm)
    "cover": ("", 10, 4.6), "notice": ("I", 9, 4.6), "toc": ("", 10, 4.6), "title": ("B", 12, 6.0),
    "heading": ("B", 10.5, 5.2), "subheading": ("I", 10, 5.0), "para": ("", 10, 4.6), "bullet": ("", 10, 4.6),
    "numbered": ("", 10, 4.6), "lettered": ("", 10, 4.6),
}
GAPS = {"para": 2.4, "heading": 3.5, "title": 3.5, "subheading": 2.4, "bullet": 1.6, "numbered": 1.6,
        "lettered": 1.6, "notice": 1.5, "toc": 0.8}


@lru_cache(maxsize=1)
def _fonts() -> dict[str, Path]:
    found = {}
    for name, file in [("", "LiberationSerif-Regular.ttf"), ("B", "LiberationSerif-Bold.ttf"),
                       ("I", "LiberationSerif-Italic.ttf"), ("fallback", "DejaVuSans.ttf")]:
        for folder in FONT_DIRS:
            if (folder / file).exists():
                found[name] = folder / file
                break
    missing = {"", "B", "I", "fallback"} - set(found)
    if missing:
        raise RuntimeError("PDF rendering needs the Liberation Serif and DejaVu Sans fonts "
                           "(Debian: fonts-liberation, fonts-dejavu-core)")
    return found


class _Pdf(FPDF):
    """FPDF with the sample's fonts: the built-in Times when the text fits Windows-1252 (fast: nothing to embed),
    else Liberation Serif with a DejaVu fallback."""

    def __init__(self, core: bool) -> None:
        super().__init__(format="A4", unit="mm")
        self.set_auto_page_break(False)
        if core:
            self.core_fonts_encoding = "windows-1252"
            self.serif, self.fallback = "Times", "Helvetica"
        else:
            fonts = _fonts()
            for style in ("", "B", "I"):
                self.add_font("serif", style, str(fonts[style]))
            self.add_font("fallback", "", str(fonts["fallback"]))
            self.set_fallback_fonts(["fallback"])
            self.serif, self.fallback = "serif", "fallback"
        self._widths: dict[tuple[str, str], float] = {}

    def set_font(self, family: str | None = None, style: str = "", size: float = 0) -> None:
        super().set_font({"serif": self.serif, "fallback": self.fallback}.get(family, family), style, size)

    def use(self, style: str) -> None:
        font, size, _ = STYLES.get(style, STYLES["para"])
        self.set_font("serif", font, size)

    def measure(self, text: str, style: str) -> float:
        key = (text, style)
        if key not in self._widths:
            self.use(style)
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]


def _draw_line(pdf: _Pdf, line: Line, y: float) -> None:
    pdf.use(line.style)
    x = X0 + line.indent
    if line.marker:
        pdf.text(X0, y, line.marker if pdf.serif == "serif" else line.marker.replace("▪", "•"))
    chunk = ""
    for i, word in enumerate(line.words):
        chunk += ("" if i == 0 else " ") + word.text
        if word.mark:
            pdf.text(x, y, chunk)
            x += pdf.get_string_width(chunk)
            size = pdf.font_size_pt
            pdf.set_font_size(size * 0.6)
            pdf.text(x, y - 1.6, word.mark)
            x += pdf.get_string_width(word.mark)
            pdf.set_font_size(size)
            chunk = ""
    if chunk:
        pdf.text(x, y, chunk)


def render(spec: DocSpec, path: Path) -> None:
    """Write the PDF file."""
    texts = [b.text + b.marker + "".join(b.footnotes) for b in spec.blocks] + [spec.symbol, spec.job]
    try:
        "".join(texts).replace("▪", "•").encode("windows-1252")
        core = True
    except UnicodeEncodeError:
        core = False
    pdf = _Pdf(core)
    pdf.set_title(f"{spec.symbol} {spec.state.name}")
    # As on real covers, the symbol sits on the same row as "United Nations", at the right margin.
    blocks = [b for b in spec.blocks if not (b.kind == "cover" and b.text == spec.symbol)]
    lines = flow(blocks, WIDTH, pdf.measure, spec.options["hyphenate"], LIST_INDENT, GAPS)
    lines[0].style = "title"
    lines[0].gap = 4.0
    pages = paginate(lines, BOTTOM - TOP_FIRST - 10, BOTTOM - TOP, lambda s: STYLES.get(s, STYLES["para"])[2], NOTE_H)
    job = spec.job.split(" (")[0]
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        if number > 1:
            pdf.set_font("serif", "B", 8)
            width = pdf.get_string_width(spec.symbol)
            pdf.text(X0 if number % 2 == 0 else X0 + WIDTH - width, 14, spec.symbol)
            pdf.line(X0, 15.5, X0 + WIDTH, 15.5)
        y = TOP_FIRST if number == 1 else TOP
        for i, line in enumerate(page.lines):
            y += (line.gap if i else 0.0) + STYLES.get(line.style, STYLES["para"])[2]
            _draw_line(pdf, line, y)
            if number == 1 and i == 0:
                pdf.set_font("serif", "B", 11)
                pdf.text(X0 + WIDTH - pdf.get_string_width(spec.symbol), y, spec.symbol)
                pdf.line(X0, y + 2, X0 + WIDTH, y + 2)
        if page.notes:
            top = BOTTOM + 4 - NOTE_H * len(page.notes)
            pdf.line(X0, top - 2.5, X0 + 40, top - 2.5)
            pdf.set_font("serif", "", 8)
            for k, (mark, text) in enumerate(page.notes):
                pdf.set_font_size(5)
                pdf.text(X0, top + k * NOTE_H - 1.2, mark)
                pdf.set_font_size(8)
                pdf.text(X0 + 3, top + k * NOTE_H, text)
        pdf.set_font("serif", "B" if number > 1 else "", 8)
        if number == 1:
            pdf.text(X0, 285, spec.job)
            pdf.set_font("fallback", "", 8)
            pdf.text(X0, 290, f"*{job[2:].replace('-', '')}*")
        else:
            folio = f"{number}/{len(pages)}"
            left, right = (job, folio) if number % 2 else (folio, job)
            pdf.text(X0, 286, left)
            pdf.text(X0 + WIDTH - pdf.get_string_width(right), 286, right)
    pdf.output(str(path))

"""Turn a PDF, Word or text file into lines of text with their page and line (or paragraph) numbers.

PDF lines are rebuilt from pdfium's characters and their baselines, so a line is what a reader sees on the page.
Layout facts the extractor knows are kept for clean.py:
- superscript digits (smaller and raised, i.e. footnote marks) are written as Unicode superscripts (¹²³);
- a line hyphenated at its end keeps its hyphen (pdfium reports it as U+FFFE) and stays a separate line;
- lines below the body text that are set in a smaller font and start with a number get kind='footnote';
- a vertical gap clearly wider than the usual line spacing becomes an empty line (text ''), a paragraph-break hint
  that carries the number of the line after it.
Word paragraphs carry kind 'heading', 'bullet' or 'numbered' from their style and numbering, and 'footnote' for
footnote text typed into the body (Footnote Text style, or small print starting with its number); digits in
superscript runs become ¹²³ as in PDF. Word's own footnotes, headers and footers are not read.
"""

from __future__ import annotations

import codecs
import ctypes
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.errors import Rejection
from pipelines.model import ExtractedText, SourceLine

MAX_BYTES = 25 * 2**20
UNSUPPORTED = {".doc", ".rtf", ".odt", ".pages", ".wpd", ".docm", ".dotx"}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# pdfium marks a hyphen it judged to be a line-end hyphenation with U+FFFE (older builds: U+0002).
PDFIUM_HYPHENS = {0xFFFE, 0x02}


def extract(path: Path, max_bytes: int = MAX_BYTES) -> ExtractedText:
    """Read one file into lines with provenance, or raise Rejection saying why it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise Rejection(
            "unsupported_type",
            f"{suffix} files cannot be read",
            "save it as .docx or PDF and load that file",
        )
    if suffix not in {".pdf", ".docx", ".txt", ".text"}:
        raise Rejection(
            "unsupported_type",
            f"'{suffix or path.name}' is not a supported document type (PDF, .docx, .txt)",
            "save it as .docx or PDF and load that file",
        )
    # stat only: a huge file must be refused without reading it.
    size = path.stat().st_size
    if size > max_bytes:
        raise Rejection(
            "too_large",
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit for one executive summary",
            "check it is an executive summary; split it or raise --max-mb",
        )
    if size == 0:
        raise Rejection("empty_file", "file is empty (0 bytes)", "replace it with the complete document")
    if suffix == ".pdf":
        result = _extract_pdf(path)
    elif suffix == ".docx":
        result = _extract_docx(path)
    else:
        result = _extract_txt(path)
    if not any(line.text.strip() for line in result.lines):
        raise Rejection("empty_file", "file contains no text", "replace it with the complete document")
    return result


@dataclass
class _PdfLine:
    """A line being built from pdfium characters."""

    baseline: float
    size: float
    chars: list[str] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars).rstrip()

    @property
    def font_size(self) -> float:
        return Counter(round(s, 1) for s in self.sizes).most_common(1)[0][0] if self.sizes else round(self.size, 1)


def _open_pdf(path: Path):
    """Open a PDF with pdfium, turning its load errors into rejections."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        if err.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise Rejection(
                "encrypted_pdf",
                "PDF is password-protected",
                "save an unprotected copy (print to PDF or remove the password) and load that",
            ) from err
        raise Rejection(
            "corrupt_pdf",
            f"PDF cannot be opened ({err})",
            "download the document again or re-save it from the original",
        ) from err


def _page_lines(textpage) -> list[_PdfLine]:
    """Group a page's characters into visual lines by baseline, keeping superscripts on their line.

    Only some characters are measured, to keep ctypes calls few: the first after each of pdfium's line breaks
    (which may split a line at a superscript, or join two at a hyphenation), every digit (a footnote mark is one)
    and the character after it, and every eighth character (for the line's font size).
    """
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:
        # pdfium's text view and char list disagree (rare): read the chars one by one.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    lines: list[_PdfLine] = []
    current: _PdfLine | None = None
    probe = True
    for i, char in enumerate(text):
        if char in "\r\n":
            probe = True
            continue
        if ord(char) in PDFIUM_HYPHENS:
            if current is not None:
                current.chars.append("-")
            probe = True
            continue
        if char.isspace():
            if current is not None and current.chars:
                current.chars.append(" ")
            continue
        if not (probe or char.isdigit() or i % 8 == 0) and current is not None:
            current.chars.append(char)
            continue
        # The character after a digit is measured too, to see whether the digit was a raised mark.
        probe = char.isdigit()
        size = pdfium_c.FPDFText_GetFontSize(textpage, i)
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
        if current is not None:
            rise = y.value - current.baseline
            small = size < 0.85 * current.size
            if abs(rise) <= 0.3 * current.size:
                pass
            elif small and 0 < rise < 0.8 * current.size:
                current.chars.append(char.translate(SUPERSCRIPT))
                continue
            elif small and 0 < -rise < 0.5 * current.size:
                current.chars.append(char)
                continue
            elif current.size < 0.85 * size and 0 < -rise < 0.8 * size and current.text.strip().isdigit():
                # The line began with a raised footnote number ("¹ Act No. 79"): its text sits lower.
                current.chars = list("".join(current.chars).translate(SUPERSCRIPT))
                current.baseline, current.size, current.sizes = y.value, size, []
            else:
                current = None
        if current is None:
            current = _PdfLine(baseline=y.value, size=size)
            lines.append(current)
        current.chars.append(char)
        # Digits are all measured, so counting them would overweight number-heavy headers and footers.
        if not char.isdigit():
            current.sizes.append(size)
    return [line for line in lines if line.text.strip()]


def _extract_pdf(path: Path) -> ExtractedText:
    """Read a PDF page by page into visual lines, marking footnotes and paragraph gaps."""
    import pypdfium2 as pdfium

    pdf = _open_pdf(path)
    try:
        pages: list[tuple[list[_PdfLine], float]] = []
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                height = page.get_height()
                textpage = page.get_textpage()
                pages.append((_page_lines(textpage), height))
            except pdfium.PdfiumError as err:
                raise Rejection(
                    "corrupt_pdf",
                    f"page {index + 1} cannot be read ({err})",
                    "download the document again or re-save it from the original",
                    f"page {index + 1}",
                ) from err
    finally:
        pdf.close()
    if not pages:
        raise Rejection("empty_file", "PDF has no pages", "replace it with the complete document")
    if not any(line.text.strip() for lines, _ in pages for line in lines):
        raise Rejection(
            "no_text_layer",
            f"PDF has {len(pages)} page(s) but no text layer (a scan or images only)",
            "run OCR on it (for example ocrmypdf) or load the Word original",
        )
    body_size = _body_font_size(pages)
    pitch = _line_pitch(pages, body_size)
    result: list[SourceLine] = []
    for page_no, (lines, height) in enumerate(pages, start=1):
        kinds = _footnote_kinds(lines, body_size, height)
        previous: _PdfLine | None = None
        for number, (line, kind) in enumerate(zip(lines, kinds, strict=True), start=1):
            if previous is not None and pitch and previous.baseline - line.baseline > 1.6 * pitch:
                result.append(SourceLine("", page_no, number, "line"))
            result.append(SourceLine(line.text, page_no, number, "line", kind))
            previous = line
    return ExtractedText(format="pdf", lines=result, pages=len(pages))


def _body_font_size(pages: list[tuple[list[_PdfLine], float]]) -> float:
    """The font size most characters of the document are set in."""
    counts: Counter[float] = Counter()
    for lines, _ in pages:
        for line in lines:
            counts[line.font_size] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def _line_pitch(pages: list[tuple[list[_PdfLine], float]], body_size: float) -> float:
    """Usual distance between baselines of consecutive body lines."""
    gaps = [
        a.baseline - b.baseline
        for lines, _ in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.font_size - body_size) < 0.5 and abs(b.font_size - body_size) < 0.5 and a.baseline > b.baseline
    ]
    # The lower quartile: paragraph gaps are rarer than line gaps but can outnumber them on short pages.
    return sorted(gaps)[len(gaps) // 4] if gaps else 0.0


def _footnote_kinds(lines: list[_PdfLine], body_size: float, height: float) -> list[str]:
    """Mark the small-font lines below the body text in the lower half of the page, from the first numbered one."""
    kinds = [""] * len(lines)
    body_baselines = [line.baseline for line in lines if line.font_size >= 0.9 * body_size]
    floor = min(body_baselines) if body_baselines else height
    started = False
    for i, line in enumerate(lines):
        below = line.baseline < floor and line.baseline < height / 2 and line.font_size < 0.9 * body_size
        if not below:
            started = False
            continue
        head = line.text.lstrip()[:1]
        if head.isdigit() or head in "⁰¹²³⁴⁵⁶⁷⁸⁹*":
            started = True
        if started:
            kinds[i] = "footnote"
    return kinds


def pdf_pages_pdfium(path: Path) -> list[str]:
    """Plain text of each PDF page with pdfium (what the benchmark compares)."""
    pdf = _open_pdf(Path(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdf_pages_pdfminer(path: Path) -> list[str]:
    """Plain text of each PDF page with pdfminer.six, the slower baseline."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "".join(element.get_text() for element in page if isinstance(element, LTTextContainer))
        for page in extract_pages(str(path))
    ]


def _extract_docx(path: Path) -> ExtractedText:
    """Read the body of a Word file in order, paragraphs and table cells, one line per paragraph."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise Rejection(
            "corrupt_docx",
            f"Word file cannot be opened ({type(err).__name__}: {err})",
            "open it in Word, save it again as .docx, and load that copy",
        ) from err
    formats = _numbering_formats(document)
    styles = _StyleIndex(document)
    lines = []
    for number, paragraph in enumerate(_body_paragraphs(document), start=1):
        text = _paragraph_text(paragraph)
        style_id = styles.style_id(paragraph)
        kind = "footnote" if _is_footnote(paragraph, text, styles.name(style_id)) else _paragraph_kind(
            paragraph, formats, styles, style_id
        )
        lines.append(SourceLine(text, None, number, "paragraph", kind))
    return ExtractedText(format="docx", lines=lines)


def _paragraph_text(paragraph) -> str:
    """Text of a paragraph's runs and hyperlinks, digits of superscript runs as ¹²³ (footnote marks)."""
    from docx.text.run import Run

    parts = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run) and item.font.superscript:
            parts.append(item.text.translate(SUPERSCRIPT))
        else:
            parts.append(item.text)
    return "".join(parts).replace("\n", " ").replace("\r", " ")


class _StyleIndex:
    """Paragraph styles of one Word file read once: python-docx's paragraph.style rescans every style per call."""

    def __init__(self, document):
        from docx.oxml.ns import qn
        from docx.styles import BabelFish

        self.by_id: dict[str, tuple[str, str | None, object]] = {}
        self.default: str | None = None
        for node in document.styles.element.findall(qn("w:style")):
            if node.get(qn("w:type")) != "paragraph":
                continue
            style_id = node.get(qn("w:styleId"))
            name_node = node.find(qn("w:name"))
            name = BabelFish.internal2ui(name_node.get(qn("w:val"))) if name_node is not None else style_id
            based = node.find(qn("w:basedOn"))
            ppr = node.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            self.by_id[style_id] = (name or "", based.get(qn("w:val")) if based is not None else None, num_pr)
            if node.get(qn("w:default")) in {"1", "true", "on"}:
                self.default = style_id

    def style_id(self, paragraph) -> str | None:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.pStyle is not None:
            return ppr.pStyle.val
        return self.default

    def name(self, style_id: str | None) -> str:
        return self.by_id.get(style_id, ("", None, None))[0] if style_id else ""

    def num_pr(self, style_id: str | None):
        """numPr of the style or the nearest style it is based on."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            _, base, num_pr = self.by_id[style_id]
            if num_pr is not None:
                return num_pr
            style_id = base
        return None


def _is_footnote(paragraph, text: str, name: str) -> bool:
    """A footnote typed into the body: Footnote Text style, or small print (under 9 pt) starting with its number."""
    if name in {"Footnote Text", "Endnote Text"}:
        return True
    sizes = [run.font.size for run in paragraph.runs if run.text.strip()]
    small = bool(sizes) and all(size is not None and size.pt < 9 for size in sizes)
    return small and re.match(r"\s*(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*)\s", text) is not None


def _body_paragraphs(container):
    """Paragraphs of a document or cell in reading order, descending into tables (merged cells once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            # Holding the cell elements themselves (not their ids) keeps lxml from recycling them.
            seen: set = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    yield from _body_paragraphs(cell)
        else:
            yield block


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """Map (numId, ilvl) to the level's numFmt ('bullet', 'decimal', ...) from the numbering part."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = fmt
    return formats


def _num_pr(paragraph, styles: _StyleIndex, style_id: str | None):
    """The numbering properties of a paragraph, its own or inherited from its style chain."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return ppr.find(qn("w:numPr"))
    return styles.num_pr(style_id)


def _paragraph_kind(
    paragraph, formats: dict[tuple[str, str], str], styles: _StyleIndex, style_id: str | None
) -> str:
    """'heading', 'bullet', 'numbered' or '' from the paragraph's style and numbering."""
    from docx.oxml.ns import qn

    name = styles.name(style_id)
    if name.startswith("Heading") or name == "Title":
        return "heading"
    num_pr = _num_pr(paragraph, styles, style_id)
    if num_pr is not None:
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        level = ilvl.get(qn("w:val")) if ilvl is not None else "0"
        key = (num_id.get(qn("w:val")) if num_id is not None else None, level)
        # numId 0 means numbering explicitly switched off for this paragraph.
        if key[0] != "0":
            fmt = formats.get(key)
            if fmt:
                return "bullet" if fmt in {"bullet", "none"} else "numbered"
    if name.startswith("List Number"):
        return "numbered"
    if name.startswith("List Bullet") or (name == "List Paragraph" and num_pr is not None):
        return "bullet"
    return ""


def _extract_txt(path: Path) -> ExtractedText:
    """Decode a text file (UTF-8, UTF-16 with BOM, else a detected code page) into numbered lines."""
    data = path.read_bytes()
    text, encoding = _decode(data)
    warnings = [] if encoding in {"utf-8", "utf-8-sig"} else [f"text file is not UTF-8; read it as {encoding}"]
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f") + text.count("\ufffd")
    if bad > max(2, len(text) // 100):
        raise Rejection(
            "undecodable_text",
            f"text file does not decode to readable text ({bad} control or invalid characters, read as {encoding})",
            "check it is a text file; re-save it as UTF-8 text or load the PDF/Word original",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [SourceLine(line, None, number, "line") for number, line in enumerate(text.split("\n"), start=1)]
    return ExtractedText(format="txt", lines=lines, encoding=encoding, warnings=warnings)


# Latin-1 letters and signs, plus the punctuation Windows-1252 adds in 0x80-0x9F.
WESTERN_LETTERS = frozenset(chr(code) for code in range(0xA0, 0x100)) | frozenset("€‚„…†‡‰‹›‘’“”•–—™œŒšŠžŽŸ")


def _western_european(data: bytes) -> str | None:
    """Windows-1252 text when every non-ASCII character it yields is one English, French or Spanish text uses.

    Documents here are in those three languages, and statistical detectors confuse short accented
    Windows-1252 text with Baltic or Cyrillic code pages; this check is exact for the texts we expect.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    special = [ch for ch in text if ord(ch) > 127]
    if special and all(ch in WESTERN_LETTERS for ch in special):
        return text
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: UTF-8 (with or without BOM), then UTF-16 with BOM, then charset-normalizer's best guess."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    undecodable = Rejection(
        "undecodable_text",
        "text file is not text in any encoding recognised (binary data?)",
        "check it is a text file; re-save it as UTF-8 text or load the PDF/Word original",
    )
    # Text files never hold NUL bytes outside UTF-16/32, which were tried above.
    if b"\x00" in data:
        raise undecodable
    western = _western_european(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise undecodable
    encoding = best.encoding
    # Latin-1 guesses are nearly always Windows-1252 text (curly quotes, dashes in 0x80-0x9F).
    if encoding in {"latin_1", "iso8859_1", "iso-8859-1"}:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding

"""Line breaking with hyphenation, footnote numbering and pagination, shared by the PDF and pasted-text renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .spec import FOOTNOTE_MARK, Block

DIGRAPHS = {"ch", "th", "sh", "ph", "qu", "gn", "ll", "rr", "gu", "wh", "ck", "fl", "pl", "bl", "cl", "gl", "pr", "br",
            "tr", "dr", "cr", "gr", "fr"}
VOWELS = set("aeiouyàâäéèêëíìîïóòôöúùûüAEIOUYÉ")
LIST_KINDS = ("bullet", "numbered", "lettered")


@dataclass
class Word:
    """A word as printed, with the footnote number whose mark follows it ("" when none)."""

    text: str
    mark: str = ""
    soft: bool = False  # ends in a hyphen the line breaking added


@dataclass
class Line:
    """One printed line: words, style, left indent, hanging list marker and space before it."""

    words: list[Word]
    style: str
    indent: float = 0.0
    marker: str = ""
    gap: float = 0.0
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text + w.mark for w in self.words)


@dataclass
class Page:
    """Lines of one page and the footnotes printed at its bottom."""

    lines: list[Line] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


Measure = Callable[[str, str], float]


def split_point(word: str, room: float, measure: Measure, style: str) -> int:
    """Where to hyphenate word so that its first part plus "-" fits in room; 0 when nowhere."""
    if len(word) < 8 or any(c.isdigit() or c in "/@." for c in word):
        return 0
    best = 0
    for k in range(3, len(word) - 2):
        a, b, c = word[k - 1], word[k], word[k + 1]
        if not (a.isalpha() and b.isalpha() and c.isalpha()):
            continue
        if measure(word[:k] + "-", style) > room:
            break
        # Break before a consonant that starts a syllable (pro-secution, corrup-tion, commis-sion), never inside
        # a digraph: close enough to real hyphenation to look right.
        if b not in VOWELS and c in VOWELS and (a + b).lower() not in DIGRAPHS:
            best = k
    return best


def wrap(words: list[Word], width: float, measure: Measure, style: str, hyphenate: bool) -> list[list[Word]]:
    """Greedy line breaking; words too long for the end of a line are hyphenated when allowed."""
    lines: list[list[Word]] = [[]]
    used = 0.0
    space = measure(" ", style)
    queue = list(words)
    while queue:
        word = queue.pop(0)
        w = measure(word.text + word.mark, style)
        need = w if not lines[-1] else used + space + w
        if need <= width or not lines[-1] and w > width:
            lines[-1].append(word)
            used = need
            continue
        room = width - used - space
        k = split_point(word.text, room, measure, style) if hyphenate else 0
        if k:
            lines[-1].append(Word(word.text[:k] + "-", soft=True))
            queue.insert(0, Word(word.text[k:], word.mark))
        else:
            queue.insert(0, word)
        lines.append([])
        used = 0.0
    return [line for line in lines if line]


def tokens(text: str, numbers: list[str]) -> list[Word]:
    """Split text into words, turning each footnote placeholder into the next footnote number."""
    words = []
    for token in text.split():
        mark = ""
        if FOOTNOTE_MARK in token:
            token = token.replace(FOOTNOTE_MARK, "")
            mark = numbers.pop(0)
        words.append(Word(token, mark))
    return words


def flow(blocks: list[Block], width: float, measure: Measure, hyphenate: bool, list_indent: float,
         gaps: dict[str, float]) -> list[Line]:
    """All lines of the document, footnotes numbered in order; a 'pagebreak' line forces a new page."""
    out: list[Line] = []
    counter = 0
    for block in blocks:
        if block.kind == "pagebreak":
            out.append(Line([], "pagebreak"))
            continue
        numbers = [str(counter + i + 1) for i in range(len(block.footnotes))]
        notes = list(zip(numbers, block.footnotes, strict=True))
        counter += len(block.footnotes)
        indent = list_indent if block.kind in LIST_KINDS else 0.0
        style = block.kind
        hyph = hyphenate and block.kind in ("para",) + LIST_KINDS
        rows = wrap(tokens(block.text, numbers), width - indent, measure, style, hyph)
        for i, row in enumerate(rows):
            line = Line(row, style, indent, block.marker if i == 0 and block.kind in LIST_KINDS else "",
                        gaps.get(block.kind, 0.0) if i == 0 else 0.0)
            line.notes = [n for n in notes if any(w.mark == n[0] for w in row)]
            out.append(line)
    return out


def paginate(lines: list[Line], first_height: float, height: float, line_height: Callable[[str], float],
             note_height: float) -> list[Page]:
    """Fill pages: a line goes to the next page when it, its gap and its footnotes would not fit."""
    pages = [Page()]
    used = 0.0
    for i, line in enumerate(lines):
        if line.style == "pagebreak":
            pages.append(Page())
            used = 0.0
            continue
        limit = first_height if len(pages) == 1 else height
        notes = len(pages[-1].notes) + len(line.notes)
        below = notes * note_height + (note_height if notes else 0.0)
        need = (line.gap if pages[-1].lines else 0.0) + line_height(line.style)
        # Keep a heading with the two lines after it.
        if line.style in ("heading", "subheading", "title"):
            need += 2 * line_height("para")
        if pages[-1].lines and used + need + below > limit:
            # No hyphenated word across a page break: carry such last lines over to the next page.
            carried: list[Line] = []
            while len(pages[-1].lines) > 1 and pages[-1].lines[-1].words[-1].soft:
                moved = pages[-1].lines.pop()
                pages[-1].notes = [n for n in pages[-1].notes if n not in moved.notes]
                carried.insert(0, moved)
            pages.append(Page(carried, [n for c in carried for n in c.notes]))
            used = sum(c.gap * (i > 0) + line_height(c.style) for i, c in enumerate(carried))
        used += (line.gap if pages[-1].lines else 0.0) + line_height(line.style)
        pages[-1].lines.append(line)
        pages[-1].notes.extend(line.notes)
    return pages

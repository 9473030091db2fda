"""Group the lines of a technical-assistance part into blocks: items, paragraphs and article sub-headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.articles import heading_articles
from pipelines.headings import ROMAN
from pipelines.model import SourceLine

# Median length above which a text file's lines are whole paragraphs: printed lines stay under about 100 characters.
PARAGRAPH_LINE_LENGTH = 110
# Lines shorter than this share of the usual full line end a paragraph; the usual line is the 80th percentile.
SHORT_LINE = 0.6
WIDTH_PERCENTILE = 0.8
# An item's line at least this share of the usual full line was wrapped by the layout, not ended by the writer.
FULL_ITEM_LINE = 0.85
MIN_WIDTH_LINES = 20

_GLYPHS = "•●▪◦■□➢►▸‣⁃∙·*○❖✓➤→\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0e0\uf02d"
# "o" is a second-level bullet in Word documents, but also the Spanish "or": only before a capital.
_GLYPH = re.compile(rf"^\s*(?:[{_GLYPHS}]|[-–—](?=\s)|o(?=\s+[A-ZÀ-Ý]))\s*")
ENUM = re.compile(r"^\s*(?:\((?P<p>[a-z]|[ivx]{1,5}|\d{1,2})\)|(?P<d>[a-z]|[ivx]{1,5}|\d{1,2})[.)])\s+(?=\S)",
                   re.IGNORECASE)
TERMINAL = (".", ";", ":", "!", "?")
# "No." (case kept: "no." ends a sentence) too: "Decree No." + "12." is one number cut by the line end.
_CITATION_WORD_END = re.compile(
    r"\b(?:arts?\.|articles?|art[íi]culos?|paras?\.|paragraphs?|par\.|p[áa]rrs?\.|p[áa]rrafos?|al\.|(?-i:No\.))$",
    re.IGNORECASE,
)
_LEADS_ON = re.compile(
    r"(?:[,\-–—(/&]|\b[A-ZÀ-Ý][\w'’\-]*|\b(?:of|the|and|or|for|on|in|to|with|by|at|from|as|a|an|such|including"
    r"|de|du|des|la|le|les|l['’]|d['’]|et|ou|en|à|au|aux|pour|par|sur|avec|dans|del|el|los|las|y|o|para|por|con|al"
    r"|entre|sobre|como|que|qui|its|their|his|her|chapter|chapitre|cap[íi]tulo|articles?|arts?\.|art[íi]culos?"
    r"|paras?\.|paragraphs?|par\.|p[áa]rrs?\.|p[áa]rrafos?|al\.|No\.|n[º°o]))$"
)
_KEYWORD_FIRST = re.compile(r"^(?:arts?\b|articles?\b|art[íi]culos?\b)", re.IGNORECASE)
# A header cell of a table of needs ("Article(s) | Technical assistance needed").
COLUMN_HEADER = re.compile(
    r"^\s*(?:articles?|art[íi]culos?|arts?\.?|needs?|besoins?|necesidad(?:es)?|chapters?|chapitres?|cap[íi]tulos?"
    r"|provisions?|dispositions?|disposiciones?|type|types|tipos?)(?:\s*\(s\)|\s*\(es\))?\s*:?\s*$",
    re.IGNORECASE,
)
# The article cell of a row in such a table: "52", "54, 55", "5 and 6".
_ARTICLE_CELL = re.compile(r"^\s*\d{1,2}(?:\s*(?:,|and|et|y|&|-|–)\s*\d{1,2})*\s*$", re.IGNORECASE)
# A section or item number alone on its line ("3.", "(b)", "iv)"): no text of its own.
_NUMBER_ALONE = re.compile(r"^\s*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[ivx]{1,5}|[a-h])[.)]|\d{1,2}(?:\.\d{1,2})+)\s*$",
                           re.IGNORECASE)


# An article label followed by text of its own on the same line: "Articles 31 and 55: capacity-building ...".
_LABEL_WITH_TEXT = re.compile(r"^(?:arts?\b\.?|articles?\b|art[íi]culos?\b)[^:–—;]{1,40}?\s*[:–—]\s*\w",
                              re.IGNORECASE)


@dataclass
class Block:
    """A run of lines read as one unit: an item, a paragraph or an article sub-heading."""

    kind: str  # 'item', 'para' or 'subheading'
    lines: list[SourceLine] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    articles: list[int] | None = None
    row: bool = False  # the article cell of a table row: heads the next block only

    @property
    def text(self) -> str:
        return " ".join(piece for piece in self.pieces if piece)

    def lines_between(self, start: int, end: int) -> list[SourceLine]:
        """The source lines holding characters start to end of text."""
        found, position = [], 0
        for line, piece in zip(self.lines, self.pieces, strict=False):
            if position < end and start < position + len(piece) + 1:
                found.append(line)
            position += len(piece) + 1
        return found or [self.line_at(start)]

    def line_at(self, offset: int) -> SourceLine:
        """The source line holding character offset of text."""
        position = 0
        for line, piece in zip(self.lines, self.pieces, strict=False):
            position += len(piece) + 1
            if offset < position:
                return line
        return self.lines[-1]


@dataclass(frozen=True)
class Layout:
    """How a document breaks its text: one paragraph per line, or lines wrapped at about width characters."""

    per_line: bool = False
    width: int = 0

    @classmethod
    def of(cls, lines: list[SourceLine]) -> Layout:
        lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip() and line.unit == "line")
        if not lengths:
            return cls()
        per_line = all(line.page is None for line in lines) and lengths[len(lengths) // 2] > PARAGRAPH_LINE_LENGTH
        return cls(per_line, lengths[int(len(lengths) * WIDTH_PERCENTILE)] if len(lengths) >= MIN_WIDTH_LINES else 0)


def bullet(line: SourceLine) -> tuple[str, str] | None:
    """(label, text) when the line starts an item by glyph, list style or enumerator; label '' for bullets."""
    if line.kind == "bullet" or line.kind == "numbered":
        glyph = _GLYPH.match(line.text)
        return "", line.text[glyph.end():] if glyph else line.text.strip()
    glyph = _GLYPH.match(line.text)
    if glyph and (glyph.end() < len(line.text) or line.text.strip() in _GLYPHS):
        return "", line.text[glyph.end():]
    enum = ENUM.match(line.text)
    if enum:
        label = (enum.group("p") or enum.group("d")).lower()
        style = ("(" if enum.group("p") else "") + ("n" if label.isdigit() else "a")
        return f"{style}:{label}", line.text[enum.end():]
    return None


def successor(previous: str, label: str) -> bool:
    """Whether label continues an enumeration whose last label was previous (a->b, i->ii, 1->2)."""
    if label.isdigit():
        return previous.isdigit() and int(label) == int(previous) + 1
    if previous in ROMAN or previous in ("ix", "x", "xi", "xii"):
        romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]
        if previous in romans and label in romans and romans.index(label) == romans.index(previous) + 1:
            return True
    return len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def starts_label(label: str) -> bool:
    return label in ("a", "i", "1")


def _open_citation(text: str) -> bool:
    """Whether text stops inside parentheses or right after a citation word, so "1)" on the next line goes on it."""
    return text.count("(") > text.count(")") or _CITATION_WORD_END.search(text) is not None


def is_blank(line: SourceLine) -> bool:
    return not line.text.strip()


def _continues(current: Block, line: SourceLine, last: SourceLine | None, gap: bool, layout: Layout) -> bool:
    """Whether a plain line carries on the open item or paragraph rather than starting a new paragraph."""
    if line.unit == "paragraph" or layout.per_line or last is None:
        return False
    if gap and not _continues_after_break(current, line, last):
        return False
    starts_upper = line.text.strip()[:1].isupper()
    if not starts_upper:
        return True
    if current.kind == "item" and current.text.rstrip().endswith(TERMINAL):
        return False
    if _open_citation(last.text.rstrip()):
        return True
    # Inside a running "a; b; c" list a line may open with a capitalised word ("États", "Ministry").
    if depth_zero(current.text, ";") and not last.text.rstrip().endswith(TERMINAL):
        return True
    # A short last line ends its paragraph: what follows in capitals is a new one, even without punctuation.
    if layout.width and len(last.text.strip()) < SHORT_LINE * layout.width:
        return False
    # A full line of a paragraph without a stop runs on ("... from the Deutsche Gesellschaft fur" / "Internationale");
    # so does a full line of an item ("... including by providing" / "IT equipment for ..."), which needs a line
    # as long as most of the part's lines, since a short unpunctuated item may be followed by a new paragraph.
    if layout.width and not last.text.rstrip().endswith(TERMINAL) and (
            current.kind == "para" or len(last.text.strip()) >= FULL_ITEM_LINE * layout.width):
        return True
    # Inside a sentence a capital opens a line only after a name or a small word ("of the" / "Ministry of Justice").
    return _LEADS_ON.search(last.text.rstrip()) is not None


def _runs_on_after_label(current: Block, last: SourceLine | None) -> bool:
    """Whether an article label with its own text after the colon ("Article 20: legal advice for the"), or a title
    still inside its brackets ("Article 9 (Public Procurement and"), stops on a word that leads on, so the next line,
    even in capitals, carries on its text."""
    label = _LABEL_WITH_TEXT.match(current.text) or current.text.count("(") > current.text.count(")")
    return bool(label and last is not None and _LEADS_ON.search(last.text.rstrip()))


def _continues_after_break(previous: Block, line: SourceLine, last: SourceLine) -> bool:
    """Whether a line after a blank still continues the block (an item cut by a page break)."""
    if line.unit == "paragraph":
        return False
    if _open_citation(last.text.rstrip()):
        return True
    text = previous.text.rstrip()
    if text.endswith(TERMINAL):
        return False
    stripped = line.text.strip()
    return stripped[:1].islower() or (line.page is not None and last.page is not None and line.page != last.page)


def group_blocks(lines: list[SourceLine], layout: Layout) -> list[Block]:
    """Group the lines of a part into items, paragraphs and article sub-headings."""
    blocks: list[Block] = []
    current: Block | None = None
    last_label: str | None = None
    gap = False
    last_line: SourceLine | None = None
    table = False
    for line in lines:
        if is_blank(line):
            gap = True
            continue
        text = line.text.strip()
        if COLUMN_HEADER.match(text):
            table = True
        if table and _ARTICLE_CELL.match(text):
            # A table row's article cell heads the need in the next cell.
            numbers = [int(n) for n in re.findall(r"\d+", text)]
            current = Block("subheading", [line], [text], numbers, row=True)
            blocks.append(current)
            gap, last_line = False, line
            continue
        # "... in respect of chapter" + "III.", "... (art." + "12)": the number ends the line before.
        wrapped_number = last_line is not None and not gap and (_open_citation(last_line.text.rstrip()) or (
            not last_line.text.rstrip().endswith(TERMINAL) and _LEADS_ON.search(last_line.text.rstrip()) is not None))
        if _NUMBER_ALONE.match(text) and not wrapped_number:
            # A number alone is a section number before the next heading, or an item marker whose text follows.
            current = Block("item", [line], [""])
            blocks.append(current)
            gap, last_line = False, line
            continue
        item = bullet(line)
        if item is not None and item[0] and last_line is not None and not gap and _open_citation(last_line.text):
            item = None
        if item is not None and item[0]:
            label = item[0].split(":", 1)[1]
            style = item[0].split(":", 1)[0]
            previous = last_label.split(":", 1) if last_label else None
            # Numbering may run on from an earlier list ("5." after a recommendations list 1-4): any label counts
            # where the text before it is complete.
            closed = current is None or gap or current.kind == "subheading" or (
                last_line is not None and last_line.text.rstrip().endswith(TERMINAL))
            in_sequence = starts_label(label) or closed or (previous is not None and previous[0] == style
                                                       and successor(previous[1], label))
            if not in_sequence:
                item = None
            else:
                last_label = item[0]
        if item is None and current is not None and current.kind == "item" and not current.text:
            # The glyph stood alone on its line; the item's text follows.
            current.lines, current.pieces = [line], [text]
            gap, last_line = False, line
            continue
        articles = heading_articles(item[1] if item else text)
        if articles is not None and item is not None:
            body = item[1].strip()
            citation_only = re.sub(r"^[^:–—\-(]*", "", body).strip(" :.-–—") == "" or body.endswith(":")
            if not citation_only:
                articles = None
        if articles is not None:
            current = Block("subheading", [line], [text.lstrip("•").strip()], articles)
            blocks.append(current)
        elif item is not None:
            current = Block("item", [line], [item[1].strip()])
            blocks.append(current)
        elif (current is not None and current.kind == "subheading" and not gap and line.unit != "paragraph"
              and not current.text.endswith(TERMINAL) and not current.row
              and (text[:1].islower() or _runs_on_after_label(current, last_line))):
            # A long sub-heading wraps onto the next line; so does a lead-in "Articles 31 and 55: capacity-building
            # for the Agency for the" + "Seized Assets; a database.", read as a paragraph once settled.
            current.lines.append(line)
            current.pieces.append(text)
        elif current is not None and current.kind != "subheading" and _continues(current, line, last_line, gap, layout):
            current.lines.append(line)
            current.pieces.append(text)
        else:
            current = Block("para", [line], [text])
            blocks.append(current)
        gap = False
        last_line = line
    return _settle_subheadings(blocks)


def _settle_subheadings(blocks: list[Block]) -> list[Block]:
    """Keep a sub-heading with its own title as a heading only when something sits under it."""

    def following(index: int) -> Block | None:
        return blocks[index + 1] if index + 1 < len(blocks) else None

    keyword_first = [bool(_KEYWORD_FIRST.match(block.text)) for block in blocks]
    # A title ending in a citation ("Public procurement (art. 9)") heads only items; decide those first, since a
    # sub-heading starting with "Article" depends on what follows it.
    for index, block in enumerate(blocks):
        if block.kind == "subheading" and not keyword_first[index] and not block.row:
            after = following(index)
            if after is None or after.kind != "item":
                block.kind, block.articles = "para", None
    for index, block in enumerate(blocks):
        if block.kind == "subheading" and keyword_first[index]:
            title = re.sub(r"^[^:–—\-(]*", "", block.text).strip(" :.-–—()")
            after = following(index)
            wrapped_list = len(block.lines) > 1 and block.text.endswith((".", ";"))
            if title and wrapped_list and _LABEL_WITH_TEXT.match(block.text):
                # A lead-in whose list wrapped onto more lines ends like a sentence: a paragraph, not a heading.
                block.kind, block.articles = "para", None
            elif title and not block.text.endswith(":") and (after is None or after.kind == "subheading"):
                block.kind, block.articles = "item", None
    return blocks


def depth_zero(text: str, char: str) -> list[int]:
    """Positions of char outside parentheses and brackets."""
    depth = 0
    positions = []
    for index, current in enumerate(text):
        if current in "([":
            depth += 1
        elif current in ")]":
            depth = max(0, depth - 1)
        elif current == char and depth == 0:
            positions.append(index)
    return positions

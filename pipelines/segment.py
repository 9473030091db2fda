"""Find each chapter's technical-assistance part and split it into single needs with their articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.articles import ArticleOutOfRange, cited_articles, heading_articles
from pipelines.model import ChapterPart, Need, SourceLine

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}

_NUMBERING = r"(?:(?:[IVX]+|[A-Ha-h]|\d+(?:\.\d+)*)[.)]\s*|\d+(?:\.\d+)*\s+|\(\w{1,4}\)\s*)"
_CHAPTER_HEADING = re.compile(
    rf"^\s*{_NUMBERING}?(?P<word>chapter|chapitre|cap[íi]tulo)\s+(?P<num>viii|vii|vi|iv|v|iii|ii|i|[1-8])\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_CHAPTER_TITLES = {
    2: r"preventive\s+measures|mesures\s+préventives|medidas\s+preventivas",
    3: r"criminali[sz]ation(?:\s+and\s+law\s+enforcement)?|incrimination(?:,?\s+détection\s+et\s+répression)?"
    r"|penalizaci[óo]n(?:\s+y\s+aplicaci[óo]n\s+de\s+la\s+ley)?",
    4: r"international\s+cooperation|coopération\s+internationale|cooperaci[óo]n\s+internacional",
    5: r"asset\s+recovery|recouvrement\s+d['’]avoirs|recuperaci[óo]n\s+de\s+activos",
}
_TITLE_WORDS = re.compile("|".join(_CHAPTER_TITLES.values()), re.IGNORECASE)
_TITLE_ONLY = {
    chapter: re.compile(rf"^\s*(?P<num>{_NUMBERING})?(?:{title})\s*[.:]?\s*$", re.IGNORECASE)
    for chapter, title in _CHAPTER_TITLES.items()
}

_TA_HEAD = (
    r"technical\s+assistance\s+(?:needs?|requirements)|needs\s+for\s+technical\s+assistance"
    r"|identified\s+technical\s+assistance\s+needs"
    r"|besoins\s+(?:recensés\s+)?(?:d['’]\s*|en\s+(?:matière\s+d['’]\s*)?)assistance\s+technique"
    r"|necesidades\s+(?:detectadas\s+)?(?:de|en\s+materia\s+de)\s+asistencia\s+t[ée]cnica"
    # A bare heading, possibly with a participle: "Technical assistance required", "Assistance technique demandée".
    r"|(?:technical\s+assistance|assistance\s+technique|asistencia\s+t[ée]cnica)"
    r"(?:\s+(?:required|requested|needed|requise|demandée|sollicitée|nécessaire|requerida|solicitada|necesaria))?"
    r"(?=\s*:?\s*$)"
)
_TA_HEADING = re.compile(rf"^\s*(?:•\s*)?{_NUMBERING}?(?P<head>{_TA_HEAD})(?P<tail>.*)$", re.IGNORECASE)
_QUALIFIERS = (
    r"identified|expressed|requested|reported|recensés|identifiés|exprimés|signalés|détectés|relevés"
    r"|detectadas|identificadas|señaladas|determinadas|expresadas|observadas|solicitadas"
)
_TA_QUALIFIER = re.compile(rf"^\s*(?:{_QUALIFIERS})?\s*(?P<after>.*)$", re.IGNORECASE)
_TA_QUALIFIER_ONLY = re.compile(rf"^\s*(?:{_QUALIFIERS})\s*:?\s*$", re.IGNORECASE)
MAX_HEADING_TAIL_WORDS = 8
MAX_SECTION_TITLE_WORDS = 12
# Median length above which a text file's lines are whole paragraphs: printed lines stay under about 100 characters.
PARAGRAPH_LINE_LENGTH = 110
# Lines shorter than this share of the usual full line end a paragraph; the usual line is the 80th percentile.
SHORT_LINE = 0.6
WIDTH_PERCENTILE = 0.8
MIN_WIDTH_LINES = 20

_TA_SENTENCE = re.compile(
    r"technical\s+assistance|assistance\s+technique|asistencia\s+t[ée]cnica", re.IGNORECASE
)
_NEED_WORD = re.compile(
    r"\bneeds?\b|\brequest|\brequir|\bbesoins?\b|\bnecesidad|\bnecesit|\bnécessit|\bsolicit|\bdemand"
    r"|would\s+benefit|would\s+welcome"
    r"|\bidentified\b|\bidentifié|\brecens|\bidentific",
    re.IGNORECASE,
)
_FALLBACK_TRIGGER = re.compile(
    r"following|suivante?s|siguientes?|:\s*$|(?:technical\s+assistance\s+needs|needs\s+for\s+technical\s+assistance"
    r"|besoins?\s+(?:d['’]\s*|en\s+(?:matière\s+d['’]\s*)?)assistance|necesidades\s+(?:de|en\s+materia\s+de)\s+asistencia)"
    r"|would\s+benefit|would\s+welcome|requested|a\s+demandé|solicitó|ha\s+solicitado",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?:\bno\b|\bnot\b|n['’]t\b|\bnone\b|\bnever\b|\baucune?\b|\bpas\b|\bningun[ao]?\b|\bningún\b|\bnada\b)",
    re.IGNORECASE,
)
_NEED_NOUN = re.compile(
    r"\bneeds?\b|\bbesoins?\b|\bnecesidad(?:es)?\b|technical\s+assistance|assistance\s+technique|asistencia\s+t[ée]cnica",
    re.IGNORECASE,
)
_NONE_ALONE = re.compile(r"^\s*(?:none|néant|aucun|ninguna?|n/a|not\s+applicable|sans\s+objet)\b[^.]{0,30}\.?\s*$",
                         re.IGNORECASE)
MAX_NO_NEEDS_WORDS = 45
MAX_NO_NEEDS_BACKWARD_WORDS = 25
_REQUIRED = re.compile(r"requir|necessar|nécessaire|necesari|requis|needed|nécessit|necesit", re.IGNORECASE)

_INTRO_WORDS = re.compile(
    r"needs?\b|besoins?|necesidad|assistance|asistencia|following|suivant|siguiente|request|demand|solicit|identif"
    r"|recens|indicat|indiqu|indic[óo]|express|exprim|regard|égard|respecto|relaci[óo]n|relation|concern|with\s+respect"
    r"|in\s+particular|notamment|en\s+particular|include|incluy|compris|as\s+follows|comme\s+suit|a\s+saber",
    re.IGNORECASE,
)
_COMMENTARY = re.compile(
    r"^(?:it\s+(?:should|must)\s+be\s+noted|it\s+was\s+noted|note:|the\s+review(?:ing)?\s+(?:team|experts)"
    r"|il\s+convient\s+de\s+noter|il\s+est\s+à\s+noter|cabe\s+(?:señalar|destacar)|se\s+observa)"
    # A sentence about the needs listed ("The above needs were communicated to UNODC") is not one of them.
    r"|^(?:the\s+(?:above|aforementioned)\s+needs|the\s+needs\s+(?:listed|mentioned|identified)\s+above"
    r"|these\s+needs\s+(?:were|have|are|had)|ces\s+besoins\s+(?:ont|sont|avaient)|les\s+besoins\s+(?:ci-dessus"
    r"|susmentionnés|énumérés\s+ci-dessus)|estas\s+necesidades\s+(?:fueron|han|se)|las\s+necesidades\s+"
    r"(?:anteriores|antes\s+mencionadas|mencionadas|enumeradas))\b"
    r"|^(?:some|all|several|many|most|these|the\s+above|certain|quelques-uns|certains|plusieurs|ces|algunas|estas"
    r"|varias)\b[^.]{0,60}\b(?:are|is|were|have\s+been|has\s+been|sont|ont\s+été|están|son|han\s+sido)\s+"
    r"(?:already\s+|currently\s+|déjà\s+|ya\s+)?(?:being\s+)?(?:addressed|provided|met|covered|pris|satisfaits"
    r"|en\s+cours|atendid|cubiert|prestad)",
    re.IGNORECASE,
)
# A plain sentence on assistance already received reports a fact; it is not a need.
_RECEIVED = re.compile(
    r"\b(?:has|had|have)\s+(?:already\s+)?(?:received|benefited|benefitted)\b|\ba\s+(?:déjà\s+)?(?:reçu|bénéficié)\b"
    r"|\bha\s+(?:recibido|contado\s+con)\b|\brecibió\b",
    re.IGNORECASE,
)
_RECOMMENDATION = re.compile(
    r"^(?:it\s+is\s+recommended|the\s+following\s+(?:steps|recommendations)|il\s+est\s+recommandé|se\s+recomienda"
    r"|recommendations?\b|recommandations?\b|recomendaciones\b)",
    re.IGNORECASE,
)
_SECTION_END = re.compile(
    rf"^\s*(?P<num>{_NUMBERING})?(?:successes\s+and\s+good\s+practices|success(?:es)?\s+and\s+good\s+practice|good\s+practices"
    r"|challenges(?:\s+in\s+implementation)?|observations\s+on\s+the\s+implementation|annex|annexe|anexo"
    r"|succès\s+et\s+bonnes\s+pratiques|difficultés(?:\s+rencontrées)?|observations\s+sur\s+l['’]application"
    r"|logros\s+y\s+buenas\s+prácticas|buenas\s+prácticas|problemas(?:\s+en\s+la\s+aplicación)?|dificultades"
    r"|observaciones\s+sobre\s+la\s+aplicación|executive\s+summary|résumé\s+analytique|resumen\s+ejecutivo)\b"
    r"(?P<tail>[^.]*)$",
    re.IGNORECASE,
)
_MULTI_LEVEL = re.compile(r"^\s*\d+\.\d+(?:\.\d+)*\.?\s+\S")

_GLYPHS = "•●▪◦■□➢►▸‣⁃∙·*○❖✓➤→\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0e0\uf02d"
# "o" is a second-level bullet in Word documents, but also the Spanish "or": only before a capital.
_GLYPH = re.compile(rf"^\s*(?:[{_GLYPHS}]|[-–—](?=\s)|o(?=\s+[A-ZÀ-Ý]))\s*")
_ENUM = re.compile(r"^\s*(?:\((?P<p>[a-z]|[ivx]{1,5}|\d{1,2})\)|(?P<d>[a-z]|[ivx]{1,5}|\d{1,2})[.)])\s+(?=\S)",
                   re.IGNORECASE)
_INLINE_ENUM = re.compile(r"(?:(?<=^)|(?<=[\s;:,]))\(?(?P<label>[a-z]|[ivx]{1,4}|\d{1,2})\)\s+(?=\S)", re.IGNORECASE)
_CITATION_TAIL = re.compile(
    r"(?:paras?\.|paragraphs?|par\.|al\.|p[áa]rrs?\.|p[áa]rrafos?|arts?\.|articles?|art[íi]culos?|\d)\s*"
    r"(?:\(\w+\)\s*)*(?:,|and|et|y|or|ou|o)?\s*$",
    re.IGNORECASE,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:and/or|and also|and|et|y|e)(?:\s+|$)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s;,.:]+|\s+(?:and|et|y|e|and/or))+$", re.IGNORECASE)
_TERMINAL = (".", ";", ":", "!", "?")
_CITATION_WORD_END = re.compile(
    r"\b(?:arts?\.|articles?|art[íi]culos?|paras?\.|paragraphs?|par\.|p[áa]rrs?\.|p[áa]rrafos?|al\.)$", re.IGNORECASE
)
_LEADS_ON = re.compile(
    r"(?:[,\-–—(/&]|\b[A-ZÀ-Ý][\w'’\-]*|\b(?:of|the|and|or|for|on|in|to|with|by|at|from|as|a|an|such|including"
    r"|de|du|des|la|le|les|l['’]|d['’]|et|ou|en|à|au|aux|pour|par|sur|avec|dans|del|el|los|las|y|o|para|por|con|al"
    r"|entre|sobre|como|que|qui|its|their|his|her|chapter|chapitre|cap[íi]tulo|articles?|arts?\.|art[íi]culos?"
    r"|paras?\.|paragraphs?|par\.|p[áa]rrs?\.|p[áa]rrafos?|al\.|No\.|n[º°o]))$"
)
_ARTICLE_LABEL = re.compile(r"^(?P<label>(?:arts?\b\.?|articles?\b|art[íi]culos?\b)[^:–—;]{1,40}?)\s*[:–—]\s*",
                            re.IGNORECASE)
_KEYWORD_FIRST = re.compile(r"^(?:arts?\b|articles?\b|art[íi]culos?\b)", re.IGNORECASE)
_COLUMN_HEADER = re.compile(
    r"^\s*(?:articles?|art[íi]culos?|arts?\.?|needs?|besoins?|necesidad(?:es)?|chapters?|chapitres?|cap[íi]tulos?"
    r"|provisions?|dispositions?|disposiciones?|type|types|tipos?)\s*:?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"\s+(?=[\"“«¿¡(]?[A-ZÀ-Ý])")


@dataclass
class _Block:
    """A run of lines read as one unit: an item, a paragraph or an article sub-heading."""

    kind: str  # 'item', 'para' or 'subheading'
    lines: list[SourceLine] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    articles: list[int] | None = None

    @property
    def text(self) -> str:
        return " ".join(piece for piece in self.pieces if piece)

    def line_at(self, offset: int) -> SourceLine:
        """The source line holding character offset of text."""
        position = 0
        for line, piece in zip(self.lines, self.pieces, strict=False):
            position += len(piece) + 1
            if offset < position:
                return line
        return self.lines[-1]


def chapter_of_heading(line: SourceLine | str) -> int | None:
    """Chapter number when the line is a chapter heading ("2. Chapter II: preventive measures"), else None."""
    text = line.text if isinstance(line, SourceLine) else line
    match = _CHAPTER_HEADING.match(text)
    # Running text says "chapter V"; a heading writes the word with a capital.
    if match and match.group("word")[0].isupper():
        rest = match.group("rest")
        if rest.strip() and not re.match(r"^\s*[:.\-–—(]", rest) and not _TITLE_WORDS.match(rest.strip()):
            return None
        number = match.group("num").lower()
        return ROMAN.get(number) or int(number)
    return None


def _chapter_of_title(line: SourceLine) -> int | None:
    """Chapter number of a heading that gives only the chapter's title ("3. Asset recovery")."""
    for chapter, pattern in _TITLE_ONLY.items():
        match = pattern.match(line.text)
        if match and (match.group("num") or line.kind == "heading" or line.text.strip().isupper()):
            return chapter
    return None


def ta_heading(text: str) -> tuple[bool, str]:
    """Whether a line is a technical-assistance heading, and any text following it after a colon."""
    match = _TA_HEADING.match(text)
    # Running text wrapped at "technical assistance needs ..." is not a heading: headings start with a capital.
    if not match or not match.group("head")[0].isupper():
        return False, ""
    tail = match.group("tail")
    qualified = _TA_QUALIFIER.match(tail)
    after = qualified.group("after") if qualified else tail
    before, colon, inline = after.partition(":")
    if colon and len(before.split()) <= MAX_HEADING_TAIL_WORDS and not before.rstrip().endswith((".", ";")):
        return True, inline.strip()
    words = after.split()
    if after.strip() and (len(words) > MAX_HEADING_TAIL_WORDS or after.rstrip().endswith((".", ";"))):
        return False, ""
    return True, ""


def _bullet(line: SourceLine) -> tuple[str, str] | None:
    """(label, text) when the line starts an item by glyph, list style or enumerator; label '' for bullets."""
    if line.kind == "bullet" or line.kind == "numbered":
        glyph = _GLYPH.match(line.text)
        return "", line.text[glyph.end():] if glyph else line.text.strip()
    glyph = _GLYPH.match(line.text)
    if glyph and (glyph.end() < len(line.text) or line.text.strip() in _GLYPHS):
        return "", line.text[glyph.end():]
    enum = _ENUM.match(line.text)
    if enum:
        label = (enum.group("p") or enum.group("d")).lower()
        style = ("(" if enum.group("p") else "") + ("n" if label.isdigit() else "a")
        return f"{style}:{label}", line.text[enum.end():]
    return None


def _successor(previous: str, label: str) -> bool:
    """Whether label continues an enumeration whose last label was previous (a->b, i->ii, 1->2)."""
    if label.isdigit():
        return previous.isdigit() and int(label) == int(previous) + 1
    if previous in ROMAN or previous in ("ix", "x", "xi", "xii"):
        romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]
        if previous in romans and label in romans and romans.index(label) == romans.index(previous) + 1:
            return True
    return len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def _starts(label: str) -> bool:
    return label in ("a", "i", "1")


def _ends_part(line: SourceLine) -> bool:
    """Whether a line closes a technical-assistance part: a new section, chapter or known heading."""
    text = line.text.strip()
    if chapter_of_heading(text) is not None or _MULTI_LEVEL.match(text):
        return True
    end = _SECTION_END.match(text)
    # Unnumbered, only the bare title ends the part: "Good practices on asset declarations" may be a need.
    if end and len(text.split()) <= MAX_SECTION_TITLE_WORDS and (
        end.group("num") or not end.group("tail").strip(" :") or end.group("tail").strip(" :,") == "where applicable"
        or line.kind == "heading"
    ):
        return True
    return line.kind == "heading" and heading_articles(text) is None and not ta_heading(text)[0]


def _open_citation(text: str) -> bool:
    """Whether text stops inside parentheses or right after a citation word, so "1)" on the next line goes on it."""
    return text.count("(") > text.count(")") or _CITATION_WORD_END.search(text) is not None


def _is_blank(line: SourceLine) -> bool:
    return not line.text.strip()


def _continues(current: _Block, line: SourceLine, last: SourceLine | None, gap: bool, layout: _Layout) -> bool:
    """Whether a plain line carries on the open item or paragraph rather than starting a new paragraph."""
    if line.unit == "paragraph" or layout.per_line or last is None:
        return False
    if gap and not _continues_after_break(current, line, last):
        return False
    starts_upper = line.text.strip()[:1].isupper()
    if not starts_upper:
        return True
    if current.kind == "item" and current.text.rstrip().endswith(_TERMINAL):
        return False
    if _open_citation(last.text.rstrip()):
        return True
    # Inside a running "a; b; c" list a line may open with a capitalised word ("États", "Ministry").
    if _depth_zero(current.text, ";") and not last.text.rstrip().endswith(_TERMINAL):
        return True
    # A short last line ends its paragraph: what follows in capitals is a new one, even without punctuation.
    if layout.width and len(last.text.strip()) < SHORT_LINE * layout.width:
        return False
    # Inside a sentence a capital opens a line only after a name or a small word ("of the" / "Ministry of Justice").
    return _LEADS_ON.search(last.text.rstrip()) is not None


def _continues_after_break(previous: _Block, line: SourceLine, last: SourceLine) -> bool:
    """Whether a line after a blank still continues the block (an item cut by a page break)."""
    if line.unit == "paragraph":
        return False
    if _open_citation(last.text.rstrip()):
        return True
    text = previous.text.rstrip()
    if text.endswith(_TERMINAL):
        return False
    stripped = line.text.strip()
    return stripped[:1].islower() or (line.page is not None and last.page is not None and line.page != last.page)


def _blocks(lines: list[SourceLine], layout: _Layout) -> list[_Block]:
    """Group the lines of a part into items, paragraphs and article sub-headings."""
    blocks: list[_Block] = []
    current: _Block | None = None
    last_label: str | None = None
    gap = False
    last_line: SourceLine | None = None
    for line in lines:
        if _is_blank(line):
            gap = True
            continue
        text = line.text.strip()
        item = _bullet(line)
        if item is not None and item[0] and last_line is not None and not gap and _open_citation(last_line.text):
            item = None
        if item is not None and item[0]:
            label = item[0].split(":", 1)[1]
            style = item[0].split(":", 1)[0]
            previous = last_label.split(":", 1) if last_label else None
            # Numbering may run on from an earlier list ("5." after a recommendations list 1-4): any label counts
            # where the text before it is complete.
            closed = current is None or gap or current.kind == "subheading" or (
                last_line is not None and last_line.text.rstrip().endswith(_TERMINAL))
            in_sequence = _starts(label) or closed or (previous is not None and previous[0] == style
                                                       and _successor(previous[1], label))
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
            current = _Block("subheading", [line], [text.lstrip("•").strip()], articles)
            blocks.append(current)
        elif item is not None:
            current = _Block("item", [line], [item[1].strip()])
            blocks.append(current)
        elif (current is not None and current.kind == "subheading" and not gap and text[:1].islower()
              and line.unit != "paragraph" and not current.text.endswith(_TERMINAL)):
            # A long sub-heading wraps onto the next line.
            current.lines.append(line)
            current.pieces.append(text)
        elif current is not None and current.kind != "subheading" and _continues(current, line, last_line, gap, layout):
            current.lines.append(line)
            current.pieces.append(text)
        else:
            current = _Block("para", [line], [text])
            blocks.append(current)
        gap = False
        last_line = line
    return _settle_subheadings(blocks)


def _settle_subheadings(blocks: list[_Block]) -> list[_Block]:
    """Keep a sub-heading with its own title as a heading only when something sits under it."""

    def following(index: int) -> _Block | None:
        return blocks[index + 1] if index + 1 < len(blocks) else None

    keyword_first = [bool(_KEYWORD_FIRST.match(block.text)) for block in blocks]
    # A title ending in a citation ("Public procurement (art. 9)") heads only items; decide those first, since a
    # sub-heading starting with "Article" depends on what follows it.
    for index, block in enumerate(blocks):
        if block.kind == "subheading" and not keyword_first[index]:
            after = following(index)
            if after is None or after.kind != "item":
                block.kind, block.articles = "para", None
    for index, block in enumerate(blocks):
        if block.kind == "subheading" and keyword_first[index]:
            title = re.sub(r"^[^:–—\-(]*", "", block.text).strip(" :.-–—()")
            after = following(index)
            if title and not block.text.endswith(":") and (after is None or after.kind == "subheading"):
                block.kind, block.articles = "item", None
    return blocks


def _depth_zero(text: str, char: str) -> list[int]:
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


def _inline_markers(text: str) -> list[int]:
    """Start positions of an inline enumeration "(a) ...; (b) ..." that runs in sequence from its first label."""
    markers: list[tuple[int, str]] = []
    for match in _INLINE_ENUM.finditer(text):
        if _CITATION_TAIL.search(text[max(0, match.start() - 25): match.start()]):
            continue
        label = match.group("label").lower()
        if not markers:
            if _starts(label):
                markers.append((match.start(), label))
        elif _successor(markers[-1][1], label):
            markers.append((match.start(), label))
    return [position for position, _ in markers] if len(markers) >= 2 else []


def _elements(text: str) -> list[tuple[int, str]]:
    """Split a list text into (offset, element) by inline enumerators or semicolons, trimmed."""
    markers = _inline_markers(text)
    if markers:
        cuts = markers
        pieces = [(start, text[start:end]) for start, end in zip(cuts, cuts[1:] + [len(text)], strict=False)]
    else:
        bounds = [-1] + _depth_zero(text, ";") + [len(text)]
        pieces = [(start + 1, text[start + 1: end]) for start, end in zip(bounds, bounds[1:], strict=False)]
    elements = []
    for offset, piece in pieces:
        stripped = piece.lstrip()
        offset += len(piece) - len(stripped)
        cleaned = _LEADING_CONJUNCTION.sub("", stripped)
        enum = _ENUM.match(cleaned) or re.match(r"^\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*", cleaned, re.IGNORECASE)
        if enum:
            cleaned = cleaned[enum.end():]
        cleaned = _LEADING_CONJUNCTION.sub("", cleaned.strip())
        cleaned = _TRAILING.sub("", cleaned).strip()
        if cleaned and re.search(r"\w", cleaned):
            elements.append((offset + max(0, stripped.find(cleaned[:12])), cleaned))
    return elements


def _colon_split(text: str) -> int | None:
    """Position of the colon that ends an intro ("Kenya identified the following needs: ..."), else None."""
    positions = _depth_zero(text, ":")
    if not positions:
        return None
    position = positions[0]
    if _INTRO_WORDS.search(text[:position]):
        return position
    return None


def no_needs_statement(text: str) -> str | None:
    """The sentence saying no technical-assistance needs were identified, when text holds one."""
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        if _NONE_ALONE.match(sentence):
            return sentence.strip()
        if len(sentence.split()) > MAX_NO_NEEDS_WORDS or ":" in sentence:
            continue
        for negation in _NEGATION.finditer(sentence):
            window = sentence[negation.start(): negation.start() + 120]
            if _NEED_NOUN.search(window) and (
                _NEED_WORD.search(sentence) or re.search(r"besoin|necesidad|need", window, re.IGNORECASE)
            ):
                return sentence.strip()
        # "Technical assistance would not be required": the negation comes after what is needed.
        if (len(sentence.split()) <= MAX_NO_NEEDS_BACKWARD_WORDS and _NEGATION.search(sentence)
                and _NEED_NOUN.search(sentence) and _REQUIRED.search(sentence)):
            return sentence.strip()
    return None


@dataclass
class _Context:
    """Article sub-heading and intro in force while reading a part."""

    heading: str | None = None
    heading_articles: list[int] = field(default_factory=list)
    intro: str | None = None
    intro_articles: list[int] = field(default_factory=list)
    used: int = 0

    def set_heading(self, text: str, articles: list[int]) -> None:
        self.heading, self.heading_articles = text.rstrip(" :"), articles
        self.intro, self.intro_articles = None, []
        self.used = 0

    def set_intro(self, text: str, paragraph: bool = False) -> None:
        # A paragraph introducing a new list after the needs of a sub-heading starts afresh, outside that heading.
        if paragraph and self.used:
            self.heading, self.heading_articles = None, []
        articles = cited_articles(text)
        self.intro, self.intro_articles = (text.rstrip(" :"), articles) if articles else (None, [])

    def inherited(self) -> tuple[list[int], str | None]:
        if self.intro_articles:
            return self.intro_articles, self.intro
        return self.heading_articles, self.heading


def _read_part(
    lines: list[SourceLine], chapter: int, layout: _Layout, stop_after_items: bool = False
) -> tuple[list[Need], str | None]:
    """Needs of one technical-assistance part, and the no-needs sentence when it has one."""
    try:
        return _read_blocks(_blocks(lines, layout), chapter, stop_after_items)
    except ArticleOutOfRange as exc:
        if exc.location is None:
            exc.location = next((line.location for line in lines if re.search(rf"\b{exc.number}\b", line.text)), None)
        raise


def _read_blocks(blocks: list[_Block], chapter: int, stop_after_items: bool) -> tuple[list[Need], str | None]:
    """Needs and no-needs sentence of the blocks of one part, with articles from citations or sub-headings."""
    needs: list[Need] = []
    statement: str | None = None
    context = _Context()

    def add(block: _Block, text: str, base: int) -> None:
        for offset, element in _elements(text):
            if _COLUMN_HEADER.match(element):
                continue  # the header row of a table of needs ("Article | Technical assistance needs")
            source = block.line_at(base + offset)
            try:
                articles = cited_articles(element)
            except ArticleOutOfRange as exc:
                exc.location = source.location
                raise
            if articles:
                source_kind, heading = "cited", context.inherited()[1]
            else:
                articles, heading = context.inherited()
                source_kind = "heading" if articles else "none"
            needs.append(Need(
                chapter=chapter, text=element, articles=articles, article_source=source_kind, heading=heading,
                ordinal=len(needs) + 1, page=source.page, paragraph=source.number, location=source.location,
            ))
            context.used += 1

    for index, block in enumerate(blocks):
        text = block.text.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "subheading":
            context.set_heading(text, block.articles or [])
            continue
        if block.kind == "item":
            text = _without_closing_remark(text)
            # A numbered paragraph ("5. Jamaica did not identify any ...") reads as an item: the sentences that are
            # never needs are recognised here too.
            found = no_needs_statement(text)
            if found:
                statement = statement or found
                continue
            if _COMMENTARY.match(text) or _RECOMMENDATION.match(text):
                continue
            if text.endswith(":"):
                context.set_intro(text)
                continue
            colon = _colon_split(text)
            label = _ARTICLE_LABEL.match(text)
            # "6. Kazakhstan identified the following needs: (a) training ...;" with (b) on the next item: the
            # words before the colon introduce the list even when one element follows the colon.
            opens_list = (colon is not None and following is not None and following.kind == "item"
                          and _INTRO_WORDS.search(text[:colon]) is not None)
            if colon is not None and (len(_elements(text[colon + 1:])) > 1 or opens_list):
                context.set_intro(text[:colon])
                add(block, text[colon + 1:], colon + 1)
            elif label and heading_articles(label.group("label")) and len(_elements(text[label.end():])) > 1:
                # "Article 9: a; b": the label heads every need of its own list, like a sub-heading.
                saved = (context.heading, context.heading_articles, context.intro, context.intro_articles)
                context.set_heading(label.group("label"), heading_articles(label.group("label")) or [])
                add(block, text[label.end():], label.end())
                context.heading, context.heading_articles, context.intro, context.intro_articles = saved
            else:
                add(block, text, 0)
            continue
        if stop_after_items and index > 0:
            break
        units = _units(text)
        if stop_after_items:
            # Without a heading the part is the sentence naming the needs (and any list under it), nothing around it.
            units = [unit for unit in units if _TA_SENTENCE.search(unit[1])][:1] or units[:1]
        for position, (base, unit) in enumerate(units):
            last = position == len(units) - 1
            if ta_heading(unit)[0] and not ta_heading(unit)[1]:
                continue
            found = no_needs_statement(unit)
            if found:
                statement = statement or found
                continue
            if _COMMENTARY.match(unit) or _RECOMMENDATION.match(unit) or _RECEIVED.search(unit):
                continue
            if unit.endswith(":"):
                context.set_intro(unit, paragraph=True)
                continue
            colon = _colon_split(unit)
            if colon is not None:
                context.set_intro(unit[:colon], paragraph=True)
                add(block, unit[colon + 1:], base + colon + 1)
                continue
            if last and following is not None and following.kind == "item" and _INTRO_WORDS.search(unit):
                context.set_intro(unit, paragraph=True)
                continue
            add(block, unit, base)
    return needs, statement


def _without_closing_remark(text: str) -> str:
    """An item without a last sentence that comments on the needs ("The above needs were communicated to UNODC"),
    which a layout can run on into the last item of a list."""
    starts = _sentence_starts(text)
    if len(starts) < 2:
        return text
    remark = text[starts[-1]:]
    if _COMMENTARY.match(remark) or _RECEIVED.search(remark):
        return text[:starts[-1]].rstrip()
    return text


def _sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of a paragraph start, 0 first; a full stop inside brackets ends none."""
    depth = 0
    starts = [0]
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ".!?" and depth == 0:
            match = _SENTENCE_END.match(text, index + 1)
            if match:
                starts.append(match.end())
    return starts


def _units(text: str) -> list[tuple[int, str]]:
    """Split a paragraph into (offset, unit): each intro sentence with its list, each no-needs sentence, and each
    run of other sentences kept whole."""
    bounds = [*_sentence_starts(text), len(text)]
    units: list[list] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        sentence = text[start:end].strip()
        if not sentence:
            continue
        special = sentence.endswith(":") or _colon_split(sentence) is not None or bool(no_needs_statement(sentence))
        if special or not units or units[-1][2]:
            units.append([start, sentence, special])
        else:
            units[-1][1] += " " + sentence
    return [(start, sentence) for start, sentence, _ in units]


def _chapter_sections(lines: list[SourceLine]) -> list[tuple[int, int, int]]:
    """(chapter, first line, end line) for every chapter heading, in document order."""
    starts = [(index, chapter) for index, line in enumerate(lines)
              if (chapter := chapter_of_heading(line)) is not None]
    found = {chapter for _, chapter in starts}
    for index, line in enumerate(lines):
        chapter = _chapter_of_title(line)
        if chapter is not None and chapter not in found:
            starts.append((index, chapter))
    starts.sort()
    return [(chapter, start, starts[position + 1][0] if position + 1 < len(starts) else len(lines))
            for position, (start, chapter) in enumerate(starts)]


def _ta_start(lines: list[SourceLine], start: int, end: int) -> tuple[int, str, bool] | None:
    """Where a section's technical-assistance part starts: (line index, text after its heading, headed)."""
    for index in range(start, end):
        is_heading, rest = ta_heading(lines[index].text)
        if is_heading:
            return index, rest, True
    for index in range(start, end):
        text = lines[index].text
        if _TA_SENTENCE.search(text) and _FALLBACK_TRIGGER.search(text) and not _RECOMMENDATION.match(text.strip()):
            paragraph_start = index
            while (paragraph_start > start and not _is_blank(lines[paragraph_start - 1])
                   and _bullet(lines[paragraph_start]) is None and lines[paragraph_start].unit != "paragraph"
                   and not lines[paragraph_start - 1].text.rstrip().endswith(_TERMINAL)):
                paragraph_start -= 1
            return paragraph_start, "", False
    return None


def _part_end(lines: list[SourceLine], start: int, end: int) -> int:
    for index in range(start, end):
        if _ends_part(lines[index]):
            return index
    return end


def _section_part(
    lines: list[SourceLine], chapter: int, start: int, end: int, layout: _Layout
) -> ChapterPart | None:
    """The chapter part read from one section, or None when the section has no technical-assistance part."""
    found = _ta_start(lines, start + 1, end)
    if found is None:
        for index in range(start + 1, end):
            if not _TA_SENTENCE.search(lines[index].text):
                continue
            statement = no_needs_statement(" ".join(line.text.strip() for line in lines[index: min(index + 3, end)]))
            if statement:
                return ChapterPart(chapter, "no_needs", statement, lines[index].location)
        return None
    index, rest, headed = found
    body_start = index + 1 if headed else index
    if headed and body_start < end and _TA_QUALIFIER_ONLY.match(lines[body_start].text):
        body_start += 1
    part_end = _part_end(lines, body_start, end)
    body = lines[body_start:part_end]
    if rest:
        body = [SourceLine(rest, lines[index].page, lines[index].number, lines[index].unit)] + body
    needs, statement = _read_part(body, chapter, layout, stop_after_items=not headed)
    location = lines[index].location
    if needs:
        return ChapterPart(chapter, "needs", None, location, needs)
    if statement:
        return ChapterPart(chapter, "no_needs", statement, location)
    return ChapterPart(chapter, "no_needs", None, location) if headed else None


@dataclass(frozen=True)
class _Layout:
    """How a document breaks its text: one paragraph per line, or lines wrapped at about width characters."""

    per_line: bool = False
    width: int = 0

    @classmethod
    def of(cls, lines: list[SourceLine]) -> _Layout:
        lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip() and line.unit == "line")
        if not lengths:
            return cls()
        per_line = all(line.page is None for line in lines) and lengths[len(lengths) // 2] > PARAGRAPH_LINE_LENGTH
        return cls(per_line, lengths[int(len(lengths) * WIDTH_PERCENTILE)] if len(lengths) >= MIN_WIDTH_LINES else 0)


def find_parts(lines: list[SourceLine], chapters: list[int], language: str) -> list[ChapterPart]:
    """One ChapterPart per chapter reviewed, in the order given: needs, no_needs or no_section.

    The patterns cover English, French and Spanish at once, so language is not needed to choose them.
    """
    sections = _chapter_sections(lines)
    layout = _Layout.of(lines)
    parts: list[ChapterPart] = []
    for chapter in chapters:
        candidates = [_section_part(lines, chapter, start, end, layout)
                      for number, start, end in sections if number == chapter]
        read = [part for part in candidates if part is not None]
        best = max(read, key=lambda part: (part.status == "needs", len(part.needs), part.status == "no_needs"),
                   default=None)
        parts.append(best or ChapterPart(chapter, "no_section", None, None))
    if not sections and chapters:
        parts = _parts_without_chapter_headings(lines, chapters, layout) or parts
    return parts


def _parts_without_chapter_headings(
    lines: list[SourceLine], chapters: list[int], layout: _Layout
) -> list[ChapterPart]:
    """When no chapter heading was found, pair technical-assistance headings with chapters in order."""
    heads = [index for index, line in enumerate(lines) if ta_heading(line.text)[0]]
    if len(heads) != len(chapters):
        return []
    bounds = heads + [len(lines)]
    parts = []
    for chapter, start, end in zip(chapters, bounds, bounds[1:], strict=False):
        part = _section_part(lines, chapter, start - 1, end, layout)
        parts.append(part or ChapterPart(chapter, "no_section", None, None))
    return parts

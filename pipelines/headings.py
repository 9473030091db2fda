"""Recognise the headings of an executive summary: chapter headings, technical-assistance headings, section ends."""

from __future__ import annotations

import re

from pipelines.articles import heading_articles
from pipelines.model import SourceLine

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
TA_QUALIFIER_ONLY = re.compile(rf"^\s*(?:{_QUALIFIERS})\s*:?\s*$", re.IGNORECASE)
MAX_HEADING_TAIL_WORDS = 8
MAX_SECTION_TITLE_WORDS = 12

TA_SENTENCE = re.compile(
    r"technical\s+assistance|assistance\s+technique|asistencia\s+t[ée]cnica", re.IGNORECASE
)
FALLBACK_TRIGGER = re.compile(
    r"following|suivante?s|siguientes?|:\s*$|(?:technical\s+assistance\s+needs|needs\s+for\s+technical\s+assistance"
    r"|besoins?\s+(?:d['’]\s*|en\s+(?:matière\s+d['’]\s*)?)assistance|necesidades\s+(?:de|en\s+materia\s+de)\s+asistencia)"
    r"|would\s+benefit|would\s+welcome|requested|a\s+demandé|solicitó|ha\s+solicitado",
    re.IGNORECASE,
)
RECOMMENDATION = re.compile(
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
# An annex with its label ("Annex I", "Annexe 2", "Anexo B: Lista de ..."): a bare label, or a title after a colon or
# a dash, never running text ("Annex I of the law ..."); the label in capitals ("Annex civil servants ..." is no annex).
_ANNEX = re.compile(r"^\s*(?i:annex|annexe|anexo)\s+(?:[IVXLC]+|\d+|[A-Z])(?:\s*[:.\-–—].*)?$")


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


def chapter_of_title(line: SourceLine) -> int | None:
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


def ends_part(line: SourceLine) -> bool:
    """Whether a line closes a technical-assistance part: a new section, chapter or known heading."""
    text = line.text.strip()
    if chapter_of_heading(text) is not None or _MULTI_LEVEL.match(text):
        return True
    if _ANNEX.match(text) and len(text.split()) <= MAX_SECTION_TITLE_WORDS:
        return True
    end = _SECTION_END.match(text)
    # Unnumbered, only the bare title ends the part: "Good practices on asset declarations" may be a need.
    if end and len(text.split()) <= MAX_SECTION_TITLE_WORDS and (
        end.group("num") or not end.group("tail").strip(" :") or end.group("tail").strip(" :,") == "where applicable"
        or line.kind == "heading"
    ):
        return True
    return line.kind == "heading" and heading_articles(text) is None and not ta_heading(text)[0]

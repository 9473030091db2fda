"""Convention articles cited in a need or named by an article sub-heading, in English, French and Spanish."""

from __future__ import annotations

import re

FIRST_ARTICLE = 1
LAST_ARTICLE = 71

# A range wider than this is a typo or another instrument's numbering, not a run of Convention articles.
MAX_RANGE = 20

_KEYWORD = r"\b(?:arts?\b\.?|articles?\b|art[íi]culos?\b)"
_NUMBER = r"\d{1,4}"
# Paragraph/subparagraph parts that follow an article number ("para. 9 (b)", "par. 9 b)", "al. 1", "párr. 2").
_PARA_WORD = (
    r"(?:sub-?)?(?:paras?\.|paragraphs?\b|par\.|paragraphes?\b|al\.|alin[ée]as?\b|p[áa]rrs?\.|p[áa]rrafos?\b"
    r"|apartados?\b|incisos?\b|subparagraphs?\b|lit\.)"
)
_SUB = r"(?:\s*\(\s*(?:\d{1,2}|[a-z]{1,4})\s*\)|\s*[a-z]\))"
_PARA_CLAUSE = re.compile(
    rf",?\s*{_PARA_WORD}\s*\d{{1,3}}{_SUB}*(?:\s*(?:,\s*(?:and|et|y)?|and|et|y|to|à|a|-|–|—)\s*\d{{1,3}}{_SUB}*)*",
    re.IGNORECASE,
)
_CITATION = re.compile(rf"{_KEYWORD}\s*(?P<first>{_NUMBER})(?:\s*\(\s*\d{{1,3}}\s*\)(?:\s*\(\s*[a-z]{{1,4}}\s*\))?)?",
                       re.IGNORECASE)
_RANGE_NEXT = re.compile(rf"\s*(?:-|–|—|\bto\b|\bà\b|\ba\b|\bal\b)\s*(?P<n>{_NUMBER})\b", re.IGNORECASE)
_LIST_NEXT = re.compile(
    rf"\s*(?:,\s*(?:and\b|et\b|y\b)?|&|\band\b|\bet\b|\by\b)\s*(?:{_KEYWORD}\s*)?(?P<n>{_NUMBER})\b"
    rf"(?!\s*(?:%|per\s*cent|years?|ans|años))",
    re.IGNORECASE,
)
# After the citation: "of the Penal Code", "de la loi", "del Código Penal" name another instrument.
_OF = re.compile(r"\s*,?\s*(?:of|de|del|du|des|d['’])\s*(?P<rest>.{0,80})", re.IGNORECASE | re.DOTALL)
_CONVENTION = re.compile(
    r"^(?:the\s+|this\s+|la\s+|le\s+|l['’]\s*|esta\s+|cette\s+)?(?:present[e]?\s+|presente\s+)?"
    r"(?:united\s+nations\s+)?(?:convention|convención|convencion|uncac|cnucc|ccnuc)",
    re.IGNORECASE,
)
_OTHER_CONVENTION = re.compile(r"organi[sz]ed crime|criminalité transnationale|delincuencia organizada|"
                               r"transnational|drugs|stupéfiants|estupefacientes|human rights", re.IGNORECASE)

# Before the citation: "the Penal Code, article 317", "Law No. 45 of 2010, art. 12", "la Ley 30424, en su artículo 5".
_INSTRUMENT_BEFORE = re.compile(
    r"\b(?:law|act|code|decree|regulations?|ordinance|constitution|loi|décret|ordonnance|arrêté|ley|código|decreto"
    r"|reglamento|constitución)\b(?:\s+(?:No\.?|n[º°o]\.?)\s*[\w/.-]+|\s+\d[\w/.-]*)?(?:\s+(?:of|de|du)\s+\d{4})?"
    r"\s*,?\s*(?:in\s+its\s+|en\s+su\s+|dans\s+son\s+|à\s+son\s+)?$",
    re.IGNORECASE,
)
_HEADING_START = re.compile(r"^\s*(?:•\s*)?(?=arts?\b|articles?\b|art[íi]culos?\b)", re.IGNORECASE)
_HEADING_REST = re.compile(r"^\s*(?:$|[:.\-–—(]|\s*$)")
_TITLE_HEADING = re.compile(rf"^\s*(?:•\s*)?[A-ZÀ-Ý][^.;:]{{2,140}}\(\s*(?:{_KEYWORD})[^()]*\)\s*:?\s*$")
MAX_HEADING_WORDS = 20


class ArticleOutOfRange(ValueError):
    """A Convention citation names an article outside 1-71."""

    def __init__(self, number: int, snippet: str, location: str | None = None):
        super().__init__(f"article {number} is not an article of the Convention: {snippet}")
        self.number = number
        self.snippet = snippet
        self.location = location


def _citations(text: str) -> list[tuple[int, int, list[int]]]:
    """Every article citation as (start, end, numbers), before any filtering."""
    found: list[tuple[int, int, list[int]]] = []
    position = 0
    while True:
        match = _CITATION.search(text, position)
        if not match:
            return found
        numbers = [int(match.group("first"))]
        end = match.end()
        while True:
            ranged = _RANGE_NEXT.match(text, end)
            if ranged:
                low, high = numbers[-1], int(ranged.group("n"))
                if low < high <= low + MAX_RANGE:
                    numbers.extend(range(low + 1, high + 1))
                else:
                    numbers.append(high)
                end = ranged.end()
                continue
            listed = _LIST_NEXT.match(text, end)
            if listed:
                numbers.append(int(listed.group("n")))
                end = listed.end()
                continue
            clause = _PARA_CLAUSE.match(text, end)
            if clause and clause.end() > end:
                end = clause.end()
                # "art. 46, para. 9, and art. 48": a new keyword starts a new citation on the next search.
            break
        found.append((match.start(), end, numbers))
        position = end


def _names_other_instrument(text: str, end: int) -> bool:
    """True when the citation ending at end is followed by "of"/"de" and an instrument other than the Convention."""
    following = _OF.match(text, end)
    if not following:
        return False
    rest = following.group("rest")
    if _CONVENTION.match(rest):
        return bool(_OTHER_CONVENTION.search(rest[:80]))
    return True


def cited_articles(text: str) -> list[int]:
    """Convention articles cited in text, sorted and unique; raises ArticleOutOfRange for a number outside 1-71."""
    articles: set[int] = set()
    for start, end, numbers in _citations(text):
        if _names_other_instrument(text, end) or _INSTRUMENT_BEFORE.search(text[max(0, start - 60): start]):
            continue
        for number in numbers:
            if not FIRST_ARTICLE <= number <= LAST_ARTICLE:
                left = text.rfind(" ", 0, start - 40) + 1 if start > 40 else 0  # whole words in the quote
                raise ArticleOutOfRange(number, text[left: end + 40].strip())
            articles.add(number)
    return sorted(articles)


def heading_articles(line: str) -> list[int] | None:
    """Articles of an article sub-heading ("Article 9", "Arts. 5 and 6:", "Artículo 14 - ..."), else None."""
    text = line.strip()
    if not text or len(text.split()) > MAX_HEADING_WORDS:
        return None
    if _HEADING_START.match(text):
        citations = _citations(text)
        if not citations:
            return None
        start, end, _ = citations[0]
        if text[:start].strip(" •") or not _HEADING_REST.match(text[end:]):
            return None
        if text.endswith((".", ";")) and text[end:].strip(" :.-–—"):
            return None
        articles = cited_articles(text[: end])
        return articles or None
    if _TITLE_HEADING.match(text):
        articles = cited_articles(text)
        return articles or None
    return None

"""Identify an executive summary: symbol, cycle, chapters, State under review, date, sample flag."""

from __future__ import annotations

import re
from datetime import date

from pipelines.errors import Rejection
from pipelines.model import DocumentInfo, SourceLine
from pipelines.reference import Reference, normalize_name
from pipelines.segment import chapter_of_heading, ta_heading

CYCLE_CHAPTERS = {1: [3, 4], 2: [2, 5]}
SAMPLE_WINDOW = 60
DISTR_WINDOW = 6
DISTR_BEFORE = 2
MAX_CANDIDATE_WORDS = 6

_SYMBOL = re.compile(
    r"CAC\s*/\s*COSP\s*/\s*IRG\s*/\s*(?P<cycle>II|I)\s*/\s*\d+\s*/\s*\d+\s*/\s*Add\s*\.\s*\d+"
    r"(?:\s*/\s*Rev\s*\.\s*\d+)?(?:\s*/\s*Corr\s*\.\s*\d+)?"
)
_SUMMARY_START = re.compile(
    r"^\s*(?:[IVX]+\.|\d+\.)?\s*(?:executive\s+summary|r[ée]sum[ée]\s+analytique|resumen\s+ejecutivo|resumen)\b",
    re.IGNORECASE,
)
MAX_MARKER_WORDS = 12
_NEEDS = re.compile(r"needs|besoins|necesidades|requirements", re.IGNORECASE)
_SUMMARY_LINE = re.compile(
    r"^\s*(?:[IVX]+\.|\d+\.)?\s*(?:executive\s+summary|r[ée]sum[ée]\s+analytique|resumen\s+ejecutivo|resumen)"
    r"\s*(?:[.\s…]*\d*)?\s*$",
    re.IGNORECASE,
)
_LEADERS = re.compile(r"(?:\s*(?:[.…]\s*){2,}|\s{2,})\d*\s*$")
_SUMMARY_WITH_NAME = re.compile(
    r"^\s*(?:[IVX]+\.|\d+\.)?\s*(?:executive\s+summary|r[ée]sum[ée]\s+analytique|resumen\s+ejecutivo|resumen)"
    r"\s*(?:[:\-–—]|of|de|del|du)\s*(?P<name>[^.]{2,80}?)\s*$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"^(?:note|addendum|additif|adición|contents|table|sommaire|índice|page|página|chapter|chapitre|capítulo"
    r"|introduction|introducción|nota|distr|original|\d)",
    re.IGNORECASE,
)
_FRAMEWORK = re.compile(
    r"(?:legal\s+and\s+institutional\s+framework\s+of|cadre\s+juridique\s+et\s+institutionnel\s+d(?:e|u|es)?"
    r"|marco\s+jur[íi]dico\s+e\s+institucional\s+de(?:l)?)\s+"
    r"(?:(?:l['’]\s*)?(?:É|E)tat\s+(?:partie\s+)?examiné\s*\(?|(?:el\s+)?Estado\s+(?:parte\s+)?examinado\s*\(?)?"
    r"(?P<name>.{1,90})",
    re.IGNORECASE,
)
_REVIEW_BY = re.compile(
    r"(?:review\s+of\s+(?:the\s+)?implementation\s+by|examen\s+de\s+l['’]\s*application\s+par"
    r"|examen\s+de\s+la\s+aplicaci[óo]n\s+por(?:\s+parte\s+del?)?)\s+(?P<name>[^.;:\n]{2,90})",
    re.IGNORECASE,
)
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:er|º|°)?\s+(?:de\s+)?(?P<month>[A-Za-zéûÉÛ]+)\s+(?:de\s+)?(?P<year>(?:19|20)\d{2})\b"
)


def _symbol(lines: list[SourceLine]) -> str | None:
    for line in lines:
        match = _SYMBOL.search(line.text)
        if match:
            return re.sub(r"\s+", "", match.group(0))
    return None


def _published_on(lines: list[SourceLine]) -> date | None:
    """The distribution date printed after "Distr." on the cover."""
    for index, line in enumerate(lines):
        if "distr" not in line.text.lower():
            continue
        # The date follows "Distr." on the cover; a PDF may extract the right-hand column in another order.
        nearby = lines[index: index + DISTR_WINDOW] + lines[max(0, index - DISTR_BEFORE): index][::-1]
        for candidate in nearby:
            for match in _DATE.finditer(candidate.text):
                month = _MONTHS.get(match.group("month").lower())
                if month:
                    try:
                        return date(int(match.group("year")), month, int(match.group("day")))
                    except ValueError:
                        continue
        return None
    return None


def _chapters_found(lines: list[SourceLine]) -> list[int]:
    return sorted({chapter for line in lines if (chapter := chapter_of_heading(line)) is not None})


def _cycle(symbol: str | None, chapters: list[int]) -> int | None:
    if symbol:
        return 2 if "/IRG/II/" in symbol else 1
    first = len({3, 4} & set(chapters))
    second = len({2, 5} & set(chapters))
    if first > second:
        return 1
    if second > first:
        return 2
    return None


class _Names:
    """Finds State names of the reference in text, longest spelling first."""

    def __init__(self, reference: Reference):
        self.reference = reference
        index = [(normalize_name(name), iso3) for name, iso3 in reference.country_name_index()]
        index = [(name, iso3) for name, iso3 in index if name]
        index.sort(key=lambda pair: -len(pair[0]))
        self.by_name = dict(reversed(index))
        self.pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(name) for name, _ in index) + r")(?!\w)"
        ) if index else None

    def exact(self, text: str) -> str | None:
        country = self.reference.find_country(text)
        return country.iso3 if country else None

    def starting(self, text: str) -> str | None:
        normalised = normalize_name(text)
        match = self.pattern.match(normalised) if self.pattern else None
        return self.by_name[match.group(0)] if match else None

    def all(self, text: str) -> list[str]:
        if not self.pattern:
            return []
        return [self.by_name[match.group(0)] for match in self.pattern.finditer(normalize_name(text))]


def _clean_title(text: str) -> str:
    return _LEADERS.sub("", text).strip(" .…:")


def _after_summary(lines: list[SourceLine], names: _Names) -> tuple[str | None, str | None]:
    """(iso3, candidate) from a name standing alone just after an "Executive summary" heading."""
    candidate = None
    for index, line in enumerate(lines):
        titled = _SUMMARY_WITH_NAME.match(line.text)
        if titled and names.exact(_clean_title(titled.group("name"))):
            return names.exact(_clean_title(titled.group("name"))), titled.group("name")
        if not _SUMMARY_LINE.match(line.text):
            continue
        following = [other for other in lines[index + 1: index + 8] if other.text.strip()][:3]
        for other in following:
            title = _clean_title(other.text)
            if _SUMMARY_LINE.match(other.text) or not title:
                continue
            iso3 = names.exact(title)
            if iso3:
                return iso3, title
            if (candidate is None and not _NOT_A_NAME.match(title) and len(title.split()) <= MAX_CANDIDATE_WORDS
                    and title[:1].isupper() and not title.endswith(".") and not _SYMBOL.search(title)):
                candidate = title
    return None, candidate


def _framework(text: str, names: _Names) -> str | None:
    for match in _FRAMEWORK.finditer(text):
        name = re.sub(r"^(?:the|la|le|el|los|las|l['’])\s*", "", match.group("name"), flags=re.IGNORECASE)
        iso3 = names.starting(name) or names.starting(match.group("name"))
        if iso3:
            return iso3
    return None


def _reviewed_by(text: str, names: _Names) -> str | None:
    for match in _REVIEW_BY.finditer(text):
        name = re.sub(r"^(?:the|la|le|el|los|las|l['’])\s*", "", match.group("name"), flags=re.IGNORECASE)
        iso3 = names.starting(name) or names.starting(match.group("name"))
        if iso3:
            return iso3
    return None


def _is_summary_marker(text: str) -> bool:
    """A title line naming the document an executive summary (a mention in running text does not count)."""
    match = _SUMMARY_START.match(text)
    return bool(match) and len(text.split()) <= MAX_MARKER_WORDS and not text.rstrip().endswith((".", ";", ","))


def _has_ta_part(lines: list[SourceLine]) -> bool:
    return any(ta_heading(line.text)[0] and _NEEDS.search(line.text) for line in lines)


def _state_under_review(lines: list[SourceLine], text: str, names: _Names) -> str:
    """The State whose review this is, from the heading block alone: a name in the body text never decides.

    The heading block is the name under the "Executive summary" title (or after "Executive summary:"), "Review of
    implementation by ..." and the introduction's "legal and institutional framework of ...". Sources that name
    two different States make the document ambiguous; none that names a known State makes it unknown.
    """
    titled, candidate = _after_summary(lines, names)
    found = {source: iso3 for source, iso3 in (
        ("title", titled), ("review by", _reviewed_by(text, names)), ("framework", _framework(text, names)),
    ) if iso3}
    states = sorted(set(found.values()))
    if len(states) > 1:
        named = ", ".join(f"{names.reference.countries[iso3].name} ({source})" for source, iso3 in found.items())
        raise Rejection(
            "ambiguous_country",
            f"the heading block names more than one State under review: {named}",
            "check which State the summary reviews and correct the heading or the introduction of the file",
        )
    if not states:
        named = f'names "{candidate}", which is not' if candidate else "names no State"
        raise Rejection(
            "unknown_country",
            f"the heading block {named} in the reference list of States parties (a State named only in the body "
            "text is never taken as the one under review)",
            "if it is a State party, add the spelling as written to data/reference/country_names.csv (iso3, "
            "language, name) and run the load again; otherwise remove the file",
        )
    return states[0]


def identify(lines: list[SourceLine], reference: Reference, language: str) -> DocumentInfo:
    """Facts that identify the executive summary in lines (raw or cleaned); raises Rejection when it cannot."""
    text = " ".join(line.text.strip() for line in lines)
    if not any(_is_summary_marker(line.text) for line in lines) and not _has_ta_part(lines):
        raise Rejection(
            "not_executive_summary",
            "the file has no executive-summary heading and no technical-assistance needs part",
            "check that the file is an executive summary of a country review; remove it from the input otherwise",
        )
    iso3 = _state_under_review(lines, text, _Names(reference))
    country = reference.countries[iso3]
    symbol = _symbol(lines)
    found = _chapters_found(lines)
    cycle = _cycle(symbol, found)
    if cycle is None:
        raise Rejection(
            "no_cycle",
            "the review cycle could not be told: no CAC/COSP/IRG symbol and no chapter headings of one cycle "
            f"(chapters found: {', '.join(map(str, found)) or 'none'})",
            "check that the file is a complete executive summary; add its document symbol if it lost its cover page",
        )
    return DocumentInfo(
        symbol=symbol,
        country=country.name,
        iso3=country.iso3,
        regional_group=country.regional_group,
        cycle=cycle,
        language=language,
        published_on=_published_on(lines),
        chapters=CYCLE_CHAPTERS[cycle],
        is_sample=any("illustrative sample" in line.text.lower() for line in lines[:SAMPLE_WINDOW]),
    )

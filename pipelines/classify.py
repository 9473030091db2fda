"""Types of assistance of a need statement: keyword patterns from data/reference plus a small precedence model.

The model, in words: every keyword pattern of the need's language is matched; overlapping matches are resolved
leftmost-longest. The first match is the head of the need and sets its main type. A later match adds its type only
when it is coordinated with the last accepted match ("Training and legal advice", "Legal advice; model legislation",
"Capacity-building for investigators and legislative assistance"), not when it sits inside the topic of the head
("Training on the new law on procurement", "Capacity-building for the staff of the asset declaration unit").
An expert head ("Expert advice on ...") also takes the next match when that names a deliverable (it starts with an
action: "... on the development of an asset declaration system"), not when it names a subject area ("On-site
assistance by an expert in the independence of anti-corruption bodies"). When the need's language finds nothing,
the keywords of all languages are tried. python -m pipelines.classify "need" --language fr shows every match.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import doubts
from pipelines.model import Need

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
TYPES = ("capacity-building", "legislative", "institution-building", "policymaking", "other")
LANGUAGES = ("en", "fr", "es")
FALLBACK = "other"

# Subtypes that name how help is given (an expert): the deliverable of the expert counts too, a subject area not.
MODALITY_SUBTYPES = frozenset({"technical-expertise"})
# Subtypes that name a service, never the subject of a topic: after "and" they start a new head even when the head
# before them has a topic ("Establishment of a unit on economic crime and training of its staff"). So does a match
# that starts with an action ("... and the setting up of a register", "... and in raising public awareness").
SERVICE_SUBTYPES = frozenset({"capacity-building", "training", "legal-advice"})
# Subtypes of material supplied: after ", including through" they are a second deliverable.
MATERIAL_SUBTYPES = frozenset({"equipment"})
_ACTIONS = {
    "en": r"(?:establish|set|setting|creat|develop|draft|redraft|amend|revis|review|updat|adopt|prepar|introduc|design|"
    r"implement|strengthen|improv|enhanc|build|rais|conduct|elaborat|formulat|operationali|install|upgrad|moderni)\w*+"
    r"(?! (?:legislation|regulations?|rules|decrees?|provisions|measures)\b)",
    "fr": r"(?:creation|creer|mise|mettre|etablissement|etablir|elaboration|elaborer|redaction|rediger|revision|"
    r"reviser|modification|modifier|reforme|reformer|adoption|adopter|renforcement|renforcer|developpement|"
    r"developper|conception|"
    r"installation|amelioration|ameliorer|realisation|conduite|sensibiliser)",
    "es": r"(?:creacion|crear|establecimiento|establecer|elaboracion|elaborar|redaccion|redactar|revision|revisar|"
    r"reforma|reformar|modificacion|modificar|adopcion|adoptar|fortalecimiento|fortalecer|desarrollo|desarrollar|"
    r"diseno|disenar|implementacion|implementar|puesta|poner|mejora|mejorar|realizacion|realizar|sensibilizar)",
}

# {gap} in a pattern: up to four words of one noun phrase ("the existing anti-corruption"), never crossing a
# preposition, "or", or a word about people and skills, so "Development of a system to monitor compliance with the
# law" is no drafting and "Strengthening the capacity of the unit" is no institution-building.
_GAP_STOPWORDS = {
    "en": "on to for with in by through under or as from against including regarding concerning about within into "
    "among amongst between across "
    "implementation enforcement application compliance use knowledge awareness capacity capacities skills staff "
    "officials personnel training",
    "fr": "sur pour avec dans par ou en contre concernant afin a au aux entre mise application capacite capacites "
    "connaissances personnel agents formation respect",
    "es": "sobre para con en por o u contra a al entre aplicacion implementacion cumplimiento capacidad capacidades "
    "conocimientos personal funcionarios capacitacion formacion",
}
_GAP_WORD = {"en": r"[\w'-]+ ", "fr": r"(?:[\w-]+ |[ldjnsc]'|qu')", "es": r"[\w-]+ "}
# A coordinator followed by a determiner opens a second noun phrase ("guidelines and a national policy"): the gap
# may not cross it, so each phrase is matched on its own. A bare "and" joins modifiers of one head
# ("the recruitment and promotion system") and may be crossed.
_GAP_STOP_PHRASES = {
    "en": r"and (?:an?|the|its|their|other)",
    "fr": r"et (?:un|une|le|la|les|des|de|du|d'|l')",
    "es": r"y (?:un|una|el|la|los|las|de|del)",
}

# Words that coordinate two heads, and prepositions that open the topic of a head.
_COORDINATORS = {
    "en": r"and/or|and|or|as well as|plus|along with|together with|including|in addition to|such as",
    "fr": r"et/ou|et|ou|ainsi que|de meme que|notamment|y compris|comme",
    "es": r"y/o|y|e|o|u|asi como|ademas de|incluid[oa]s?|en particular|como",
}
# Coordinators that join equals; "including" and "such as" only elaborate the head before them.
_JOINERS = {"en": r"and|or|as well as", "fr": r"et|ou|ainsi que", "es": r"y|e|o|u|asi como"}
_TOPIC_WORDS = {
    "en": "on in regarding concerning about to into relating related within through towards toward re regard respect "
    "relation",
    "fr": "sur en concernant relatif relative relatifs relatives portant dans quant afin touchant vue vis",
    "es": "sobre en relativo relativa relativos relativas acerca respecto referente relacionado relacionada "
    "relacionados relacionadas",
}
# Generic openers that may stand between a coordinator and the next head ("and support for the establishment").
_ASSISTANCE = {
    "en": r"(?:(?:further|specific|specialized|specialised|targeted|technical|expert)\s+)*"
    r"(?:assistance|support|help|aid|advice|guidance)(?:\s+(?:in|for|to|with|on|of))?",
    "fr": r"(?:(?:une|un|l'|d')\s*)?(?:assistance|appui|soutien|aide|conseils?|accompagnement)"
    r"(?:\s+(?:technique|specialisee?s?))?(?:\s+(?:a|au|aux|pour|en|dans|de|du|des|sur))?",
    "es": r"(?:(?:un|una|el|la)\s+)?(?:asistencia|apoyo|ayuda|asesoramiento|acompanamiento)"
    r"(?:\s+(?:tecnica|especializada|tecnico))?(?:\s+(?:a|al|en|para|de|del|con|sobre))?",
}
# An action noun opens the next head as a deliverable of its own: "and the provision of software", "and development
# of a manual", "et élaboration d'un code de conduite".
_OPENERS = {
    "en": r"(?:the\s+)?(?:provision|development|drafting|preparation|elaboration|creation|establishment|design|supply"
    r"|delivery|production|procurement|purchase)\s+of",
    "fr": r"(?:l'|la\s+|le\s+)?(?:elaboration|fourniture|creation|mise\s+en\s+place|preparation|redaction|conception"
    r"|realisation|acquisition|production)\s+(?:de\s+|d'|des\s+|du\s+)",
    "es": r"(?:la\s+|el\s+)?(?:elaboracion|suministro|creacion|preparacion|redaccion|diseno|provision|adquisicion"
    r"|produccion|dotacion)\s+(?:de|del)",
}
# How a deliverable is brought in after "including": "through", "by", "par", "mediante".
_MEANS = r"(?:through|by|via|by\s+way\s+of|par|grace\s+a|au\s+moyen\s+de|por|mediante|a\s+traves\s+de)"
_GENERIC = {lang: f"{_ASSISTANCE[lang]}|{_OPENERS[lang]}" for lang in _ASSISTANCE}
_DETERMINERS = {
    "en": "the a an its their other new to",
    "fr": "le la les l' un une des du de d' leur leurs son sa ses",
    "es": "el la los las un una unos unas del de su sus",
}
# Subtypes whose bare word ("data", "analyse", "estudio") often only names the topic of an unrecognised head.
TOPIC_PRONE_SUBTYPES = frozenset({"research-data"})
# A match this close after a coordinator or a comma was a close call between topic and second deliverable.
_CLOSE_CALL = re.compile(r"(?:,|;|\b(?:and|or|et|ou|y|e|o|u|as well as|ainsi que|asi como|including|y compris|notamment"
                         r"|incluid[oa]s?|including through|plus))\s+(?:[\w'-]+\s+){0,2}$")
# "..., including by providing IT equipment", "y compris la fourniture de", "incluida la dotación de": a second
# deliverable whose type is easy to miss.
_SECOND_DELIVERABLE = re.compile(r"\b(?:including|as well as|y compris|ainsi que|incluid[oa]s?|asi como)\b[^;]{0,60}$")
# The words before the first keyword are a noun of their own and a preposition: "Un portal de", "a system for".
_HEAD_UNKNOWN = re.compile(
    r"^(?:(?:the|a|an|un|une|le|la|les|l'|el|los|las|una|unos|unas)\s+|l')?(?!(?:assistance|support|aid|help|advice"
    r"|guidance|appui|soutien|aide|conseils?|accompagnement|asistencia|apoyo|ayuda|asesoramiento|acompanamiento"
    r"|technical|technique|tecnica|specific|further|specialized|specialised|specialisee?|especializad[oa])\b)"
    r"(?:[\w-]+\s+){1,3}(?:of|for|on|de|d'|des|du|del|pour|sur|sobre|para)\s+(?:(?:the|a|an|la|le|les|l'|el|los|las"
    r"|un|une|una)\s+|l')?$"
)
_MAX_BEFORE = 8
_MAX_AFTER = 3

_ARTICLE_REFERENCE = re.compile(
    r"\s*[\(\[]\s*(?:see\s+|voir\s+|v[ée]ase\s+)?(?:arts?|articles?|art[íi]culos?)\b\.?[^)\]]*[\)\]]", re.IGNORECASE
)
_LIST_MARKER = re.compile(r"^\s*(?:[-–—•·*▪◦‣]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)])\s+", re.IGNORECASE)
_WORD_START, _WORD_END = r"(?<!\w)(?:", r")(?!\w)"
_FOLD = {"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " "}


@dataclass(frozen=True)
class AssistanceType:
    """One subtype of assistance and the top-level type it rolls up to."""

    type: str
    subtype: str
    label: str
    description: str
    sort_order: int


@dataclass(frozen=True)
class Keyword:
    """One keyword pattern: a regular expression that signals a subtype in one language."""

    subtype: str
    language: str
    pattern: str
    note: str
    line: int
    regex: re.Pattern[str] = field(compare=False, repr=False)


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Assistance types and their keywords, as read from data/reference."""

    subtypes: dict[str, AssistanceType]
    keywords: tuple[Keyword, ...]
    _cache: dict[str, tuple[tuple[Keyword, ...], re.Pattern[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def types(self) -> list[str]:
        """The top-level types in display order."""
        order: dict[str, int] = {}
        for entry in self.subtypes.values():
            order[entry.type] = min(order.get(entry.type, entry.sort_order), entry.sort_order)
        return sorted(order, key=order.__getitem__)

    def type_of(self, subtype: str) -> str:
        """The top-level type a subtype rolls up to."""
        return self.subtypes[subtype].type

    def _scanner(self, language: str) -> tuple[tuple[Keyword, ...], re.Pattern[str]]:
        # One alternation of all patterns finds where some keyword starts about four times faster than trying
        # each pattern in turn; the patterns themselves are then tried only there.
        if language not in self._cache:
            keywords = tuple(k for k in self.keywords if k.language == language) or self.keywords
            inner = "|".join(k.regex.pattern[len(_WORD_START) : -len(_WORD_END)] for k in keywords)
            self._cache[language] = (keywords, re.compile(f"{_WORD_START}{inner}{_WORD_END}", re.IGNORECASE))
        return self._cache[language]


@dataclass(frozen=True)
class Match:
    """A keyword found in a need, and whether the precedence model counted it."""

    subtype: str
    text: str
    start: int
    end: int
    keyword: Keyword
    accepted: bool


def fold(text: str) -> str:
    """Text without accents, with typographic quotes and dashes made plain; same length, so offsets still hold."""
    if text.isascii():
        return text
    out = []
    for char in text:
        char = _FOLD.get(char, char)
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            char = decomposed[0]
        out.append(char)
    return "".join(out)


def normalise(text: str) -> str:
    """The need without list marker, article references and extra spaces, as the patterns see it."""
    text = _LIST_MARKER.sub("", text)
    text = _ARTICLE_REFERENCE.sub("", text)
    return " ".join(text.split()).strip(" .;,")


def compile_pattern(pattern: str, language: str) -> re.Pattern[str]:
    """Compile a keyword pattern word-bounded and case-insensitive, with {gap} expanded for its language."""
    source = fold(pattern)
    if "{gap}" in source:
        lang = language if language in _GAP_STOPWORDS else "en"
        stop = "|".join([*_GAP_STOPWORDS[lang].split(), _GAP_STOP_PHRASES[lang]])
        gap = rf"(?:(?!(?:{stop})(?!\w)){_GAP_WORD[lang]}){{0,4}}?"
        source = source.replace("{gap}", gap)
    return re.compile(f"{_WORD_START}{source}{_WORD_END}", re.IGNORECASE)


def _csv_rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ValueError(f"{path}: file not found")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
        rows = []
        for row in reader:
            if None in row or any(row.get(c) is None for c in columns):
                raise ValueError(f"{path}, line {reader.line_num}: wrong number of fields")
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _load_types(path: Path) -> dict[str, AssistanceType]:
    subtypes: dict[str, AssistanceType] = {}
    for line, row in _csv_rows(path, ["type", "subtype", "label", "description", "sort_order"]):
        where = f"{path}, line {line}"
        if row["type"] not in TYPES:
            raise ValueError(f"{where}: type {row['type']!r} is not one of {', '.join(TYPES)}")
        if not row["subtype"] or not row["label"]:
            raise ValueError(f"{where}: subtype and label must not be empty")
        if row["subtype"] in subtypes:
            raise ValueError(f"{where}: subtype {row['subtype']!r} is listed twice")
        if row["subtype"] in TYPES and row["subtype"] != row["type"]:
            raise ValueError(f"{where}: subtype {row['subtype']!r} names another type than {row['type']!r}")
        try:
            sort_order = int(row["sort_order"])
        except ValueError:
            raise ValueError(f"{where}: sort_order {row['sort_order']!r} is not an integer") from None
        subtypes[row["subtype"]] = AssistanceType(
            row["type"], row["subtype"], row["label"], row["description"], sort_order
        )
    missing = [t for t in TYPES if t not in subtypes]
    if missing:
        raise ValueError(f"{path}: no row with subtype equal to type for {', '.join(missing)}")
    return dict(sorted(subtypes.items(), key=lambda item: item[1].sort_order))


def _load_keywords(path: Path, subtypes: dict[str, AssistanceType]) -> tuple[Keyword, ...]:
    keywords = []
    for line, row in _csv_rows(path, ["subtype", "language", "pattern", "note"]):
        where = f"{path}, line {line}"
        if row["subtype"] not in subtypes:
            raise ValueError(f"{where}: subtype {row['subtype']!r} is not in assistance_types.csv")
        if row["language"] not in LANGUAGES:
            raise ValueError(f"{where}: language {row['language']!r} is not one of {', '.join(LANGUAGES)}")
        if not row["pattern"]:
            raise ValueError(f"{where}: pattern is empty")
        try:
            regex = compile_pattern(row["pattern"], row["language"])
        except re.error as exc:
            raise ValueError(f"{where}: pattern {row['pattern']!r} does not compile: {exc}") from None
        if regex.search(""):
            raise ValueError(f"{where}: pattern {row['pattern']!r} matches empty text")
        keywords.append(Keyword(row["subtype"], row["language"], row["pattern"], row["note"], line, regex))
    return tuple(keywords)


def load_taxonomy(directory: Path = REFERENCE_DIR) -> Taxonomy:
    """Read assistance_types.csv and type_keywords.csv; raise ValueError naming file and line on a bad row."""
    directory = Path(directory)
    subtypes = _load_types(directory / "assistance_types.csv")
    return Taxonomy(subtypes, _load_keywords(directory / "type_keywords.csv", subtypes))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text)


def _coordinated(gap: str, following: str, language: str, service: bool = False, material: bool = False) -> bool:
    """Whether the text between two matches joins two heads rather than opening the topic of the first.

    A coordinator must stand between them, followed by at most a few determiners or generic words. Before it, the
    first head may carry its audience ("for investigators and") but not a topic ("on asset declaration and"),
    unless a strong break (";" or ", and"), a topic of the second head's own ("... and legal advice on ...") or a
    service after "and" ("... and training of its staff") shows that a new head starts.
    """
    lang = language if language in _COORDINATORS else "en"
    gap = fold(gap).lower()
    coordinators = list(re.finditer(rf"[,;:/+&]|(?<!\w)(?:{_COORDINATORS[lang]})(?!\w)", gap))
    if not coordinators:
        return False
    last = coordinators[-1]
    topic = set(_TOPIC_WORDS[lang].split())
    # "including through the provision of equipment", "y compris par la fourniture de": a deliverable of its own.
    service = service or re.match(rf"\s*(?:{_MEANS}\s+)?(?:{_OPENERS[lang]})", gap[last.end():]) is not None
    elaborates = re.fullmatch(r"including|y compris|notamment|incluid[oa]s?", last.group(0).strip()) is not None
    # "..., including through IT equipment": material supplied is a deliverable of its own ("including through risk
    # assessments" only says how the head is done).
    means = material and elaborates and re.search(r",\s*$", gap[: last.start()]) is not None and re.match(
        rf"\s*{_MEANS}(?!\w)", gap[last.end():]) is not None
    service = service or means
    after = gap[last.end():]
    if service:
        after = re.sub(rf"^\s*{_MEANS}(?!\w)", " ", after)
    after = re.sub(rf"^\s*(?:{_GENERIC[lang]})", " ", after)
    if service:
        # "and in raising", "and to train": a preposition that only introduces the action.
        after = re.sub(r"^\s*(?:in|to|en|a|pour|para|de)(?!\w)", " ", after)
    determiners = set(_DETERMINERS[lang].split())
    after_words = [w for w in _words(after) if w not in determiners]
    if len(after_words) > _MAX_AFTER or topic.intersection(after_words):
        return False
    # "capacités humaines et techniques de l'agence": an object after "of" is the complement of the word before it.
    # "Elaboración de directrices y de una ley modelo": an "of" right after the coordinator repeats the first one's.
    # So does a comma right after the first head ("formation, de services consultatifs"), but not one further on:
    # "protection des témoins, des experts et des victimes" lists who is protected.
    joined = re.fullmatch(_JOINERS[lang], last.group(0).strip()) is not None or not _words(gap[: last.start()])
    parallel = joined and re.match(r"\s*(?:of|de|du|des|del|d')(?!\w)", after) is not None
    if not service and not parallel and re.search(r"(?<!\w)(?:of|de|du|des|del|d')(?!\w)", after):
        return False
    before = _words(gap[: last.start()])
    if len(before) <= _MAX_BEFORE and not topic.intersection(before):
        return True
    if service and (re.search(rf"(?<!\w)(?:{_JOINERS[lang]})(?!\w)", gap[last.start() :]) or means):
        return True
    strong_break = ";" in gap or re.search(rf",\s*(?:{_JOINERS[lang]})(?!\w)", gap) is not None
    next_words = _words(fold(following).lower())[:1]
    return strong_break or bool(topic.intersection(next_words))


def matches(text: str, language: str, taxonomy: Taxonomy) -> list[Match]:
    """Every keyword found in the need (leftmost-longest, no overlaps), each marked accepted or not.

    When the need's language finds nothing, the keywords of every language are tried: a need quoted in another
    language than its document, or a document whose language was guessed wrong, still gets its types.
    """
    found = _matches(text, language, taxonomy)
    if not found and language in LANGUAGES:
        found = _matches(text, "*", taxonomy)
    return found


def _matches(text: str, language: str, taxonomy: Taxonomy) -> list[Match]:
    norm = normalise(text)
    folded = fold(norm)
    keywords, scanner = taxonomy._scanner(language)
    result: list[Match] = []
    last_accepted: Match | None = None
    position = 0
    while (hit := scanner.search(folded, position)) is not None:
        start, end, keyword = hit.start(), hit.start(), keywords[0]
        for candidate in keywords:
            m = candidate.regex.match(folded, start)
            if m is not None and m.end() > end:
                end, keyword = m.end(), candidate
        if end == start:
            position = start + 1
            continue
        position = end
        if last_accepted is None:
            accepted = True
        else:
            action = re.match(_ACTIONS.get(language, _ACTIONS["en"]), folded[start:end], re.IGNORECASE)
            service = keyword.subtype in SERVICE_SUBTYPES or action is not None
            # An expert's deliverable counts ("expert advice on drafting a law"), a subject area does not
            # ("on-site assistance by an expert in the independence of anti-corruption bodies").
            deliverable = last_accepted.subtype in MODALITY_SUBTYPES and action is not None
            accepted = (deliverable and ";" not in folded[last_accepted.end : start]) or _coordinated(
                folded[last_accepted.end : start], folded[end:], language, service, keyword.subtype in MATERIAL_SUBTYPES
            )
        match = Match(keyword.subtype, norm[start:end], start, end, keyword, accepted)
        result.append(match)
        if accepted:
            last_accepted = match
    return result


def classify(text: str, language: str, taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """Types (in taxonomy order, never empty) and subtypes of one need statement."""
    subtypes = {m.subtype for m in matches(text, language, taxonomy) if m.accepted}
    if not subtypes:
        return [FALLBACK], [FALLBACK]
    types = {taxonomy.type_of(s) for s in subtypes}
    return [t for t in taxonomy.types if t in types], [s for s in taxonomy.subtypes if s in subtypes]


def classify_need(need: Need, language: str, taxonomy: Taxonomy) -> None:
    """Set a need's types and subtypes; flag a type that came only from the fallback, or a word of another type read
    as the topic rather than as a second deliverable."""
    need.types, need.subtypes = classify(need.text, language, taxonomy)
    found = matches(need.text, language, taxonomy)
    accepted = [m for m in found if m.accepted]
    if not accepted:
        doubts.add(need, "type-fallback")
        return
    folded = fold(normalise(need.text)).lower()
    # Only a close call is worth a look: a word of another type read as topic right after a coordinator.
    if any(taxonomy.type_of(m.subtype) not in need.types and _CLOSE_CALL.search(folded[: m.start])
           for m in found if not m.accepted):
        doubts.add(need, "topic-type")
    # A deliverable named after "including" that added no type of its own may have been read wrong ("incluida la
    # dotación de equipos" read as strengthening a team).
    elif any(_SECOND_DELIVERABLE.search(folded[: m.start])
             and (not m.accepted or taxonomy.type_of(m.subtype) in _types_before(found, m, taxonomy))
             for m in found[1:]):
        doubts.add(need, "second-deliverable")
    head = accepted[0]
    if (head.subtype in TOPIC_PRONE_SUBTYPES and len(head.text.split()) == 1
            and _HEAD_UNKNOWN.search(folded[: head.start])):
        doubts.add(need, "head-unknown")


def _types_before(found: list[Match], match: Match, taxonomy: Taxonomy) -> set[str]:
    return {taxonomy.type_of(m.subtype) for m in found if m.accepted and m.start < match.start}


def explain(text: str, language: str, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """The (subtype, matched text) pairs that decided the classification, in text order."""
    return [(m.subtype, m.text) for m in matches(text, language, taxonomy) if m.accepted]


def main(argv: list[str] | None = None) -> int:
    """Print the classification of need statements given as arguments, with every match found."""
    parser = argparse.ArgumentParser(prog="python -m pipelines.classify", description=main.__doc__)
    parser.add_argument("text", nargs="+", help="need statement(s)")
    parser.add_argument("--language", default="en", help="en, fr or es")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    for text in args.text:
        types, subtypes = classify(text, args.language, taxonomy)
        print(f"{text}\n  types: {', '.join(types)}  subtypes: {', '.join(subtypes)}")
        for m in matches(text, args.language, taxonomy):
            flag = "+" if m.accepted else "-"
            print(f"  {flag} {m.subtype:<28} {m.text!r}  (type_keywords.csv line {m.keyword.line})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

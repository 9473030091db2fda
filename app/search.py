"""Keyword search over need statements in English, French and Spanish: accent- and case-blind, stem-aware, and
widened through the glossary of data/reference/glossary.csv to the same concept's terms in the other languages."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "data" / "reference" / "glossary.csv"
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish"}
# Inflections cut off a query word so that its other forms still match (training/trained, capacidades/capacidad,
# juridique/juridiques); a stem keeps at least STEM_MIN letters so short words are matched whole. A stem matches
# only with one of ENDINGS after it, not any continuation: "capacité" must not find "capacitación".
SUFFIXES = ("ings", "ies", "ing", "ers", "ed", "es", "er", "os", "as", "s", "e", "o", "a", "y")
ENDINGS = ("", "s", "es", "e", "ed", "ing", "ings", "er", "ers", "o", "os", "a", "as")
Y_ENDINGS = ("y", "ies")  # policy/policies, but not police
STEM_MIN = 4
# The text as SQL sees it: lower case, accents stripped, every run of other characters one space. normalise() does
# the same in Python; the two agree on the Latin letters the documents use.
SQL_TEXT = "regexp_replace(strip_accents(lower({column})), '[^a-z0-9]+', ' ', 'g')"


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces ("Capacitación," -> "capacitacion")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def stem(word: str) -> str:
    """The word without one inflectional ending, when enough of it is left (normalised input)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
            return word[: -len(suffix)]
    return word


def _word_pattern(word: str) -> str:
    if len(word) <= STEM_MIN:  # short words and acronyms whole, with an optional plural
        return rf"\b{re.escape(word)}(?:s|es)?\b"
    root = stem(word)
    endings = Y_ENDINGS if word.endswith(Y_ENDINGS) and root != word else ENDINGS
    return rf"\b{re.escape(root)}(?:{'|'.join(endings)})\b"


def term_pattern(term: str) -> str:
    """A regular expression (RE2 and Python alike) that finds the term, each word in any inflection, in
    normalised text."""
    return " ".join(_word_pattern(word) for word in normalise(term).split())


@dataclass(frozen=True)
class Term:
    """One glossary entry: a concept's name in one language."""

    concept: str
    language: str
    term: str

    @property
    def key(self) -> tuple[str, ...]:
        return _key(self.term)


def _key(words: str) -> tuple[str, ...]:
    # Two wordings are one term when their words have the same stems (asset declarations, juges/juge); a stem cut
    # from -y is marked, so that policy and police stay apart.
    return tuple(stem(w) + ("~y" if w.endswith(Y_ENDINGS) and stem(w) != w else "")
                 for w in normalise(words).split())


@lru_cache(maxsize=4)
def glossary(path: Path = GLOSSARY) -> tuple[Term, ...]:
    """The glossary's terms, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("term")]
    return tuple(Term(row["concept"].strip(), row["language"].strip(), row["term"].strip()) for row in rows)


@dataclass(frozen=True)
class Alternative:
    """One way a part of the query may be found: a pattern, and how to say what matched."""

    pattern: str
    label: str  # 'formation (French, for “training”)'
    language: str = ""  # en, fr, es; empty for the words as typed


@dataclass(frozen=True)
class Clause:
    """A part of the query (a glossary phrase or one word): a need matches it when any alternative matches."""

    words: str
    alternatives: tuple[Alternative, ...]

    @property
    def pattern(self) -> str:
        return "|".join(f"(?:{a.pattern})" for a in self.alternatives)


def _concept_terms(key: tuple[str, ...], terms: tuple[Term, ...]) -> list[Term]:
    concepts = {t.concept for t in terms if t.key == key}
    return [t for t in terms if t.concept in concepts]


def clauses(query: str, terms: tuple[Term, ...] | None = None) -> list[Clause]:
    """The query cut into glossary phrases (longest first) and single words; every clause must match."""
    terms = glossary() if terms is None else terms
    words = normalise(query).split()
    longest = max((len(t.key) for t in terms), default=1)
    found: list[Clause] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            piece = words[i:i + size]
            related = _concept_terms(_key(" ".join(piece)), terms)
            if related or size == 1:
                break
        shown = " ".join(piece)
        # One alternative per pattern and language: French "système" and English "system" share a pattern, and
        # each is named for the needs in its own language.
        alternatives: dict[tuple[str, str], Alternative] = {}
        for t in related:
            pattern = term_pattern(t.term)
            alternatives.setdefault((pattern, t.language), Alternative(
                pattern, f"{t.term} ({LANGUAGES.get(t.language, t.language)}, for “{t.concept}”)", t.language))
        typed = term_pattern(shown)
        # The words as typed come first, so a need that holds them is said to match them, in the language of the
        # glossary term they are a form of.
        same = next((t for t in related if t.key == _key(shown)), None)
        label = f"{shown} (as typed)" if same is None else \
            f"{shown} ({LANGUAGES.get(same.language, same.language)}, for “{same.concept}”)"
        alternatives.pop((typed, same.language if same else ""), None)
        first = Alternative(typed, label, same.language if same else "")
        found.append(Clause(shown, (first, *alternatives.values())))
        i += len(piece)
    return found


def where_sql(query: str, column: str) -> tuple[list[str], list[object]]:
    """SQL predicates (one per clause) and their parameters: the need text matches every clause of the query."""
    text = SQL_TEXT.format(column=column)
    parts = clauses(query)
    return [f"regexp_matches({text}, ?)" for _ in parts], [c.pattern for c in parts]


def matched_sql(query: str, column: str, language: str) -> tuple[str, list[object]]:
    """A SQL expression naming, for each clause, the term that matched and its language; terms in the need's own
    language (the column language) are tried first, so French "cours" is named as French, not as English "course"."""
    text = SQL_TEXT.format(column=column)
    pieces, params = [], []
    for clause in clauses(query):
        own = [a for a in clause.alternatives if a.language]
        cases = " ".join(f"WHEN {language} = ? AND regexp_matches({text}, ?) THEN ?" for _ in own)
        cases += " " + " ".join(f"WHEN regexp_matches({text}, ?) THEN ?" for _ in clause.alternatives)
        pieces.append(f"CASE {cases} END")
        for alternative in own:
            params += [alternative.language, alternative.pattern, alternative.label]
        for alternative in clause.alternatives:
            params += [alternative.pattern, alternative.label]
    if not pieces:
        return "NULL::VARCHAR", []
    return f"concat_ws('; ', {', '.join(pieces)})", params


def matched_term(query: str, text: str, language: str = "") -> list[str]:
    """What each clause of the query matched in the text (Python twin of matched_sql); [] when a clause did not."""
    plain = normalise(text)
    found = []
    for clause in clauses(query):
        ordered = [a for a in clause.alternatives if a.language and a.language == language] + list(clause.alternatives)
        hit = next((a.label for a in ordered if re.search(a.pattern, plain)), None)
        if hit is None:
            return []
        found.append(hit)
    return found

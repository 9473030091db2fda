"""What a view shows, in words: the filters, the data run and its date, for subtitles, images, file names and the
'About' sheet of a workbook (plain Python, shared by pages, slides and exports)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from app.filters import ROMAN, TYPE_LABELS, Filters

SOURCE = "Executive summaries of the UNCAC implementation reviews"


def numerals_of(numbers: Sequence[int]) -> list[str]:
    """Roman numerals, as the documents write cycles and chapters."""
    numerals = {number: numeral for numeral, number in ROMAN.items()}
    return [numerals.get(n, str(n)) for n in numbers]


def filter_parts(f: Filters, state_names: Mapping[str, str] | None = None) -> list[str]:
    """Each active filter in words ('chapter II', 'Capacity-building', 'African States'); [] for all needs."""
    parts = []
    if f.cycles:
        parts.append(("cycle " if len(f.cycles) == 1 else "cycles ") + ", ".join(numerals_of(f.cycles)))
    if f.groups:
        parts.append(", ".join(f.groups))
    if f.states:
        names = [(state_names or {}).get(iso3, iso3) for iso3 in f.states]
        parts.append(("State " if len(names) == 1 else "States ") + ", ".join(names))
    if f.chapters:
        parts.append(("chapter " if len(f.chapters) == 1 else "chapters ") + ", ".join(numerals_of(f.chapters)))
    if f.articles:
        parts.append(("article " if len(f.articles) == 1 else "articles ") + ", ".join(map(str, f.articles)))
    if f.types:
        parts.append(", ".join(TYPE_LABELS.get(t, t) for t in f.types))
    if f.search:
        parts.append(f"search “{f.search}” (English, French, Spanish)")
    return parts


def filters_in_words(f: Filters, state_names: Mapping[str, str] | None = None) -> str:
    """The filters in one phrase: 'chapter II; Capacity-building; African States', or 'all needs'."""
    return "; ".join(filter_parts(f, state_names)) or "all needs"


def _day(value: object) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, (date, datetime)):
        return f"{value.day} {value:%B %Y}"
    return "unknown date"


def data_in_words(facts: Mapping[str, object]) -> str:
    """Which data: 'run 20261120T093000Z-ab12 of 20 November 2026, illustrative sample data, not official'."""
    published = _day(facts.get("published_at") or facts.get("last_loaded"))
    words = f"run {facts.get('last_run_id') or 'unknown'} of {published}"
    return words + (", illustrative sample data, not official" if facts.get("is_sample") else "")


def scope_line(f: Filters, facts: Mapping[str, object], state_names: Mapping[str, str] | None = None) -> str:
    """The scope of a view in one line: filters, then data run and date."""
    return f"Scope: {filters_in_words(f, state_names)} — data: {data_in_words(facts)}"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, for file names."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_stem(base: str, f: Filters, facts: Mapping[str, object], state_names: Mapping[str, str] | None = None,
              *, most: int = 120) -> str:
    """A file name (without extension) naming the table, the selection and the data's date:
    'ta-needs_chapter-ii_capacity-building_african-states_2026-11-20'."""
    published = str(facts.get("published_at") or facts.get("last_loaded") or "")[:10]
    selection = "_".join(slug(part) for part in filter_parts(f, state_names)) or "all"
    return "_".join(p for p in (slug(base), selection[:most].rstrip("-_"), published) if p)


def about(f: Filters, facts: Mapping[str, object], state_names: Mapping[str, str] | None = None,
          **more: str) -> dict[str, str]:
    """Rows for the 'About' sheet of a workbook: what it holds and where it comes from."""
    rows = {"Scope": filters_in_words(f, state_names), "Source": SOURCE,
            "Data run": str(facts.get("last_run_id") or "unknown"),
            "Published": _day(facts.get("published_at") or facts.get("last_loaded")),
            "Sample data": "Yes: illustrative sample data, not official" if facts.get("is_sample") else "No"}
    return rows | more

"""The filters shared by every page, and their round trip through the URL with validation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace

TYPES = ("capacity-building", "legislative", "institution-building", "policymaking", "other")
TYPE_LABELS = {
    "capacity-building": "Capacity-building",
    "legislative": "Legislative assistance",
    "institution-building": "Institution-building",
    "policymaking": "Policymaking",
    "other": "Other",
}
# How every page names a review cycle (sidebar, oral update).
CYCLE_LABELS = {1: "First cycle (ch. III, IV)", 2: "Second cycle (ch. II, V)"}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
PARAMS = {"cycle": "cycles", "group": "groups", "state": "states", "chapter": "chapters", "article": "articles",
          "type": "types", "q": "search"}
SEARCH_MAX = 200
# Link parameters a page reads for itself (the presentation's slide and deck, the hall display); the shared filters
# leave them alone.
PAGE_PARAMS = frozenset({"slide", "source", "as_of", "display"})


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the needs to; an empty tuple means no restriction."""

    cycles: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()
    states: tuple[str, ...] = ()  # ISO3 codes
    chapters: tuple[int, ...] = ()
    articles: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    search: str = ""  # keyword(s) over need text, case-insensitive

    def narrow(self, **fields: object) -> Filters:
        """A copy with some fields replaced, e.g. narrow(chapters=(2,)) for a drill-down."""
        return replace(self, **fields)

    def key(self) -> str:
        """A stable text key for caches, read back by from_key()."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_key(cls, key: str) -> Filters:
        """The filters a key() came from."""
        fields = json.loads(key)
        return cls(**{name: value if isinstance(value, str) else tuple(value) for name, value in fields.items()})

    def to_params(self) -> dict[str, list[str] | str]:
        """URL query parameters that reproduce these filters (empty fields left out)."""
        params: dict[str, list[str] | str] = {}
        for name, attr in PARAMS.items():
            value = getattr(self, attr)
            if attr == "search":
                if value:
                    params[name] = value
            elif value:
                params[name] = [str(v) for v in value]
        return params


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter can take in the warehouse at hand, with their labels."""

    cycles: tuple[int, ...] = (1, 2)
    groups: tuple[tuple[str, str], ...] = ()  # (regional_group, short_name)
    states: tuple[tuple[str, str], ...] = ()  # (iso3, name)
    chapters: tuple[tuple[int, str], ...] = ()  # (chapter, "II Preventive measures")
    articles: tuple[tuple[int, str], ...] = ()  # (article, title)
    types: tuple[str, ...] = field(default=TYPES)


def _values(raw: str | list[str] | None) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def from_params(params: Mapping[str, str | list[str]], options: FilterOptions) -> tuple[Filters, list[str]]:
    """Filters read from URL query parameters; values the warehouse does not know are dropped and noted."""
    notes: list[str] = []
    unknown = sorted(set(params) - set(PARAMS) - PAGE_PARAMS)
    if unknown:
        notes.append(f"Ignored unknown link parameter(s): {', '.join(unknown)}.")

    def pick(name: str, resolve: dict[str, object]) -> tuple:
        chosen: list[object] = []
        for value in _values(params.get(name)):
            found = resolve.get(value.casefold())
            if found is None:
                notes.append(f"Ignored {name}={value!r} from the link: not a known {name}.")
            elif found not in chosen:
                chosen.append(found)
        return tuple(chosen)

    cycles = {str(c): c for c in options.cycles} | {k.casefold(): v for k, v in ROMAN.items() if v in options.cycles}
    groups = {g.casefold(): g for g, _ in options.groups} | {s.casefold(): g for g, s in options.groups}
    states = {iso.casefold(): iso for iso, _ in options.states}
    chapters = {str(c): c for c, _ in options.chapters}
    chapters |= {k.casefold(): v for k, v in ROMAN.items() if v in dict(options.chapters)}
    articles = {str(a): a for a, _ in options.articles}
    types = {t.casefold(): t for t in options.types}
    search = params.get("q", "")
    search = (search[-1] if isinstance(search, list) and search else search) or ""
    search = " ".join(str(search).split())
    if len(search) > SEARCH_MAX:
        notes.append(f"Shortened the keyword search from the link to {SEARCH_MAX} characters.")
        search = search[:SEARCH_MAX]
    filters = Filters(
        cycles=tuple(sorted(pick("cycle", cycles))),  # type: ignore[arg-type]
        groups=pick("group", groups),
        states=pick("state", states),
        chapters=tuple(sorted(pick("chapter", chapters))),  # type: ignore[arg-type]
        articles=tuple(sorted(pick("article", articles))),  # type: ignore[arg-type]
        types=pick("type", types),
        search=search,
    )
    return filters, notes

"""Reference facts read from data/reference/*.csv: chapters, articles, regional groups, States and their names."""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT / "data" / "reference"

LANGUAGES = ("en", "fr", "es")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}

# Columns of the warehouse tables in schema.sql; tables() returns exactly these.
TABLE_COLUMNS: dict[str, list[str]] = {
    "chapters": ["chapter", "numeral", "title", "first_article", "last_article"],
    "articles": ["article", "chapter", "title"],
    "regional_groups": ["regional_group", "short_name", "sort_order"],
    "countries": ["iso3", "name", "regional_group"],
    "country_names": ["iso3", "name", "language"],
    "assistance_types": ["type", "subtype", "label", "description", "sort_order"],
}

# Apostrophes, hyphens and dashes of every style count as spaces, so that "Côte d’Ivoire" and "Cote d'Ivoire",
# "Guinea–Bissau" and "Guinea Bissau" are one name; so do quotes, brackets and punctuation.
_APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u02b9\u0060\u00b4\u2032\uff07"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = str.maketrans({c: " " for c in _APOSTROPHES + _DASHES + '\u00a0"\u201c\u201d\u201e\u00ab\u00bb()[],;:.'})
_LEADING_ARTICLE = re.compile(r"^(?:the|la|le|les|el|los|las|l)\s+")


def normalize_name(text: str) -> str:
    """Fold case, accents, apostrophe, quote and dash styles, brackets and spacing, for names or whole text."""
    text = unicodedata.normalize("NFKD", text.replace("\u00ad", ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(_SPACES)
    return " ".join(text.split())


def _strip_article(normalized: str) -> str:
    return _LEADING_ARTICLE.sub("", normalized, count=1)


@dataclass(frozen=True)
class Chapter:
    chapter: int
    numeral: str
    title: str
    title_fr: str
    title_es: str
    first_article: int
    last_article: int


@dataclass(frozen=True)
class Article:
    article: int
    chapter: int
    title: str


@dataclass(frozen=True)
class RegionalGroup:
    regional_group: str
    short_name: str
    sort_order: int


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    regional_group: str


@dataclass(frozen=True)
class CountryName:
    iso3: str
    name: str
    language: str


@dataclass(frozen=True)
class AssistanceType:
    type: str
    subtype: str
    label: str
    description: str
    sort_order: int


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


class _CsvFile:
    """Rows of one reference CSV with their line numbers, and errors that name the file and line."""

    def __init__(self, path: Path, columns: list[str]):
        self.path = path
        self.name = _display(path)
        self.columns = columns

    def error(self, line: int | None, message: str) -> ValueError:
        where = f"{self.name} line {line}" if line is not None else self.name
        return ValueError(f"{where}: {message}")

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.name}: reference file is missing")
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in self.columns if c not in header]
            if missing:
                raise self.error(1, f"missing column(s) {', '.join(missing)}; expected {','.join(self.columns)}")
            reader.fieldnames = header
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise self.error(line, f"more values than the {len(header)} columns (a comma not in quotes?)")
                values = {k: (v or "").strip() for k, v in row.items()}
                if not any(values.values()):
                    continue
                yield line, values

    def text(self, line: int, row: dict[str, str], column: str) -> str:
        value = row[column]
        if not value:
            raise self.error(line, f"{column} is empty")
        return value

    def integer(self, line: int, row: dict[str, str], column: str) -> int:
        value = self.text(line, row, column)
        try:
            return int(value)
        except ValueError:
            raise self.error(line, f"{column} {value!r} is not a whole number") from None


def _load_chapters(directory: Path) -> dict[int, Chapter]:
    source = _CsvFile(directory / "chapters.csv", list(Chapter.__dataclass_fields__))
    chapters: dict[int, Chapter] = {}
    for line, row in source.rows():
        number = source.integer(line, row, "chapter")
        if number not in ROMAN:
            raise source.error(line, f"chapter {number} is outside 1-8")
        if number in chapters:
            raise source.error(line, f"chapter {number} is listed twice")
        numeral = source.text(line, row, "numeral")
        if numeral != ROMAN[number]:
            raise source.error(line, f"numeral {numeral!r} does not match chapter {number} ({ROMAN[number]})")
        first, last = source.integer(line, row, "first_article"), source.integer(line, row, "last_article")
        if not 1 <= first <= last <= 71:
            raise source.error(line, f"article range {first}-{last} is not within 1-71")
        for other in chapters.values():
            if first <= other.last_article and other.first_article <= last:
                raise source.error(line, f"articles {first}-{last} overlap chapter {other.chapter}")
        chapters[number] = Chapter(
            number, numeral, source.text(line, row, "title"), row["title_fr"], row["title_es"], first, last
        )
    return dict(sorted(chapters.items()))


def _load_articles(directory: Path, chapters: dict[int, Chapter]) -> dict[int, Article]:
    source = _CsvFile(directory / "articles.csv", list(Article.__dataclass_fields__))
    articles: dict[int, Article] = {}
    for line, row in source.rows():
        number = source.integer(line, row, "article")
        if not 1 <= number <= 71:
            raise source.error(line, f"article {number} is outside 1-71")
        if number in articles:
            raise source.error(line, f"article {number} is listed twice")
        chapter = source.integer(line, row, "chapter")
        expected = next((c for c in chapters.values() if c.first_article <= number <= c.last_article), None)
        if expected is None:
            raise source.error(line, f"article {number} is in no chapter's range in chapters.csv")
        if chapter != expected.chapter:
            raise source.error(
                line,
                f"article {number} is given chapter {chapter}, but chapters.csv puts articles "
                f"{expected.first_article}-{expected.last_article} in chapter {expected.chapter}",
            )
        articles[number] = Article(number, chapter, source.text(line, row, "title"))
    missing = sorted(set(range(1, 72)) - set(articles))
    if missing:
        raise source.error(None, f"article(s) missing: {', '.join(map(str, missing))}")
    return dict(sorted(articles.items()))


def _load_regional_groups(directory: Path) -> dict[str, RegionalGroup]:
    source = _CsvFile(directory / "regional_groups.csv", list(RegionalGroup.__dataclass_fields__))
    groups: dict[str, RegionalGroup] = {}
    for line, row in source.rows():
        name = source.text(line, row, "regional_group")
        if name in groups:
            raise source.error(line, f"regional group {name!r} is listed twice")
        short_name = source.text(line, row, "short_name")
        groups[name] = RegionalGroup(name, short_name, source.integer(line, row, "sort_order"))
    return dict(sorted(groups.items(), key=lambda item: item[1].sort_order))


def _load_countries(directory: Path, groups: dict[str, RegionalGroup]) -> dict[str, Country]:
    source = _CsvFile(directory / "countries.csv", list(Country.__dataclass_fields__))
    countries: dict[str, Country] = {}
    for line, row in source.rows():
        iso3 = source.text(line, row, "iso3")
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise source.error(line, f"iso3 {iso3!r} is not three capital letters")
        if iso3 in countries:
            raise source.error(line, f"iso3 {iso3} is listed twice")
        group = source.text(line, row, "regional_group")
        if group not in groups:
            raise source.error(
                line, f"regional_group {group!r} of {iso3} is not in regional_groups.csv ({'; '.join(groups)})"
            )
        countries[iso3] = Country(iso3, source.text(line, row, "name"), group)
    return countries


def _load_country_names(directory: Path, countries: dict[str, Country]) -> tuple[list[CountryName], dict[str, str]]:
    """Rows of country_names.csv and the index of normalised names to iso3 (official names included)."""
    source = _CsvFile(directory / "country_names.csv", list(CountryName.__dataclass_fields__))
    names: list[CountryName] = []
    index: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for country in countries.values():
        index[normalize_name(country.name)] = country.iso3
    for line, row in source.rows():
        iso3 = source.text(line, row, "iso3")
        if iso3 not in countries:
            raise source.error(line, f"iso3 {iso3} is not in countries.csv")
        language = source.text(line, row, "language")
        if language not in LANGUAGES:
            raise source.error(line, f"language {language!r} is not one of {', '.join(LANGUAGES)}")
        name = source.text(line, row, "name")
        key = normalize_name(name)
        if index.get(key, iso3) != iso3:
            where = f"line {first_seen[key]}" if key in first_seen else "countries.csv"
            raise source.error(line, f"name {name!r} is already listed for {index[key]} ({where}), not {iso3}")
        index[key] = iso3
        first_seen.setdefault(key, line)
        names.append(CountryName(iso3, name, language))
    return names, index


def _load_assistance_types(directory: Path) -> list[AssistanceType]:
    path = directory / "assistance_types.csv"
    if not path.is_file():
        return []
    source = _CsvFile(path, list(AssistanceType.__dataclass_fields__))
    types: list[AssistanceType] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in source.rows():
        key = (source.text(line, row, "type"), row["subtype"])
        if key in seen:
            raise source.error(line, f"type {key[0]!r} subtype {key[1]!r} is already listed at line {seen[key]}")
        seen[key] = line
        types.append(
            AssistanceType(
                key[0],
                key[1],
                source.text(line, row, "label"),
                row["description"],
                source.integer(line, row, "sort_order"),
            )
        )
    return sorted(types, key=lambda t: t.sort_order)


@dataclass(frozen=True)
class Reference:
    """All reference facts, checked against each other, with country-name lookup."""

    chapters: dict[int, Chapter]
    articles: dict[int, Article]
    regional_groups: dict[str, RegionalGroup]
    countries: dict[str, Country]
    country_names: list[CountryName]
    assistance_types: list[AssistanceType]
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, directory: Path = REFERENCE_DIR) -> Reference:
        """Read and cross-check the CSVs; raise ValueError naming file and line on the first bad row."""
        directory = Path(directory)
        chapters = _load_chapters(directory)
        articles = _load_articles(directory, chapters)
        groups = _load_regional_groups(directory)
        countries = _load_countries(directory, groups)
        names, index = _load_country_names(directory, countries)
        # A name written with a leading article ("The former Yugoslav Republic ...") is also found without it.
        lookup = dict(index)
        for key, iso3 in index.items():
            lookup.setdefault(_strip_article(key), iso3)
        return cls(chapters, articles, groups, countries, names, _load_assistance_types(directory), index, lookup)

    def chapter_of_article(self, article: int) -> int | None:
        """Chapter an article belongs to, None outside 1-71."""
        found = self.articles.get(article)
        return found.chapter if found else None

    def find_country(self, name: str) -> Country | None:
        """The State a name denotes, in any listed spelling; None when no State has that name."""
        key = normalize_name(name)
        iso3 = self._lookup.get(key) or self._lookup.get(_strip_article(key))
        return self.countries[iso3] if iso3 else None

    def country_name_index(self) -> list[tuple[str, str]]:
        """(normalised name, iso3) for every listed name, longest first, for scanning normalised text."""
        return sorted(self._names.items(), key=lambda item: (-len(item[0]), item[0]))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Frames with exactly the columns of the warehouse reference tables."""
        rows = {
            "chapters": [
                (c.chapter, c.numeral, c.title, c.first_article, c.last_article) for c in self.chapters.values()
            ],
            "articles": [(a.article, a.chapter, a.title) for a in self.articles.values()],
            "regional_groups": [(g.regional_group, g.short_name, g.sort_order) for g in self.regional_groups.values()],
            "countries": [(c.iso3, c.name, c.regional_group) for c in self.countries.values()],
            "country_names": [(n.iso3, n.name, n.language) for n in self.country_names],
            "assistance_types": [
                (t.type, t.subtype, t.label, t.description, t.sort_order) for t in self.assistance_types
            ],
        }
        frames = {}
        for table, columns in TABLE_COLUMNS.items():
            frame = pd.DataFrame(rows[table], columns=columns)
            for column in columns:
                integer = column in ("chapter", "first_article", "last_article", "article", "sort_order")
                frame[column] = frame[column].astype("int64" if integer else "str")
            frames[table] = frame
        return frames


def main(argv: list[str] | None = None) -> int:
    """Check the reference CSVs: python -m pipelines.reference [DIRECTORY]."""
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else REFERENCE_DIR
    try:
        reference = Reference.load(directory)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"ok: {len(reference.chapters)} chapters, {len(reference.articles)} articles, "
        f"{len(reference.regional_groups)} regional groups, {len(reference.countries)} parties, "
        f"{len(reference.country_names)} country names, {len(reference.assistance_types)} assistance types"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

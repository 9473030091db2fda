"""Reference CSVs: counts, group membership, name variants, the frames the warehouse loads, and loud failures."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from pipelines.reference import REFERENCE_DIR, Reference, main, normalize_name

SCHEMA = Path(__file__).resolve().parent.parent / "pipelines" / "schema.sql"
FILES = ["chapters.csv", "articles.csv", "regional_groups.csv", "countries.csv", "country_names.csv"]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.load()


def test_counts(reference: Reference):
    assert len(reference.chapters) == 8
    assert len(reference.articles) == 71
    assert sorted(reference.articles) == list(range(1, 72))
    assert len(reference.regional_groups) == 6
    assert len(reference.countries) >= 186


def test_chapters_and_articles(reference: Reference):
    assert [c.numeral for c in reference.chapters.values()] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    ranges = {c.chapter: (c.first_article, c.last_article) for c in reference.chapters.values()}
    expected = {1: (1, 4), 2: (5, 14), 3: (15, 42), 4: (43, 50), 5: (51, 59), 6: (60, 62), 7: (63, 64), 8: (65, 71)}
    assert ranges == expected
    assert reference.chapters[3].title == "Criminalization and law enforcement"
    assert reference.chapters[2].title_fr == "Mesures préventives"
    assert reference.chapters[3].title_fr == "Incrimination, détection et répression"
    assert reference.chapters[5].title_es == "Recuperación de activos"
    assert reference.chapters[3].title_es == "Penalización y aplicación de la ley"
    titles = {n: a.title for n, a in reference.articles.items()}
    assert titles[5] == "Preventive anti-corruption policies and practices"
    assert titles[9] == "Public procurement and management of public finances"
    assert titles[15] == "Bribery of national public officials"
    assert titles[46] == "Mutual legal assistance"
    assert titles[52] == "Prevention and detection of transfers of proceeds of crime"
    assert reference.chapter_of_article(14) == 2
    assert reference.chapter_of_article(15) == 3
    assert reference.chapter_of_article(59) == 5
    assert reference.chapter_of_article(0) is None
    assert reference.chapter_of_article(72) is None


@pytest.mark.parametrize(
    "name, group",
    [
        ("Kenya", "African States"),
        ("Brazil", "Latin American and Caribbean States"),
        ("France", "Western European and other States"),
        ("Türkiye", "Western European and other States"),
        ("Israel", "Western European and other States"),
        ("United States of America", "Western European and other States"),
        ("Ukraine", "Eastern European States"),
        ("China", "Asia-Pacific States"),
        ("Kiribati", "Asia-Pacific States"),
        ("State of Palestine", "Asia-Pacific States"),
        ("Cook Islands", "Asia-Pacific States"),
        ("Niue", "Asia-Pacific States"),
        ("Cyprus", "Asia-Pacific States"),
        ("European Union", "Other"),
    ],
)
def test_regional_group(reference: Reference, name: str, group: str):
    country = reference.find_country(name)
    assert country is not None and country.regional_group == group


def test_group_sizes_and_parties(reference: Reference):
    sizes = defaultdict(int)
    for country in reference.countries.values():
        sizes[country.regional_group] += 1
    assert sizes["Eastern European States"] == 23
    assert sizes["Latin American and Caribbean States"] == 33
    assert reference.countries["EUU"].regional_group == "Other"
    for non_party in ("PRK", "ERI", "SYR"):
        assert non_party not in reference.countries
    assert reference.find_country("Democratic People's Republic of Korea") is None


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Republic of Korea", "KOR"),
        ("the Republic of Korea", "KOR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("CÔTE D'IVOIRE", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("Russian Federation", "RUS"),
        ("Republic of Moldova", "MDA"),
        ("United Republic of Tanzania", "TZA"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Lao People’s Democratic Republic", "LAO"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Netherlands", "NLD"),
        ("the Netherlands", "NLD"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("North Macedonia", "MKD"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("former Yugoslav Republic of Macedonia", "MKD"),
        ("Eswatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Viet Nam", "VNM"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("the Congo", "COG"),
        ("Gambia", "GMB"),
        ("the Gambia", "GMB"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea–Bissau", "GNB"),
        ("Guinea Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("El Salvador", "SLV"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("  united   KINGDOM ", "GBR"),
        ("Bolivie (État plurinational de)", "BOL"),
        ("État plurinational de Bolivie", "BOL"),
        ("Etat plurinational de Bolivie", "BOL"),
        ("la République de Corée", "KOR"),
        ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "GBR"),
        ("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "GBR"),
        ("Maroc", "MAR"),
        ("le Maroc", "MAR"),
        ("Sénégal", "SEN"),
        ("Senegal", "SEN"),
        ("Tchéquie", "CZE"),
        ("l'Algérie", "DZA"),
        ("l’Algérie", "DZA"),
        ("Bolivia (Estado Plurinacional de)", "BOL"),
        ("Estado Plurinacional de Bolivia", "BOL"),
        ("República de Corea", "KOR"),
        ("Reino Unido de Gran Bretaña e Irlanda del Norte", "GBR"),
        ("el Reino Unido", "GBR"),
        ("Marruecos", "MAR"),
        ("Chequia", "CZE"),
        ("European Union", "EUU"),
        ("Union européenne", "EUU"),
    ],
)
def test_name_variants_resolve(reference: Reference, name: str, iso3: str):
    country = reference.find_country(name)
    assert country is not None, name
    assert country.iso3 == iso3


def test_unknown_names(reference: Reference):
    for name in ("", "Atlantis", "Korea", "Republic", "the"):
        assert reference.find_country(name) is None


def test_every_state_has_en_fr_es_names(reference: Reference):
    languages = defaultdict(set)
    for row in reference.country_names:
        languages[row.iso3].add(row.language)
    missing = {iso3: {"en", "fr", "es"} - languages[iso3] for iso3 in reference.countries}
    assert {iso3: langs for iso3, langs in missing.items() if langs} == {}


def test_official_names_are_listed_in_english(reference: Reference):
    listed = {(row.iso3, row.name) for row in reference.country_names if row.language == "en"}
    assert [c.iso3 for c in reference.countries.values() if (c.iso3, c.name) not in listed] == []


def test_normalize_name_on_text():
    assert normalize_name("  La  RÉPUBLIQUE-Unie de Tanzanie ") == "la republique unie de tanzanie"
    assert normalize_name("Côte d’Ivoire") == normalize_name("Cote d'Ivoire") == "cote d ivoire"
    assert normalize_name("Bolivia (Plurinational State of),") == "bolivia plurinational state of"
    text = normalize_name("Executive summary: Côte d’Ivoire.\nReview of the Republic of Guinea–Bissau")
    assert re.search(r"\bcote d ivoire\b", text) and re.search(r"\bguinea bissau\b", text)


def test_name_index_scans_text_longest_first(reference: Reference):
    index = reference.country_name_index()
    lengths = [len(name) for name, _ in index]
    assert lengths == sorted(lengths, reverse=True)
    assert all(name == normalize_name(name) for name, _ in index)
    assert len({name for name, _ in index}) == len(index)

    def scan(text: str) -> str | None:
        normalized = normalize_name(text)
        for name, iso3 in index:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", normalized):
                return iso3
        return None

    assert scan("Executive summary\nGuinea-Bissau\nI. Introduction") == "GNB"
    assert scan("Resumen: Papua Nueva Guinea") == "PNG"
    assert scan("Review of the Democratic Republic of the Congo") == "COD"
    assert scan("Review of Nigeria") == "NGA"
    assert scan("Résumé analytique : République-Unie de Tanzanie") == "TZA"


def _schema_columns() -> dict[str, list[str]]:
    tables = {}
    for name, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", SCHEMA.read_text(), re.S):
        tables[name] = [line.split()[0] for line in body.strip().splitlines() if line.strip()]
    return tables


def test_tables_match_schema_and_load_into_duckdb(reference: Reference):
    frames = reference.tables()
    schema = _schema_columns()
    assert set(frames) == {"chapters", "articles", "regional_groups", "countries", "country_names", "assistance_types"}
    for table, frame in frames.items():
        assert list(frame.columns) == schema[table], table
    connection = duckdb.connect()
    connection.execute(SCHEMA.read_text())
    for table, frame in frames.items():
        connection.register("frame", frame)
        connection.execute(f"INSERT INTO {table} SELECT * FROM frame")
        connection.unregister("frame")
    assert connection.execute("SELECT count(*) FROM articles WHERE chapter = 2").fetchone() == (10,)
    assert connection.execute("SELECT count(*) FROM countries").fetchone() == (len(reference.countries),)
    assert len(frames["assistance_types"]) == len(reference.assistance_types)


def test_assistance_types_missing_is_empty_frame(tmp_path: Path):
    directory = _copy(tmp_path)
    (directory / "assistance_types.csv").unlink(missing_ok=True)
    frame = Reference.load(directory).tables()["assistance_types"]
    assert frame.empty and list(frame.columns) == ["type", "subtype", "label", "description", "sort_order"]


def test_assistance_types_loaded_when_present(tmp_path: Path):
    directory = _copy(tmp_path)
    (directory / "assistance_types.csv").write_text(
        "type,subtype,label,description,sort_order\n"
        "legislative,legal-advice,Legal advice,Advice on laws,2\n"
        "capacity-building,training,Training,Courses for staff,1\n",
        encoding="utf-8",
    )
    types = Reference.load(directory).assistance_types
    assert [t.subtype for t in types] == ["training", "legal-advice"]


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "reference"
    directory.mkdir(parents=True)
    for name in FILES:
        shutil.copy(REFERENCE_DIR / name, directory / name)
    return directory


def _append(path: Path, line: str) -> int:
    """Append one CSV line and return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the line starting with old and return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(old))
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def _expect(directory: Path, file: str, line: int | None, *words: str) -> None:
    with pytest.raises(ValueError) as raised:
        Reference.load(directory)
    message = str(raised.value)
    where = f"{file} line {line}:" if line is not None else f"{file}:"
    assert where in message, message
    for word in words:
        assert word in message, message


def test_unknown_regional_group_fails_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _replace(directory / "countries.csv", "KEN,", "KEN,Kenya,African Group")
    _expect(directory, "countries.csv", line, "African Group", "regional_groups.csv")


def test_duplicate_iso3_fails_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _append(directory / "countries.csv", "KEN,Kenya again,African States")
    _expect(directory, "countries.csv", line, "KEN", "twice")


def test_article_outside_range_fails_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _append(directory / "articles.csv", "72,8,Not an article")
    _expect(directory, "articles.csv", line, "72", "1-71")


def test_article_in_wrong_chapter_fails_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _replace(directory / "articles.csv", "15,", "15,2,Bribery of national public officials")
    _expect(directory, "articles.csv", line, "article 15", "chapter 3")


def test_chapter_range_change_is_checked_against_articles(tmp_path: Path):
    directory = _copy(tmp_path)
    _replace(directory / "chapters.csv", "2,", "2,II,Preventive measures,Mesures préventives,Medidas preventivas,5,13")
    line = _replace(directory / "articles.csv", "14,", "14,2,Measures to prevent money-laundering")
    _expect(directory, "articles.csv", line, "article 14")


def test_missing_article_fails(tmp_path: Path):
    directory = _copy(tmp_path)
    path = directory / "articles.csv"
    path.write_text("".join(line for line in path.open(encoding="utf-8") if not line.startswith("33,")))
    _expect(directory, "articles.csv", None, "missing", "33")


def test_name_listed_for_two_states_fails_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _append(directory / "country_names.csv", "GIN,Guinée-Bissau,fr")
    _expect(directory, "country_names.csv", line, "GNB", "GIN")


def test_name_clash_is_found_across_spellings(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _append(directory / "country_names.csv", "NER,NIGERIA,en")
    _expect(directory, "country_names.csv", line, "NGA")


def test_bad_number_and_unknown_iso3_fail_with_line(tmp_path: Path):
    directory = _copy(tmp_path)
    line = _append(directory / "country_names.csv", "XYZ,Nowhere,en")
    _expect(directory, "country_names.csv", line, "XYZ", "countries.csv")
    directory = _copy(tmp_path / "second")
    line = _replace(directory / "regional_groups.csv", "Other,", "Other,Other,last")
    _expect(directory, "regional_groups.csv", line, "sort_order", "last")


def test_missing_column_fails(tmp_path: Path):
    directory = _copy(tmp_path)
    path = directory / "countries.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("regional_group", "group", 1), encoding="utf-8")
    _expect(directory, "countries.csv", 1, "regional_group")


def test_check_command(tmp_path: Path, capsys):
    assert main([str(REFERENCE_DIR)]) == 0
    assert "71 articles" in capsys.readouterr().out
    directory = _copy(tmp_path)
    _append(directory / "countries.csv", "KEN,Kenya again,African States")
    assert main([str(directory)]) == 1
    assert "countries.csv line" in capsys.readouterr().err

"""Identification of an executive summary: symbol, cycle, chapters, State under review, date, sample flag."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.errors import Rejection
from pipelines.identify import identify
from pipelines.model import SourceLine
from pipelines.reference import Reference

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.load()


def text_lines(text: str) -> list[SourceLine]:
    return [SourceLine(line, None, number) for number, line in enumerate(text.split("\n"), start=1)]


def fixture_lines(name: str) -> list[SourceLine]:
    return text_lines((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "language", "symbol", "iso3", "cycle", "published_on"),
    [
        ("en_kenya_cycle2.txt", "en", "CAC/COSP/IRG/II/2/1/Add.14", "KEN", 2, date(2022, 3, 14)),
        ("fr_senegal_cycle2.txt", "fr", "CAC/COSP/IRG/II/3/1/Add.7", "SEN", 2, date(2023, 2, 1)),
        ("es_peru_cycle1.txt", "es", "CAC/COSP/IRG/I/4/1/Add.22", "PER", 1, date(2016, 3, 14)),
        ("en_messy_pdf.txt", "en", None, "TZA", 1, None),
        ("en_inline_letters.txt", "en", None, "GHA", 2, None),
    ],
)
def test_fixtures(
    reference: Reference, name: str, language: str, symbol: str | None, iso3: str, cycle: int,
    published_on: date | None,
) -> None:
    info = identify(fixture_lines(name), reference, language)
    assert (info.symbol, info.iso3, info.cycle, info.published_on, info.language) == (
        symbol, iso3, cycle, published_on, language)
    assert info.chapters == ([3, 4] if cycle == 1 else [2, 5])
    assert info.country == reference.countries[iso3].name
    assert info.regional_group == reference.countries[iso3].regional_group
    assert info.is_sample is False


def test_raw_lines_with_page_headers_and_a_reviewer_named_more_often(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "Illustrative sample - not an official United Nations document",
        "United Nations CAC/COSP/IRG/II/1/1/Add. 3/Rev.1",
        "Distr.: General",
        "2 June 2020",
        "V.20-01234 (E)",
        "Executive summary",
        "Note by the Secretariat",
        "II. Executive summary",
        "Jamaica",
        "The review of Jamaica was conducted by Ghana and Norway. Ghana and Norway",
        "held a joint visit. Experts from Ghana met the authorities.",
        "CAC/COSP/IRG/II/1/1/Add.3/Rev.1",
        "2/8 V.20-01234",
        "2. Chapter II: Preventive measures",
    ]))
    info = identify(lines, reference, "en")
    assert info.iso3 == "JAM"
    assert info.symbol == "CAC/COSP/IRG/II/1/1/Add.3/Rev.1"
    assert info.published_on == date(2020, 6, 2)
    assert info.is_sample is True


def test_framework_sentence_when_no_name_stands_alone(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "Résumé analytique",
        "1. Introduction : aperçu du cadre juridique et institutionnel de l'État examiné (Côte d'Ivoire)",
        "dans le contexte de l'application de la Convention",
        "L'examen a été mené par les États examinateurs suivants : France et Maroc. La France",
        "2. Chapitre III : incrimination, détection et répression",
        "3. Chapitre IV : coopération internationale",
    ]))
    info = identify(lines, reference, "fr")
    assert (info.iso3, info.cycle, info.symbol) == ("CIV", 1, None)


def test_a_state_named_only_in_the_body_is_never_taken_as_the_one_under_review(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "Resumen ejecutivo",
        "El examen de Chile estuvo a cargo de Argentina y España. Argentina y España",
        "presentaron sus observaciones. Chile ha adoptado medidas.",
        "Capítulo II: medidas preventivas",
        "Capítulo V: recuperación de activos",
    ]))
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "es")
    assert raised.value.reason == "unknown_country"
    assert "country_names.csv" in raised.value.action


def test_invented_state_is_rejected_not_credited_to_a_party_named_in_the_body(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "CAC/COSP/IRG/II/3/1/Add.9",
        "II. Executive summary",
        "Freedonia",
        "1. Introduction: Overview of the legal and institutional framework of Freedonia in the context of "
        "implementation of the United Nations Convention against Corruption",
        "Freedonia cooperates with the European Union. The European Union funded a project; the European Union",
        "and the European Union delegation supported the review of Freedonia.",
        "2. Chapter II: Preventive measures",
        "3. Chapter V: Asset recovery",
    ]))
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "unknown_country"
    assert '"Freedonia"' in raised.value.message


def test_two_states_in_the_heading_block_are_ambiguous(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "CAC/COSP/IRG/II/3/1/Add.9",
        "II. Executive summary",
        "Ghana",
        "1. Introduction: Overview of the legal and institutional framework of Kenya in the context of "
        "implementation of the United Nations Convention against Corruption",
        "2. Chapter II: Preventive measures",
    ]))
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "ambiguous_country"
    assert "Ghana" in raised.value.message and "Kenya" in raised.value.message


@pytest.mark.parametrize(("heading", "iso3"), [
    ("Review of implementation by Mongolia of the United Nations Convention against Corruption", "MNG"),
    ("Examen de l'application par le Sénégal de la Convention des Nations Unies contre la corruption", "SEN"),
    ("Examen de la aplicación por parte del Perú de la Convención de las Naciones Unidas contra la Corrupción", "PER"),
])
def test_review_by_heading_names_the_state(reference: Reference, heading: str, iso3: str) -> None:
    body = "Chapter III: Criminalization and law enforcement\nThe European Union funded the training."
    lines = text_lines(f"CAC/COSP/IRG/I/2/1/Add.4\nExecutive summary\nNote by the Secretariat\n{heading}\n{body}")
    assert identify(lines, reference, "en").iso3 == iso3


def test_spanish_cover_date(reference: Reference) -> None:
    lines = text_lines("CAC/COSP/IRG/II/4/1/Add.2\nDistr. general\n14 de marzo de 2022\nResumen\nUruguay\n")
    info = identify(lines, reference, "es")
    assert (info.iso3, info.published_on, info.cycle) == ("URY", date(2022, 3, 14), 2)


def test_unknown_country_names_the_candidate(reference: Reference) -> None:
    lines = text_lines("CAC/COSP/IRG/II/4/1/Add.2\nII. Executive summary\nAtlantis\nChapter II: preventive measures")
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "unknown_country"
    assert '"Atlantis"' in raised.value.message
    assert "country_names.csv" in raised.value.action


def test_not_an_executive_summary(reference: Reference) -> None:
    lines = text_lines("Report of the Implementation Review Group\nKenya and Ghana attended the session.")
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "not_executive_summary"


def test_no_cycle(reference: Reference) -> None:
    lines = text_lines("Executive summary\nKenya\nTechnical assistance needs identified\n• Training (art. 9).")
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "no_cycle"


def test_cycle_from_chapter_headings_without_symbol(reference: Reference) -> None:
    lines = text_lines("Executive summary\nKenya\nCHAPTER III. CRIMINALIZATION AND LAW ENFORCEMENT\nChapter IV")
    assert identify(lines, reference, "en").cycle == 1


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Executive summary – Kenya\nThe review was conducted by Ghana, Ghana and Ghana.\nChapter II: x", "KEN"),
        ("Contents\nII. Executive summary . . . . . 2\nBolivia (Plurinational State of) . . . 2\nChapter II", "BOL"),
        ("Resumen ejecutivo\nRepública Bolivariana de Venezuela\nCapítulo II: medidas preventivas", "VEN"),
        ("Résumé analytique\nla République démocratique du Congo\nChapitre II : mesures préventives", "COD"),
        ("Executive summary\nNote by the Secretariat\nII. Executive summary\nCÔTE D'IVOIRE\nChapter II", "CIV"),
    ],
)
def test_name_standing_alone_after_the_summary_heading(reference: Reference, text: str, iso3: str) -> None:
    assert identify(text_lines(text), reference, "en").iso3 == iso3


def test_secretariat_note_mentioning_needs_in_running_text_is_not_a_summary(reference: Reference) -> None:
    lines = text_lines("\n".join([
        "VII. Technical Assistance",
        "1. The note presents an overview of the executive summary findings and of the",
        "technical assistance needs identified through the Mechanism for the Review of",
        "Implementation in Kenya, Ghana and Chile.",
    ]))
    with pytest.raises(Rejection) as raised:
        identify(lines, reference, "en")
    assert raised.value.reason == "not_executive_summary"


def test_date_extracted_before_distr(reference: Reference) -> None:
    lines = text_lines("United Nations\n3 May 2021\nDistr.: General\nOriginal: English\nExecutive summary\nKenya\n"
                       "CAC/COSP/IRG/II/2/1/Add.9")
    assert identify(lines, reference, "en").published_on == date(2021, 5, 3)

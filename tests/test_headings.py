"""Headings of a summary: technical-assistance headings with what follows them, and chapters named by title only."""

from __future__ import annotations

import pytest

from pipelines.model import SourceLine
from pipelines.segment import chapter_of_heading, find_parts, ta_heading


@pytest.mark.parametrize(("line", "expected"), [
    # A qualifier after the heading is not counted among the eight words a heading may carry.
    ("Technical assistance needs identified in respect of the articles under review here", (True, "")),
    ("Technical assistance needs in respect of the articles under review here: training", (True, "training")),
    # The first colon ends the heading; a colon inside the needs stays with them.
    ("Technical assistance needs identified: Article 9: training of judges", (True, "Article 9: training of judges")),
    # A sentence is no heading: too long before its colon or without one, or ended by a stop.
    ("Technical assistance needs were identified by the reviewing experts in the following areas", (False, "")),
    ("Technical assistance needs were identified by the reviewing experts in the following areas: training",
     (False, "")),
    ("Technical assistance needs were not identified.", (False, "")),
    ("Technical assistance needs were not identified. ", (False, "")),
    ("Technical assistance needs were identified;", (False, "")),
])
def test_ta_heading_tails(line: str, expected: tuple[bool, str]) -> None:
    assert ta_heading(line) == expected


@pytest.mark.parametrize(("line", "chapter"), [
    ("Chapter 3: Criminalization and law enforcement", 3),
    ("2. Chapter 5 - Asset recovery", 5),
])
def test_chapter_headings_with_arabic_numerals(line: str, chapter: int) -> None:
    assert chapter_of_heading(line) == chapter


def lines_of(rows: list[tuple[str, str]]) -> list[SourceLine]:
    return [SourceLine(text, None, number, "line", kind) for number, (kind, text) in enumerate(rows, start=1)]


@pytest.mark.parametrize(("kind", "title"), [
    ("", "V. Asset recovery"),  # numbered
    ("heading", "Asset recovery"),  # a Word heading
    ("", "ASSET RECOVERY"),  # in capitals
])
def test_a_chapter_headed_by_its_title_only(kind: str, title: str) -> None:
    # Chapter II has no technical-assistance part: only the title tells that the one part found is chapter V's.
    lines = lines_of([
        ("", "II. PREVENTIVE MEASURES"),
        ("", "Kenya has adopted a code of conduct for public officials."),
        (kind, title),
        ("", "Technical assistance needs identified"),
        ("", "• Legal advice on asset-sharing agreements (art. 57)."),
    ])
    two, five = find_parts(lines, [2, 5], "en")
    assert two.status == "no_section"
    assert [need.text for need in five.needs] == ["Legal advice on asset-sharing agreements (art. 57)"]


def test_a_wrapped_line_reading_like_a_title_is_no_chapter() -> None:
    lines = lines_of([
        ("", "II. PREVENTIVE MEASURES"),
        ("", "Technical assistance needs identified"),
        ("", "• Training of prosecutors in international cooperation (art. 46) and in"),
        ("", "asset recovery"),
        ("", "V. ASSET RECOVERY"),
        ("", "Technical assistance needs identified"),
        ("", "• Legal advice on asset-sharing agreements (art. 57)."),
    ])
    two, five = find_parts(lines, [2, 5], "en")
    assert [need.text for need in two.needs] == [
        "Training of prosecutors in international cooperation (art. 46) and in asset recovery"]
    assert [need.text for need in five.needs] == ["Legal advice on asset-sharing agreements (art. 57)"]

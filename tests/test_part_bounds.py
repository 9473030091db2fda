"""Where a technical-assistance part ends: the next section of a chapter is no need, whatever its heading looks like."""

from __future__ import annotations

import pytest

from pipelines.model import SourceLine
from pipelines.segment import find_parts

NEXT_SECTION_TEXT = "Kenya has adopted a code of conduct for public officials."


def needs_before(heading: str, kind: str = "") -> list[str]:
    """Needs read from a part followed by a line (with its layout kind) and a paragraph of the next section."""
    rows = [("2. Chapter II: preventive measures", ""), ("2.4. Technical assistance needs identified", ""),
            ("• Training of auditors (art. 9).", ""), (heading, kind), (NEXT_SECTION_TEXT, "")]
    lines = [SourceLine(text, None, number, "line", kind) for number, (text, kind) in enumerate(rows, start=1)]
    return [need.text for need in find_parts(lines, [2], "en")[0].needs]


@pytest.mark.parametrize(("heading", "kind"), [
    # A numbered sub-section, whatever its title.
    ("2.5. Other matters", ""),
    # Known section titles: numbered, bare, or with "where applicable"; a short numbered title of exactly twelve
    # words still ends the part.
    ("B. Challenges in implementation, where relevant to the articles under review here", ""),
    ("Challenges in implementation", ""),
    ("Challenges in implementation:", ""),
    ("Annex", ""),
    # An annex with its label, in a text or PDF file, alone or with its title.
    ("Annex I", ""),
    ("Annexe 2", ""),
    ("Anexo B: Lista de instituciones", ""),
    ("ANNEX II - LIST OF LAWS", ""),
    ("Successes and good practices, where applicable", ""),
    ("Successes and good practices where applicable:", ""),
    # A Word heading ends the part, a known title with a topic as well as any other.
    ("Good practices of the reviewed State", "heading"),
    ("Context of the review", "heading"),
])
def test_the_next_section_ends_the_part(heading: str, kind: str) -> None:
    assert needs_before(heading, kind) == ["Training of auditors (art. 9)"]


@pytest.mark.parametrize("heading", [
    # Unnumbered, a known title followed by a topic may be a need of its own.
    "Good practices on asset declarations",
    # Numbered but longer than a section title: a numbered need, not a heading.
    "B. Challenges in implementation, where relevant to the articles under review in this chapter",
    # Running text that names an annex.
    "Annex I of the law on public procurement needs revising",
    "Annex civil: rules of conduct for judges and prosecutors",
])
def test_a_known_title_with_a_topic_or_a_long_line_does_not_end_the_part(heading: str) -> None:
    first, second, *_ = needs_before(heading)
    assert first == "Training of auditors (art. 9)" and second.startswith(heading.removeprefix("B. "))


@pytest.mark.parametrize("heading", ["Article 9", "Technical assistance requested"])
def test_an_article_or_technical_assistance_heading_in_word_stays_inside_the_part(heading: str) -> None:
    assert needs_before(heading, "heading") == ["Training of auditors (art. 9)", NEXT_SECTION_TEXT.rstrip(".")]

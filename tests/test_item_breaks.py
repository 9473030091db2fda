"""Where an item starts, and whether it runs on over a blank line or a page break (written from the survivors of
mutation testing of pipelines/blocks.py)."""

from __future__ import annotations

import pytest

from pipelines.model import SourceLine
from pipelines.segment import find_parts

HEAD = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified"]


def needs_of(lines: list[SourceLine]) -> list[str]:
    return [need.text for need in find_parts(lines, [2], "en")[0].needs]


def pdf(*rows: tuple[int, str]) -> list[SourceLine]:
    """PDF lines as (page, text), after the part's heading on page 3."""
    return [SourceLine(text, page, number) for number, (page, text) in
            enumerate([(3, HEAD[0]), (3, HEAD[1]), *rows], start=1)]


def test_an_item_runs_on_over_a_page_break_but_not_over_a_blank_line_on_its_page() -> None:
    assert needs_of(pdf((3, "• Training of staff of the"), (3, ""), (4, "Financial Intelligence Unit (art. 58)."))) == [
        "Training of staff of the Financial Intelligence Unit (art. 58)"]
    assert needs_of(pdf((3, "• Training of staff of the"), (3, ""), (3, "Ministry of Justice (art. 6)."))) == [
        "Training of staff of the", "Ministry of Justice (art. 6)"]


@pytest.mark.parametrize(("before", "after", "needs"), [
    # Inside parentheses the text runs on after a blank line, even in capitals.
    ("• Training of judges (in particular of the", "Supreme Court) (art. 11).",
     ["Training of judges (in particular of the Supreme Court) (art. 11)"]),
    # An item ended by a stop does not, even when the next line starts in lower case.
    ("• Training of judges.", "model legislation is also needed.",
     ["Training of judges", "model legislation is also needed"]),
])
def test_after_a_blank_line(before: str, after: str, needs: list[str]) -> None:
    lines = [SourceLine(text, None, number) for number, text in enumerate([*HEAD, before, "", after], start=1)]
    assert needs_of(lines) == needs


@pytest.mark.parametrize("labels", [("(i)", "(ii)"), ("1.", "2."), ("a)", "b)")])
def test_a_list_may_start_after_an_unfinished_line_only_at_its_first_label(labels: tuple[str, str]) -> None:
    first, second = labels
    lines = [SourceLine(text, None, number) for number, text in enumerate(
        [*HEAD, "Kenya identified needs in the areas below", f"{first} training of judges;", f"{second} legal advice."],
        start=1)]
    assert needs_of(lines) == ["training of judges", "legal advice"]


def test_word_list_paragraphs_after_a_sentence_naming_the_needs() -> None:
    # Word numbers its list itself, so the text carries no number; a bullet's glyph typed into the text goes.
    paragraphs = [("heading", "Chapter II: preventive measures"), ("", "Kenya has adopted a code of conduct."),
                  ("", "Kenya would benefit from the following technical assistance:"),
                  ("numbered", "Training of judges (art. 11)"), ("numbered", "Legal advice (art. 7)"),
                  ("bullet", "• Model legislation (art. 9)")]
    lines = [SourceLine(text, None, number, "paragraph", kind) for number, (kind, text) in
             enumerate(paragraphs, start=1)]
    assert needs_of(lines) == ["Training of judges (art. 11)", "Legal advice (art. 7)", "Model legislation (art. 9)"]


def test_a_label_in_another_style_inside_an_unfinished_item_runs_on() -> None:
    # "b)" after an unfinished "(a)" item is a cross-reference wrapped onto the next line, not the list's next item.
    lines = [SourceLine(text, None, number) for number, text in enumerate(
        [*HEAD, "(a) Legal advice on implementing subparagraphs a) and", "b) of article 5;", "(b) Training of judges."],
        start=1)]
    assert needs_of(lines) == ["Legal advice on implementing subparagraphs a) and b) of article 5",
                               "Training of judges"]

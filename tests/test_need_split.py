"""How a paragraph of a technical-assistance part splits into needs: sentences that explain a need stay with it; an
intro, an article label or a no-needs sentence stands on its own (written from the survivors of mutation testing of
pipelines/split.py)."""

from __future__ import annotations

import pytest

from pipelines.model import SourceLine
from pipelines.segment import find_parts


def needs_in(*paragraph: str) -> list[tuple[str, list[int]]]:
    texts = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified", *paragraph]
    lines = [SourceLine(text, None, number) for number, text in enumerate(texts, start=1)]
    return [(need.text, need.articles) for need in find_parts(lines, [2], "en")[0].needs]


@pytest.mark.parametrize(("paragraph", "needs"), [
    # A sentence explaining the need before it stays with it.
    ("Capacity-building for judges on asset declarations. This would include training on the new law.",
     [("Capacity-building for judges on asset declarations. This would include training on the new law", [])]),
    # An intro after a need opens a list of its own, with or without words that name the needs.
    ("Training of judges (art. 11). Kenya also identified the following needs: training of auditors; model "
     "legislation.",
     [("Training of judges (art. 11)", [11]), ("training of auditors", []), ("model legislation", [])]),
    ("Training of judges (art. 11). Kenya would like support in these areas:",
     [("Training of judges (art. 11)", [11]), ("Legal advice (art. 7)", [7])]),
    # An article label after a need heads its own list.
    ("Training of judges (art. 11). Article 9: training of auditors; model legislation.",
     [("Training of judges (art. 11)", [11]), ("training of auditors", [9]), ("model legislation", [9])]),
    # A no-needs sentence after a need is no need.
    ("Training of judges (art. 11). No other needs were identified.", [("Training of judges (art. 11)", [11])]),
    # An enumerator glued to its text is taken off; a piece without a word is no need.
    ("Kenya identified the following needs: (a)training of judges; (b)legal advice.",
     [("training of judges", []), ("legal advice", [])]),
    ("Kenya identified the following needs: training of judges; legal advice; …",
     [("training of judges", []), ("legal advice", [])]),
    # Inline letters split a list that has no semicolons.
    ("Kenya identified the following needs: (a) training of judges, (b) legal advice and (c) model legislation.",
     [("training of judges", []), ("legal advice", []), ("model legislation", [])]),
])
def test_a_paragraph_splits_into_needs(paragraph: str, needs: list[tuple[str, list[int]]]) -> None:
    more = ["• Legal advice (art. 7)."] if paragraph.endswith(":") else []
    assert needs_in(paragraph, *more) == needs


def test_a_no_needs_sentence_in_a_numbered_paragraph_is_the_statement_alone() -> None:
    texts = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified",
             "5. Kenya has adopted a law on whistle-blowers. It did not identify any technical assistance needs."]
    part, = find_parts([SourceLine(text, None, number) for number, text in enumerate(texts, start=1)], [2], "en")
    assert (part.status, part.statement) == ("no_needs", "It did not identify any technical assistance needs.")


def test_a_need_opening_its_block_in_lower_case_is_flagged_one_after_a_semicolon_is_not() -> None:
    texts = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified",
             "• training of judges (art. 11);", "training of auditors; legal advice."]
    part, = find_parts([SourceLine(text, None, number) for number, text in enumerate(texts, start=1)], [2], "en")
    assert [(need.text, need.flags) for need in part.needs] == [
        ("training of judges (art. 11)", ["lowercase-start"]), ("training of auditors", []), ("legal advice", [])]

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
    ("Training of judges (art. 11). In respect of article 9: training of auditors; model legislation.",
     [("Training of judges (art. 11)", [11]), ("training of auditors", [9]), ("model legislation", [9])]),
    ("Training of judges (art. 11). With respect to article 9: training of auditors; model legislation.",
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


# 45 words.
LONG = ("Kenya indicated that, at the time of the country visit, it did not require any technical assistance for the "
        "implementation of the provisions of chapter II of the Convention, as the relevant authorities had already "
        "received support from several international partners over the past years.")


# 25 words, the negation after what is needed.
BACKWARD = ("Technical assistance from partners would not be required by the authorities of Kenya for the "
            "implementation of the provisions of chapter II in this cycle.")


@pytest.mark.parametrize(("paragraph", "statement"), [
    # A sentence with a colon is never the no-needs sentence; the one after it still is.
    ("5. In its answers, Kenya referred to article 9: the law is new. It did not identify any technical assistance "
     "needs.", "It did not identify any technical assistance needs."),
    # "needed" after the negation, in a sentence too long for the words-after rule.
    ("No technical assistance was needed by the authorities of Kenya for the implementation of the provisions of the "
     "chapter under review in the present cycle of the review process.",
     "No technical assistance was needed by the authorities of Kenya for the implementation of the provisions of the "
     "chapter under review in the present cycle of the review process."),
    # Up to 45 words a sentence can say there are no needs; a longer one is not read as saying so.
    (LONG, LONG),
    (LONG.replace("past", "past few"), None),
    # The negation after what is needed: up to 25 words.
    ("Technical assistance would not be required for the implementation of chapter II.",
     "Technical assistance would not be required for the implementation of chapter II."),
    (BACKWARD, BACKWARD),
])
def test_no_needs_sentences(paragraph: str, statement: str | None) -> None:
    texts = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified", paragraph]
    part, = find_parts([SourceLine(text, None, number) for number, text in enumerate(texts, start=1)], [2], "en")
    assert (part.status, part.needs, part.statement) == ("no_needs", [], statement)


@pytest.mark.parametrize(("paragraph", "needs"), [
    # A negation before the intro's colon does not make the intro a no-needs sentence.
    ("Kenya had no law on asset declarations and requested the following technical assistance: legal advice; model "
     "legislation.", ["legal advice", "model legislation"]),
    # "not ... identified" without a word for needs or assistance after the negation is a need.
    ("• Legal advice on the draft law, which has not yet been adopted, as identified by the reviewers (art. 5).",
     ["Legal advice on the draft law, which has not yet been adopted, as identified by the reviewers (art. 5)"]),
])
def test_negations_that_say_nothing_about_needs(paragraph: str, needs: list[str]) -> None:
    assert [text for text, _ in needs_in(paragraph)] == needs

"""What each need read from a part carries (chapter, line, flags, heading) and which items are no needs (written from
the survivors of mutation testing of pipelines/split.py: read_blocks)."""

from __future__ import annotations

import pytest

from pipelines.articles import ArticleOutOfRange
from pipelines.model import SourceLine
from pipelines.segment import find_parts

HEAD = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified"]


def text_file(*rows: str) -> list[SourceLine]:
    return [SourceLine(text, None, number) for number, text in enumerate([*HEAD, *rows], start=1)]


def read(lines: list[SourceLine]) -> list[tuple]:
    return [(need.chapter, need.text, need.articles, need.location, need.flags, need.heading)
            for need in find_parts(lines, [2], "en")[0].needs]


def test_each_element_of_a_list_over_a_page_break_has_its_own_lines_and_flags() -> None:
    # Only the element that runs over the break (weakly: a capital after it) is flagged; each element is placed on
    # the line where it starts.
    lines = [SourceLine(text, page, number) for number, (page, text) in enumerate(
        [(3, HEAD[0]), (3, HEAD[1]), (3, "• Legal advice (art. 7); training of staff of the"),
         (4, "Financial Intelligence Unit (art. 58); model legislation (art. 9).")], start=1)]
    assert read(lines) == [
        (2, "Legal advice (art. 7)", [7], "page 3, line 3", [], None),
        (2, "training of staff of the Financial Intelligence Unit (art. 58)", [58], "page 3, line 3", ["page-break"],
         None),
        (2, "model legislation (art. 9)", [9], "page 4, line 4", [], None)]


def test_the_needs_under_an_article_label_are_placed_on_their_own_lines() -> None:
    assert read(text_file("Article 9: training of auditors; legal advice on procurement;",
                          "model legislation; training of judges.")) == [
        (2, "training of auditors", [9], "line 3", [], "Article 9"),
        (2, "legal advice on procurement", [9], "line 3", [], "Article 9"),
        (2, "model legislation", [9], "line 4", [], "Article 9"),
        (2, "training of judges", [9], "line 4", [], "Article 9")]


def test_an_article_out_of_range_is_placed_on_the_line_citing_it() -> None:
    # Not on an earlier line where the number stands for something else.
    with pytest.raises(ArticleOutOfRange) as raised:
        find_parts(text_file("• Training of 75 judges;", "• Legal advice (art. 75)."), [2], "en")
    assert raised.value.location == "line 4"


@pytest.mark.parametrize(("rows", "needs"), [
    # A sentence introducing the list, without a colon, before the list's only item is no need.
    (["Kenya identified needs in the following areas", "• Training of judges."],
     [(2, "Training of judges", [], "line 4", [], None)]),
    # An item saying there is no need, or reporting assistance received, is skipped and the list goes on.
    (["• Kenya did not identify needs under article 5.", "• Training of judges (art. 6)."],
     [(2, "Training of judges (art. 6)", [6], "line 4", [], None)]),
    (["• Kenya has already received training on asset recovery.", "• Legal advice (art. 7)."],
     [(2, "Legal advice (art. 7)", [7], "line 4", [], None)]),
    # An item ending in a colon introduces the items after it, with its articles.
    (["• In the area of article 9:", "• Training of judges.", "• Legal advice."],
     [(2, "Training of judges", [9], "line 4", [], "In the area of article 9"),
      (2, "Legal advice", [9], "line 5", [], "In the area of article 9")]),
])
def test_items_that_are_no_needs(rows: list[str], needs: list[tuple]) -> None:
    assert read(text_file(*rows)) == needs


def test_an_item_whose_colon_follows_words_of_an_intro_stays_whole_when_no_item_follows_it() -> None:
    # "regarding" may introduce a list, but with one element after the colon and no item after it the colon is
    # part of the need.
    assert read(text_file("• Training of judges (art. 11);",
                          "• Capacity-building regarding asset recovery: a case management system.")) == [
        (2, "Training of judges (art. 11)", [11], "line 3", [], None),
        (2, "Capacity-building regarding asset recovery: a case management system", [], "line 4", ["lead-in"], None)]


def test_an_intro_item_splits_at_its_colon_even_without_a_space_after_it() -> None:
    assert read(text_file("• Kenya identified the following needs:training of judges; legal advice.")) == [
        (2, "training of judges", [], "line 3", [], None), (2, "legal advice", [], "line 3", [], None)]


@pytest.mark.parametrize("paragraph", [
    "Kenya would benefit from technical assistance for the training of judges.",
    # The sentence naming the needs after a no-needs sentence of its own paragraph.
    "Kenya did not identify needs under article 5. Kenya would benefit from technical assistance for the training of "
    "judges.",
])
def test_without_a_heading_the_part_is_the_sentence_naming_the_needs(paragraph: str) -> None:
    # And nothing after it: the paragraph after it is no need.
    lines = [SourceLine(text, None, number) for number, text in enumerate([
        HEAD[0], paragraph, "", "Legal advice on the new law was also discussed."], start=1)]
    assert read(lines) == [
        (2, "Kenya would benefit from technical assistance for the training of judges", [], "line 2", [], None)]


@pytest.mark.parametrize(("paragraph", "status", "statement", "needs"), [
    # Only a no-needs sentence right after the sentence naming the needs belongs to the part ...
    ("Kenya would benefit from technical assistance, which it has already received from UNODC. No other needs were "
     "identified. The reviewers noted the new law.", "no_needs", "No other needs were identified.", []),
    # ... nothing else after it.
    ("Kenya would benefit from the following technical assistance: training of judges; legal advice. The reviewers "
     "welcomed the new code.", "needs", None, ["training of judges", "legal advice"]),
])
def test_without_a_heading_a_no_needs_sentence_right_after_the_one_naming_the_needs_is_read(
        paragraph: str, status: str, statement: str | None, needs: list[str]) -> None:
    part, = find_parts([SourceLine(text, None, number) for number, text in enumerate([HEAD[0], paragraph], start=1)],
                       [2], "en")
    assert (part.status, part.statement, [need.text for need in part.needs]) == (status, statement, needs)


def test_a_remark_before_an_intro_in_a_paragraph_is_skipped_and_the_list_read() -> None:
    assert read(text_file("It should be noted that the law is new. Kenya identified the following needs: training of "
                          "judges; legal advice.")) == [
        (2, "training of judges", [], "line 3", [], None), (2, "legal advice", [], "line 3", [], None)]


@pytest.mark.parametrize(("first", "heading"), [("Article 10:", "Article 10"),
                                                ("Kenya identified the following needs:", None)])
def test_each_article_label_or_intro_of_a_paragraph_heads_its_own_list(first: str, heading: str | None) -> None:
    articles = [10] if heading else []
    assert read(text_file(f"{first} legal advice; training of judges. Article 9: training of auditors; model "
                          "legislation.")) == [
        (2, "legal advice", articles, "line 3", [], heading),
        (2, "training of judges", articles, "line 3", [], heading),
        (2, "training of auditors", [9], "line 3", [], "Article 9"),
        (2, "model legislation", [9], "line 3", [], "Article 9")]


def test_a_paragraph_introducing_a_new_list_after_the_needs_of_a_sub_heading_ends_that_heading() -> None:
    assert read(text_file("Article 9", "• Training of auditors.", "Kenya also identified needs in the following areas",
                          "• Legal advice.")) == [
        (2, "Training of auditors", [9], "line 4", [], "Article 9"), (2, "Legal advice", [], "line 6", [], None)]


def test_an_item_introducing_more_items_under_a_sub_heading_keeps_that_heading() -> None:
    # Unlike a paragraph doing so (test_a_paragraph_introducing_a_new_list_after_the_needs_of_a_sub_heading_...).
    assert read(text_file("Article 9", "• Training of auditors.", "• Kenya also identified the following needs:",
                          "• Legal advice.")) == [
        (2, "Training of auditors", [9], "line 4", [], "Article 9"),
        (2, "Legal advice", [9], "line 6", [], "Article 9")]


@pytest.mark.parametrize(("rows", "needs"), [
    # A closing remark run on into an item is cut off after however many sentences of the need.
    (["• Training of judges. This would include the new law. The above needs were communicated to UNODC."],
     [(2, "Training of judges. This would include the new law", [], "line 3", [], None)]),
    # Two inline labels are a list, without semicolons too; one label alone is none: nothing before it is lost.
    (["• Kenya identified the following needs: (a) training of judges, (b) legal advice."],
     [(2, "training of judges", [], "line 3", [], None), (2, "legal advice", [], "line 3", [], None)]),
    (["• Legal advice on the drafting of (a) new rules on asset declarations."],
     [(2, "Legal advice on the drafting of (a) new rules on asset declarations", [], "line 3", [], None)]),
    # A sentence ends after a capital letter too.
    (["Kenya needs training on Annex X. No other needs were identified."],
     [(2, "Kenya needs training on Annex X", [], "line 3", [], None)]),
    # A paragraph introducing the list right under a sub-heading, before any need, keeps that heading.
    (["Article 9", "Kenya identified needs in the following areas", "• Training of auditors."],
     [(2, "Training of auditors", [9], "line 5", [], "Article 9")]),
])
def test_items_and_intros(rows: list[str], needs: list[tuple]) -> None:
    assert read(text_file(*rows)) == needs

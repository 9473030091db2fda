"""How the lines of a part group into items, paragraphs, article sub-headings and table rows (written from the
survivors of mutation testing of pipelines/blocks.py: group_blocks, _continues, _settle_subheadings)."""

from __future__ import annotations

import pytest

from pipelines.blocks import Block, Layout, depth_zero, successor
from pipelines.model import SourceLine
from pipelines.segment import find_parts

HEAD = ["2. Chapter II: preventive measures", "2.4. Technical assistance needs identified"]

Read = tuple[str, list[int], str, str | None]


def _needs(lines: list[SourceLine]) -> list[Read]:
    return [(need.text, need.articles, need.article_source, need.heading)
            for need in find_parts(lines, [2], "en")[0].needs]


def text_file(*rows: str) -> list[Read]:
    """Needs read from a text file's lines after the part's heading."""
    return _needs([SourceLine(text, None, number) for number, text in enumerate([*HEAD, *rows], start=1)])


def without_heading(*rows: str) -> list[Read]:
    """Needs read from a text file's lines after a sentence naming the needs, the part having no heading."""
    texts = [HEAD[0], "Kenya would benefit from the following technical assistance:", *rows]
    return _needs([SourceLine(text, None, number) for number, text in enumerate(texts, start=1)])


def wrapped(*rows: str) -> list[Read]:
    """Needs read from a text file whose lines are wrapped at about 85 characters (twenty such lines before the
    chapter), so that a short line is told from a full one."""
    fill = "Kenya has adopted a code of conduct for public officials and a law on access to info."
    return _needs([SourceLine(text, None, number) for number, text in enumerate([fill] * 20 + [*HEAD, *rows],
                                                                               start=1)])


def word(*rows: tuple[str, str]) -> list[Read]:
    """Needs read from Word paragraphs given as (kind, text) after the part's heading."""
    paragraphs = [("heading", "Chapter II: preventive measures"), ("heading", "Technical assistance needs"), *rows]
    return _needs([SourceLine(text, None, number, "paragraph", kind)
                   for number, (kind, text) in enumerate(paragraphs, start=1)])


def test_a_table_of_needs_gives_each_need_the_articles_of_its_row() -> None:
    # A Word table's cells come as paragraphs, row by row: the article cell heads the need in the next cell.
    assert word(("", "Article(s)"), ("", "Technical assistance needed"), ("", "5"),
                ("", "Legal advice on the anti-corruption strategy"), ("", "9 and 10"),
                ("", "Training of procurement officers")) == [
        ("Legal advice on the anti-corruption strategy", [5], "heading", "5"),
        ("Training of procurement officers", [9, 10], "heading", "9 and 10")]


def test_article_numbers_alone_on_a_line_outside_a_table_end_the_line_before() -> None:
    # Without a table header, "15 and 16" on its own line is the end of a wrapped citation, not a row's article cell.
    assert text_file("• Legal advice on articles", "15 and 16", "• Training of judges.") == [
        ("Legal advice on articles 15 and 16", [15, 16], "cited", None), ("Training of judges", [], "none", None)]


def test_a_number_alone_after_an_unfinished_line_is_the_next_items_marker() -> None:
    # A line without a stop that ends on a content word does not lead on into "2.": the number opens an item.
    assert text_file("1.", "Training of judges", "2.", "Legal advice.") == [
        ("Training of judges", [], "none", None), ("Legal advice", [], "none", None)]


def test_a_number_alone_after_a_citation_word_ends_it_even_with_spaces_after_the_word() -> None:
    # Text files keep the spaces at a line's end.
    assert text_file("• Legal advice under arts. ", "5.", "• Training of judges.") == [
        ("Legal advice under arts. 5", [5], "cited", None), ("Training of judges", [], "none", None)]


@pytest.mark.parametrize("spaces", ["", "  "])
def test_a_number_alone_after_no_is_the_end_of_the_number(spaces: str) -> None:
    # "Decree No." + "12." is one number cut by the line end, not an item "12." with no text.
    assert text_file(f"• Legal advice on the amendment of Decree No.{spaces}", "12.", "• Training of judges.") == [
        ("Legal advice on the amendment of Decree No. 12", [], "none", None), ("Training of judges", [], "none", None)]


def test_numbers_alone_open_the_items_of_a_list_under_a_sentence_without_heading() -> None:
    # Without a heading the part is the sentence naming the needs and the items under it: the numbers alone on
    # their lines open items, so the list is read to its end and the paragraph after it is not.
    lines = [SourceLine(text, None, number) for number, text in enumerate([
        HEAD[0], "Kenya would benefit from the following technical assistance:", "1.", "Training of auditors (art. 9);",
        "2.", "Legal advice on conflicts of interest (art. 7).",
        "The reviewers welcomed the adoption of a code of conduct."], start=1)]
    assert _needs(lines) == [("Training of auditors (art. 9)", [9], "cited", None),
                             ("Legal advice on conflicts of interest (art. 7)", [7], "cited", None)]


def test_a_label_after_an_open_citation_goes_on_it_and_a_bullet_after_a_citation_word_starts_an_item() -> None:
    # "para." + "1)": the number ends the citation, it opens no item.
    assert text_file("• Training of judges (art. 11, para.", "1) and legal advice (art. 7).") == [
        ("Training of judges (art. 11, para. 1) and legal advice (art. 7)", [7, 11], "cited", None)]
    # A bullet's glyph starts an item wherever it stands.
    assert text_file("• Training of judges on the Convention's articles", "• Legal advice on asset declarations.") == [
        ("Training of judges on the Convention's articles", [], "none", None),
        ("Legal advice on asset declarations", [], "none", None)]


@pytest.mark.parametrize(("rows", "needs"), [
    # Under an article sub-heading, numbering running on from an earlier list opens an item.
    (["Article 9", "5. Training of auditors."], [("Training of auditors", [9], "heading", "Article 9")]),
    # So it does after a blank line, and after a line ended by a stop, spaces after the stop included.
    (["• Training of judges", "", "5. Legal advice."],
     [("Training of judges", [], "none", None), ("Legal advice", [], "none", None)]),
    (["• Training of judges.  ", "5. Legal advice."],
     [("Training of judges", [], "none", None), ("Legal advice", [], "none", None)]),
])
def test_any_label_opens_an_item_where_the_text_before_it_is_complete(rows: list[str], needs: list[Read]) -> None:
    # Without a heading the part ends at the first paragraph after the sentence naming the needs: an item misread
    # as a paragraph would end it.
    assert without_heading(*rows) == needs


@pytest.mark.parametrize(("rows", "needs"), [
    # An item that is only an article citation is a sub-heading over the items under it, with or without a colon
    # or a dash, and with a title before its colon; its glyph is no part of the heading.
    (["• Article 9", "◦ Training of auditors."], [("Training of auditors", [9], "heading", "Article 9")]),
    (["• Article 9:", "◦ Training of auditors."], [("Training of auditors", [9], "heading", "Article 9")]),
    (["• Article 9 –", "◦ Training of auditors."], [("Training of auditors", [9], "heading", "Article 9 –")]),
    (["• Articles 5 and 6 (prevention):", "◦ Training of auditors."],
     [("Training of auditors", [5, 6], "heading", "Articles 5 and 6 (prevention)")]),
    # A lettered one keeps its letter in the heading.
    (["(a) Article 9:", "(i) Training of auditors;", "(ii) legal advice."],
     [("Training of auditors", [9], "heading", "(a) Article 9"), ("legal advice", [9], "heading", "(a) Article 9")]),
    (["(a) Article 9 (public procurement):", "(i) Training of auditors."],
     [("Training of auditors", [9], "heading", "(a) Article 9 (public procurement)")]),
])
def test_an_item_citing_only_articles_heads_the_items_under_it(rows: list[str], needs: list[Read]) -> None:
    assert text_file(*rows) == needs


def test_a_sub_heading_runs_on_only_onto_a_line_of_its_own_paragraph() -> None:
    # A wrapped sub-heading carries on over a line starting in lower case ("eProcurement" too).
    assert text_file("Article 9 (procurement systems", "eProcurement platforms):", "• Training of auditors.") == [
        ("Training of auditors", [9], "heading", "Article 9 (procurement systems eProcurement platforms)")]
    # Not over a blank line, nor onto the next Word paragraph: that is the need under it.
    assert text_file("Article 9", "", "training of auditors.") == [
        ("training of auditors", [9], "heading", "Article 9")]
    assert word(("", "Article 9"), ("", "training of auditors for the new procurement law")) == [
        ("training of auditors for the new procurement law", [9], "heading", "Article 9")]


def test_a_line_in_lower_case_runs_on_only_where_lines_are_wrapped() -> None:
    # A text file with one paragraph per line (long lines) and Word paragraphs never run on into the next.
    paragraphs = [
        "Kenya would benefit from technical assistance for the training of judges and prosecutors on the new "
        "anti-corruption law (art. 11).",
        "legal advice on the drafting of the regulations implementing the law on the declaration of assets by public "
        "officials (art. 8).",
        "Model legislation on conflicts of interest of public officials, including in the procurement sector and in "
        "the judiciary (art. 7)."]
    assert [text for text, *_ in text_file(*paragraphs)] == [text.removesuffix(".") for text in paragraphs]
    assert word(("", "Training of judges on the new law"), ("", "legal advice (art. 7)")) == [
        ("Training of judges on the new law", [], "none", None), ("legal advice (art. 7)", [7], "cited", None)]


def test_an_article_label_with_its_text_runs_on_after_a_word_that_leads_on_spaces_after_it_included() -> None:
    assert text_file("Article 20: legal advice for the  ", "Ministry of Justice; a database.") == [
        ("legal advice for the Ministry of Justice", [20], "heading", "Article 20"),
        ("a database", [20], "heading", "Article 20")]


def test_an_item_ended_by_a_stop_takes_no_line_in_capitals_after_it() -> None:
    # Even after a citation word: "arts." ends the item.
    assert text_file("• Legal advice under arts.", "Training of judges.") == [
        ("Legal advice under arts", [], "none", None), ("Training of judges", [], "none", None)]


def test_a_short_line_ends_its_paragraph_where_lines_are_wrapped() -> None:
    assert wrapped("Legal advice on the new law",
                   "Training of judges on the code of conduct and on the law on access to information.") == [
        ("Legal advice on the new law", [], "none", None),
        ("Training of judges on the code of conduct and on the law on access to information", [], "none", None)]


def test_a_line_in_capitals_after_a_semicolon_and_spaces_starts_a_new_paragraph() -> None:
    # So the remark after the list is no element of it.
    assert text_file("Kenya needs training of judges; legal advice;  ", "It should be noted that the law is new.") == [
        ("Kenya needs training of judges", [], "none", None), ("legal advice", [], "none", None)]


@pytest.mark.parametrize(("rows", "needs"), [
    # A paragraph's full line without a stop runs on, even into a capital.
    (["Kenya would benefit from training of judges on the code of conduct",
      "Ministry officials would also need training."],
     ["Kenya would benefit from training of judges on the code of conduct Ministry officials would also need "
      "training"]),
    # Not after a stop (spaces after it included) ...
    (["Kenya would benefit from training of judges on the new code.  ", "Legal advice on the new law."],
     ["Kenya would benefit from training of judges on the new code", "Legal advice on the new law"]),
    # ... and an item's line only when it is as long as most lines.
    (["• Training of judges and prosecutors on the new code of conduct", "Legal advice on the new law."],
     ["Training of judges and prosecutors on the new code of conduct", "Legal advice on the new law"]),
])
def test_a_full_line_without_a_stop_runs_on_where_lines_are_wrapped(rows: list[str], needs: list[str]) -> None:
    assert [text for text, *_ in wrapped(*rows)] == needs


def test_an_item_runs_on_into_capitals_after_a_word_that_leads_on_spaces_after_it_included() -> None:
    assert text_file("• Training of staff of the  ", "Ministry of Justice.") == [
        ("Training of staff of the Ministry of Justice", [], "none", None)]


def test_a_title_citing_an_article_with_no_item_under_it_is_a_paragraph_flagged_after_the_items() -> None:
    lines = [SourceLine(text, None, number) for number, text in enumerate(
        [*HEAD, "• Training of judges.", "Public procurement (art. 9)"], start=1)]
    assert [(need.text, need.flags) for need in find_parts(lines, [2], "en")[0].needs] == [
        ("Training of judges", []), ("Public procurement (art. 9)", ["stray"])]


@pytest.mark.parametrize(("first", "needs"), [
    # A bare article sub-heading with nothing under it is no need ...
    ("Article 9 –", []),
    # ... one with a title is.
    ("Article 9 (procurement)", [("Article 9 (procurement)", [9], "cited", None)]),
])
def test_an_article_sub_heading_right_before_another_is_a_need_only_with_a_title(first: str, needs: list[Read]) -> None:
    assert text_file(first, "Article 10:", "• Training of auditors.") == [
        *needs, ("Training of auditors", [10], "heading", "Article 10")]


def test_a_sub_heading_with_a_title_wrapped_without_a_stop_stays_the_heading_of_its_items() -> None:
    # Only a wrapped lead-in ending like a sentence ("...; a database.") is read as a paragraph.
    assert text_file("Article 20 – Prevention and the", "Judiciary", "• Training of auditors.") == [
        ("Training of auditors", [20], "heading", "Article 20 – Prevention and the Judiciary")]


def test_a_wrapped_lead_in_ending_like_a_sentence_is_a_paragraph_of_needs_under_its_label() -> None:
    # Ended by a semicolon as well as by a full stop.
    assert text_file("Article 31: capacity-building for the Agency for the", "Seized Assets; a database;",
                     "• Training of auditors.") == [
        ("capacity-building for the Agency for the Seized Assets", [31], "heading", "Article 31"),
        ("a database", [31], "heading", "Article 31"), ("Training of auditors", [], "none", None)]
    # After the items of a list it is flagged as such.
    lines = [SourceLine(text, None, number) for number, text in enumerate(
        [*HEAD, "• Training of judges.", "Article 31: capacity-building for the Agency for the",
         "Seized Assets; a database."], start=1)]
    assert [(need.text, need.flags) for need in find_parts(lines, [2], "en")[0].needs] == [
        ("Training of judges", ["no-article"]), ("capacity-building for the Agency for the Seized Assets", ["stray"]),
        ("a database", ["short", "stray"])]


def test_an_article_title_closing_a_list_is_one_of_its_items() -> None:
    # Without a heading the part ends at the first paragraph after the list: the title is read as an item.
    assert without_heading("• Training of judges.", "Article 9 (procurement)") == [
        ("Training of judges", [], "none", None), ("Article 9 (procurement)", [9], "cited", None)]


def test_a_sub_heading_wrapped_inside_its_brackets_runs_on_into_capitals() -> None:
    assert text_file("Article 9 (Public Procurement and", "Financial Management)", "• Training of auditors.") == [
        ("Training of auditors", [9], "heading", "Article 9 (Public Procurement and Financial Management)")]


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]


@pytest.mark.parametrize(("previous", "label", "follows"), [
    ("1", "2", True), ("9", "10", True), ("1", "3", False), ("2", "1", False), ("a", "2", False), ("1", "b", False),
    ("a", "b", True), ("h", "i", True), ("a", "c", False), ("b", "a", False),
    # Roman numerals up to xiii, each after the one before only.
    *[(before, after, True) for before, after in zip(_ROMANS, _ROMANS[1:], strict=False)],
    ("i", "iii", False), ("ii", "i", False), ("ix", "xi", False), ("ii", "b", False),
    # A roman "i" or "v" is also a letter.
    ("i", "j", True), ("v", "w", True),
])
def test_which_label_follows_which(previous: str, label: str, follows: bool) -> None:
    assert successor(previous, label) is follows


def test_the_lines_holding_a_stretch_of_a_blocks_text() -> None:
    # Text "Training of judges of the Supreme Court": the pieces start at 0, 12 and 26, one space between them.
    lines = [SourceLine(text, 3, number) for number, text in enumerate(["Training of", "judges of the",
                                                                         "Supreme Court"], start=1)]
    block = Block("item", lines, [line.text for line in lines])
    assert block.lines_between(0, 11) == lines[:1]
    assert block.lines_between(12, 25) == lines[1:2]
    assert block.lines_between(9, 18) == block.lines_between(10, 18) == lines[:2]
    assert block.lines_between(2, 39) == lines
    # Beyond the text: the last line.
    assert block.lines_between(60, 70) == lines[2:]
    assert [block.line_at(offset) for offset in (0, 10, 11, 12, 25, 26, 38, 60)] == [
        lines[0], lines[0], lines[0], lines[1], lines[1], lines[2], lines[2], lines[2]]


@pytest.mark.parametrize(("text", "positions"), [
    ("a; b; c", [1, 4]),
    # Not inside brackets, nested ones too, round or square; a capital X is a letter like any other.
    ("(b; (c) d; e); f", [13]),
    ("[a; b]; c", [6]),
    ("Annex X; b", [7]),
    ("(Annex X; b); c", [12]),
])
def test_semicolons_outside_brackets(text: str, positions: list[int]) -> None:
    assert depth_zero(text, ";") == positions


@pytest.mark.parametrize("heading", ["Article 9 –", "Article 9 (public procurement) –"])
def test_a_sub_heading_without_its_own_text_or_an_open_bracket_does_not_run_on_into_capitals(heading: str) -> None:
    # Even after a dash, which leads on inside a sentence.
    assert text_file(heading, "Training of auditors.") == [("Training of auditors", [9], "heading", heading)]


def test_the_layout_of_a_document() -> None:
    def lines(count: int, length: int, unit: str = "line") -> list[SourceLine]:
        return [SourceLine("x" * length, None, number, unit) for number in range(1, count + 1)]

    # A text file whose median line is longer than 110 characters has one paragraph per line.
    assert Layout.of(lines(5, 111)).per_line and not Layout.of(lines(5, 110)).per_line
    # The usual width is known from 20 lines on; blank lines do not count.
    assert Layout.of(lines(20, 80)) == Layout(False, 80)
    assert Layout.of(lines(19, 80) + [SourceLine("", None, 20)]) == Layout(False, 0)
    # Word paragraphs are not lines.
    assert Layout.of(lines(25, 150, "paragraph")) == Layout()

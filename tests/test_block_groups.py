"""How the lines of a part group into items, paragraphs, article sub-headings and table rows (written from the
survivors of mutation testing of pipelines/blocks.py: group_blocks, _continues, _settle_subheadings)."""

from __future__ import annotations

import pytest

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

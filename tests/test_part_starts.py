"""Where a technical-assistance part starts, what it holds when it has no list, and chapters found without headings
(written from the survivors of mutation testing of pipelines/segment.py)."""

from __future__ import annotations

from pipelines.model import ChapterPart, SourceLine
from pipelines.segment import find_parts


def lines_of(texts: list[str], page: int | None = None, unit: str = "line") -> list[SourceLine]:
    return [SourceLine(text, page, number, unit) for number, text in enumerate(texts, start=1)]


def needs_of(part: ChapterPart) -> list[tuple[str, list[int]]]:
    return [(need.text, need.articles) for need in part.needs]


def test_a_sentence_naming_the_needs_mid_paragraph_starts_the_part_at_the_paragraph() -> None:
    # The article named at the start of the paragraph heads the needs listed after the colon.
    part, = find_parts(lines_of([
        "3. Chapter V: asset recovery",
        "In respect of article 57, Kenya indicated that it would benefit from",
        "the following technical assistance: legal advice on asset-sharing; model agreements.",
    ]), [5], "en")
    assert needs_of(part) == [("legal advice on asset-sharing", [57]), ("model agreements", [57])]
    assert part.location == "line 2"
    # Further down, after a blank line: the walk back stops at the blank, not before.
    part, = find_parts(lines_of([
        "3. Chapter V: asset recovery", "Kenya has adopted a law on mutual legal assistance.", "",
        "In respect of article 57, Kenya indicated that it would benefit from",
        "the following technical assistance: legal advice on asset-sharing; model agreements.",
    ]), [5], "en")
    assert needs_of(part) == [("legal advice on asset-sharing", [57]), ("model agreements", [57])]
    assert part.location == "line 4"


def test_the_paragraph_start_stops_at_a_stop_a_blank_line_or_a_word_paragraph() -> None:
    before = ["3. Chapter V: asset recovery", "Kenya has adopted a law on article 57. ",
              "Kenya would benefit from the following technical assistance: legal advice on",
              "asset-sharing; model agreements."]
    for lines in (lines_of(before), lines_of([*before[:2], "", *before[2:]]),
                  lines_of(["3. Chapter V: asset recovery", "Kenya has adopted a law on article 57",
                            "Kenya would benefit from the following technical assistance: legal advice on "
                            "asset-sharing; model agreements."], unit="paragraph")):
        part, = find_parts(lines, [5], "en")
        assert needs_of(part) == [("legal advice on asset-sharing", []), ("model agreements", [])]


def test_a_sentence_on_technical_assistance_that_names_no_need_opens_no_part() -> None:
    part, = find_parts(lines_of([
        "2. Chapter II: preventive measures",
        "Kenya cooperates with UNODC on technical assistance for its judges.",
    ]), [2], "en")
    assert part.status == "no_section"


def test_a_no_needs_sentence_without_heading_is_the_parts_statement_with_its_line() -> None:
    part, = find_parts(lines_of([
        "2. Chapter II: preventive measures",
        "Kenya has adopted a code of conduct.",
        "Kenya did not indicate that technical assistance was",
        "required for the implementation of the chapter.",
    ], page=4), [2], "en")
    assert (part.status, part.location) == ("no_needs", "page 4, line 3")
    assert part.statement == ("Kenya did not indicate that technical assistance was required for the implementation "
                              "of the chapter.")


def test_a_no_needs_sentence_right_after_the_chapter_heading_belongs_to_that_chapter_only() -> None:
    two, five = find_parts(lines_of([
        "2. Chapter II: preventive measures",
        "No technical assistance was required in this area.",
        "3. Chapter V: asset recovery",
        "Kenya has adopted a law on the return of assets.",
    ]), [2, 5], "en")
    assert (two.chapter, two.status, two.statement, two.location) == (
        2, "no_needs", "No technical assistance was required in this area.", "line 2")
    assert five.status == "no_section"


def test_a_sentence_about_the_needs_without_heading_and_without_needs_is_no_part() -> None:
    part, = find_parts(lines_of(["2. Chapter II: preventive measures",
                                 "The technical assistance needs were communicated to UNODC."]), [2], "en")
    assert part.status == "no_section"


def test_a_heading_with_nothing_under_it_is_a_part_without_needs() -> None:
    two, five = find_parts(lines_of([
        "2. Chapter II: preventive measures",
        "2.4. Technical assistance needs identified",
        "3. Chapter V: asset recovery",
        "Technical assistance needs identified",
        "Kenya did not identify any technical assistance needs under chapter V.",
    ], page=2), [2, 5], "en")
    assert (two.status, two.statement, two.location, two.needs) == ("no_needs", None, "page 2, line 2", [])
    assert (five.status, five.location) == ("no_needs", "page 2, line 4")


def test_a_qualifier_or_a_wrapped_heading_line_is_no_need() -> None:
    for heading in (["Technical assistance needs", "identified"],
                    ["Technical assistance needs identified to improve the implementation of the",
                     "Convention against Corruption (UNCAC)"],
                    ["Technical assistance needs identified in relation to", "a number of articles"]):
        part, = find_parts(lines_of(["2. Chapter II: preventive measures", "Kenya has a code of conduct.", *heading,
                                     "• Training of auditors (art. 9).", "• Legal advice (art. 7)."]), [2], "en")
        assert needs_of(part) == [("Training of auditors (art. 9)", [9]), ("Legal advice (art. 7)", [7])]


def test_a_wrapped_heading_ending_the_document_reads_as_no_needs() -> None:
    part, = find_parts(lines_of(["2. Chapter II: preventive measures",
                                 "Technical assistance needs identified for the"]), [2], "en")
    assert (part.status, part.needs) == ("no_needs", [])


def test_needs_on_the_heading_line_keep_its_page_and_line() -> None:
    lines = [SourceLine("2. Chapter II: preventive measures", 3, 4),
             SourceLine("Technical assistance needs: training of judges (art. 11)", 3, 5)]
    need, = find_parts(lines, [2], "en")[0].needs
    assert (need.text, need.page, need.paragraph, need.location) == ("training of judges (art. 11)", 3, 5,
                                                                     "page 3, line 5")
    word = [SourceLine("Chapter II: preventive measures", None, 1, "paragraph", "heading"),
            SourceLine("Technical assistance needs: training of judges (art. 11)", None, 2, "paragraph", "heading")]
    assert find_parts(word, [2], "en")[0].needs[0].location == "paragraph 2"


def test_a_sentence_without_heading_takes_its_list_and_nothing_after() -> None:
    part, = find_parts(lines_of([
        "2. Chapter II: preventive measures",
        "Kenya would benefit from the following technical assistance:",
        "• Training of auditors (art. 9);",
        "• Legal advice on conflicts of interest (art. 7).",
        "The reviewers welcomed the adoption of a code of conduct for public officials.",
    ]), [2], "en")
    assert needs_of(part) == [("Training of auditors (art. 9)", [9]),
                              ("Legal advice on conflicts of interest (art. 7)", [7])]


def test_every_chapter_of_a_four_chapter_summary_has_its_own_part() -> None:
    texts = []
    for number, numeral, title, need in ((2, "II", "Preventive measures", "Training of auditors (art. 9)."),
                                         (3, "III", "Criminalization", "Legal advice on bribery (art. 15)."),
                                         (4, "IV", "International cooperation", "Training on extradition (art. 44)."),
                                         (5, "V", "Asset recovery", "Model agreements (art. 57).")):
        texts += [f"{number}. Chapter {numeral}: {title}", "Technical assistance needs identified", f"• {need}"]
    parts = find_parts(lines_of(texts), [2, 3, 4, 5], "en")
    assert [needs_of(part) for part in parts] == [[("Training of auditors (art. 9)", [9])],
                                                  [("Legal advice on bribery (art. 15)", [15])],
                                                  [("Training on extradition (art. 44)", [44])],
                                                  [("Model agreements (art. 57)", [57])]]


def test_without_chapter_headings_the_parts_pair_with_the_chapters_in_order() -> None:
    texts = ["Executive summary", "Technical assistance needs identified", "• Training of auditors of the supreme",
             "audit institution (art. 9).", "Technical assistance needs identified", "• Model agreements (art. 57)."]
    two, five = find_parts(lines_of(texts), [2, 5], "en")
    assert (two.chapter, needs_of(two)) == (2, [("Training of auditors of the supreme audit institution (art. 9)",
                                                 [9])])
    assert (five.chapter, needs_of(five), five.location) == (5, [("Model agreements (art. 57)", [57])], "line 5")
    # With more or fewer headings than chapters, nothing can be paired.
    assert [part.status for part in find_parts(lines_of(texts[:4]), [2, 5], "en")] == ["no_section", "no_section"]
    # A heading with nothing under it still pairs, as a part without needs.
    empty = find_parts(lines_of([*texts[:4], "Technical assistance needs identified"]), [2, 5], "en")
    assert [(part.chapter, part.status) for part in empty] == [(2, "needs"), (5, "no_needs")]


def test_a_table_of_contents_listing_the_heading_does_not_hide_the_needs() -> None:
    # The contents give chapter II a part of its own (a heading with nothing under it); the body's part has the needs.
    two, five = find_parts(lines_of([
        "Contents",
        "2. Chapter II: preventive measures ........ 2",
        "2.4. Technical assistance needs identified ........ 3",
        "3. Chapter V: asset recovery ........ 4",
        "2. Chapter II: preventive measures",
        "2.4. Technical assistance needs identified",
        "• Training of auditors (art. 9).",
        "3. Chapter V: asset recovery",
        "3.4. Technical assistance needs identified",
        "Kenya did not identify any technical assistance needs under chapter V.",
    ]), [2, 5], "en")
    assert (two.status, needs_of(two), two.location) == ("needs", [("Training of auditors (art. 9)", [9])], "line 6")
    assert five.status == "no_needs" and five.statement.startswith("Kenya did not identify")

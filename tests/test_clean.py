"""Cleaning: page furniture and footnotes go, words broken at line ends come back, provenance stays."""

from __future__ import annotations

from pipelines.clean import clean
from pipelines.extract import extract
from pipelines.model import ExtractedText, SourceLine
from tests.fixtures.extract.builders import Page, make_pdf
from tests.test_extract import SYMBOL, summary_pages


def text_lines(text: str) -> ExtractedText:
    """An extracted text file, one SourceLine per line as extract() numbers them."""
    return ExtractedText("txt", [SourceLine(line, None, n) for n, line in enumerate(text.split("\n"), start=1)])


def cleaned(text: str) -> list[str]:
    return [line.text for line in clean(text_lines(text))]


def test_pdf_summary_cleaned_with_provenance(tmp_path):
    lines = clean(extract(make_pdf(tmp_path / "s.pdf", summary_pages())))
    assert [(line.page, line.number, line.text) for line in lines] == [
        (1, 2, "Technical assistance needs"),
        (1, 3, ""),
        (1, 3, "The State needs training for investigators and capacity-building programmes."),
        (2, 2, ""),
        (2, 2, "Legal advice (art. 20)."),
    ]


def test_pasted_pdf_text_without_form_feeds():
    text = "\n".join([
        "1. The reviewers noted that the asset-",
        "declaration system needs investi-",
        "gators.1 The State requested:",
        "  •\tTraining for judges;",
        " - Legal advice (art. 20);",
        "o\tModel legislation",
        "(a) Assistance in 2019 under para. 9 and article 15;",
        "__________________ ",
        "",
        " 1  Available at www.unodc.org/unodc/en/",
        "treaties/CAC/index.html.",
        " 2  See CAC/COSP/IRG/2019/5.",
        "",
        "V.19-01234 3/9",
        "*1901234*",
        " CAC/COSP/IRG/II/3/1/Add.12",
        "",
        "3",
        "",
        "continued text with ﬁnancial\u00a0staﬀ,\u2009one\u00adtwo and “quotes”.  ",
        "Page 4",
        "- 5 -",
        "12/15",
        "V.22-01234 (F)    *2201234*",
    ])
    assert cleaned(text) == [
        "1. The reviewers noted that the asset-declaration system needs investigators. The State requested:",
        "• Training for judges;",
        "• Legal advice (art. 20);",
        "• Model legislation",
        "(a) Assistance in 2019 under para. 9 and article 15;",
        "",
        "continued text with financial staff, onetwo and “quotes”.",
    ]


def test_provenance_of_joined_and_kept_lines():
    text = "Capacity-building for investi-\ngators of the anti-\ncorruption agency\n\n\nLegal advice"
    lines = clean(text_lines(text))
    assert [(line.number, line.text) for line in lines] == [
        (1, "Capacity-building for investigators of the anti-corruption agency"),
        (6, ""),
        (6, "Legal advice"),
    ]


def test_dehyphenation_follows_the_document_words():
    text = "\n".join([
        "The cross-border cooperation and the policy-making process need",
        "strengthening of cross-",
        "border investigations, of policy-",
        "making, of trans-",
        "national crime and of self-",
        "assessment by non-",
        "State actors; an e-",
        "procurement system; investi-",
        "gation capacity for investigation of the pro-",
        "grammes; reform of the trans-",
        "national rules and transnational cases.",
    ])
    assert cleaned(text) == [
        "The cross-border cooperation and the policy-making process need",
        "strengthening of cross-border investigations, of policy-making, of transnational crime and of "
        "self-assessment by non-State actors; an e-procurement system; investigation capacity for investigation "
        "of the programmes; reform of the transnational rules and transnational cases.",
    ]


def test_footnote_marks_removed_but_numbers_kept():
    text = "\n".join([
        "Training programmes.1 Kosovo2) and the staff 3 of the unit, article 3 of the Convention,",
        "in 2019, para. 9, CAC/COSP/IRG/II/3/1/Add.12, 2.5 per cent, 15 June 2019 and the G20.",
        "1. First item; “capacity”.³ (a) lettered",
        "__________",
        "1 See annex.",
        "2 See CAC/COSP/2013/4.",
        "3 Ibid.",
    ])
    assert cleaned(text) == [
        "Training programmes. Kosovo) and the staff of the unit, article 3 of the Convention,",
        "in 2019, para. 9, CAC/COSP/IRG/II/3/1/Add.12, 2.5 per cent, 15 June 2019 and the G20.",
        "1. First item; “capacity”. (a) lettered",
    ]


def test_spaced_marks_kept_when_no_footnote_has_that_number():
    assert cleaned("the staff 3 of the unit") == ["the staff 3 of the unit"]


def test_footnote_block_ends_where_the_body_resumes():
    text = "\n".join([
        "systematized in",
        "__________________",
        "",
        " 1  Responses submitted after that deadline could not be",
        "reflected (www.unodc.org/working-group4.html).",
        " accordance with its requirements.",
        "__________________",
        " two intersessional meetings, within existing resources.",
    ])
    assert cleaned(text) == [
        "systematized in",
        "accordance with its requirements.",
        "two intersessional meetings, within existing resources.",
    ]


def test_running_headers_repeated_on_pages_are_dropped(tmp_path):
    def body(p: int) -> list[str]:
        return [f"Line {n} of page {p} about capacity-building for judges." for n in range(1, 5)]

    pages = [Page(header=f"Ruritania {p}", body=body(p), footer="- draft -") for p in range(1, 5)]
    pages[1].body[2] = "Ruritania 2"
    lines = clean(extract(make_pdf(tmp_path / "r.pdf", pages)))
    expected = [line for p in range(1, 5) for line in body(p)]
    expected[6] = "Ruritania 2"
    assert [line.text for line in lines if line.text] == expected


def test_form_feed_pages_of_a_text_file():
    page = "Ruritania (E)\n\nThe needs of page {p} include training of judges.\nMore text.\nLast line {p}.\n\n{p}"
    text = "\f".join(page.format(p=p) for p in range(1, 5))
    assert [line for line in cleaned(text) if line] == [
        line for p in range(1, 5)
        for line in (f"The needs of page {p} include training of judges.", "More text.", f"Last line {p}.")
    ]


def test_repeated_header_next_to_job_numbers_in_pasted_text():
    chunk = "Body text of part {p} goes on\n\nV.19-0123{p} {p}\n\nRuritania\n\nand continues here.\n"
    text = "".join(chunk.format(p=p) for p in range(1, 4)) + "Ruritania asked for training."
    assert [line for line in cleaned(text) if line] == [
        "Body text of part 1 goes on", "and continues here.",
        "Body text of part 2 goes on", "and continues here.",
        "Body text of part 3 goes on", "and continues here.",
        "Ruritania asked for training.",
    ]


def test_docx_lines_normalised_and_pasted_furniture_dropped():
    lines = [
        SourceLine("Technical assistance needs", None, 1, "paragraph", "heading"),
        SourceLine("", None, 2, "paragraph"),
        SourceLine("Training of\u00a0judges\u00ad", None, 3, "paragraph", "bullet"),
        SourceLine("3", None, 4, "paragraph"),
        SourceLine("V.19-01234", None, 5, "paragraph"),
    ]
    out = clean(ExtractedText("docx", lines))
    assert [(line.number, line.text, line.kind) for line in out] == [
        (1, "Technical assistance needs", "heading"),
        (3, "Training of judges", "bullet"),
        (4, "3", ""),
    ]


def test_no_blank_lines_at_ends_or_twice():
    assert cleaned("\n\n\nOne\n\n\n\nTwo\n\n") == ["One", "", "Two"]
    assert SYMBOL not in cleaned(f"{SYMBOL}\nText")


def test_docx_footnotes_and_marks_removed():
    lines = [
        SourceLine("Ratified in 2010.¹ Training of 12 judges.", None, 1, "paragraph"),
        SourceLine("1 Act No. 79 of 2006.", None, 2, "paragraph", "footnote"),
        SourceLine("Capacity-building (art. 11).", None, 3, "paragraph", "bullet"),
    ]
    assert [(line.number, line.text) for line in clean(ExtractedText("docx", lines))] == [
        (1, "Ratified in 2010. Training of 12 judges."),
        (3, "Capacity-building (art. 11)."),
    ]


def test_docx_pasted_separator_and_footnote_paragraph():
    lines = [
        SourceLine("Support for research (art. 9).", None, 1, "paragraph", "bullet"),
        SourceLine("CAC/COSP/IRG/II/3/1/Add.7", None, 2, "paragraph"),
        SourceLine("2/4    V.21-02456", None, 3, "paragraph"),
        SourceLine("__________________ 1 The country visit was conducted virtually.", None, 4, "paragraph"),
        SourceLine("The visit1 took place in 2020.", None, 5, "paragraph"),
    ]
    assert [line.text for line in clean(ExtractedText("docx", lines))] == [
        "Support for research (art. 9).",
        "The visit took place in 2020.",
    ]


def test_docx_made_from_a_pdf_rejoins_a_sentence_cut_by_the_page_break():
    lines = [
        SourceLine("• Training of staff on the investigation of", None, 1, "paragraph", "bullet"),
        SourceLine("__________________", None, 2, "paragraph"),
        SourceLine("² Established by the Office of the Special Prosecutor Act, 2017 (Act 959).", None, 3, "paragraph"),
        SourceLine("V.21-04567    3/9", None, 4, "paragraph"),
        SourceLine("CAC/COSP/IRG/II/2/1/Add.14", None, 5, "paragraph"),
        SourceLine("procurement-related corruption (arts. 9 and 30);", None, 6, "paragraph"),
        SourceLine("CAC/COSP/IRG/II/2/1/Add.14", None, 7, "paragraph"),
        SourceLine("Capacity-building for the Audit Service (art. 9).", None, 8, "paragraph"),
        SourceLine("the next sentence starts in lower case but follows a full stop.", None, 9, "paragraph"),
    ]
    assert [line.text for line in clean(ExtractedText("docx", lines))] == [
        "• Training of staff on the investigation of procurement-related corruption (arts. 9 and 30);",
        "Capacity-building for the Audit Service (art. 9).",
        "the next sentence starts in lower case but follows a full stop.",
    ]


def test_separator_sharing_a_line_with_body_or_footnote():
    text = "- Research on procurement data\n(art. 9). ______________ 1 The country visit was\nvirtual.\n\n3. Chapter V"
    assert cleaned(text) == ["• Research on procurement data", "(art. 9).", "", "3. Chapter V"]


def test_a_marker_alone_on_its_line_stays_for_the_item_that_follows():
    assert cleaned("Needs:\n-\n  Training of judges;\n  •\nLegal advice.") == [
        "Needs:", "•", "Training of judges;", "•", "Legal advice."]


def test_footnote_without_a_rule_above_the_footer_goes_and_the_break_is_remembered():
    text = "\n".join([
        "• Training of staff of the asset recovery office on the management",
        "",
        "4 The office was set up in 2019 by the Proceeds of Crime Act.",
        "",
        "2/3",
        "V.22-01234",
        "",
        "CAC/COSP/IRG/II/3/1/Add.7",
        "",
        "of seized property (art. 31);",
        "• Legal advice on confiscation under article",
        "",
        "46 of the Convention (art. 46).",
    ])
    lines = [line for line in clean(text_lines(text)) if line.text]
    assert [line.text for line in lines] == [
        "• Training of staff of the asset recovery office on the management", "of seized property (art. 31);",
        "• Legal advice on confiscation under article", "46 of the Convention (art. 46)."]
    assert lines[1].doubts == ("page-break",) and lines[0].doubts == () and lines[3].doubts == ()


def test_a_numbered_line_followed_by_body_text_is_no_footnote():
    text = "\n".join([
        "• Legal advice on extradition (art. 44).",
        "1 The country visit took place in May.",
        "3. Chapter V: Asset recovery",
        "V.22-01234",
    ])
    assert "1 The country visit took place in May." in cleaned(text)

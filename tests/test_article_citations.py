"""Article citations at their edges: ranges at and past the widest run, a list after a range, the quoted snippet."""

from __future__ import annotations

import pytest

from pipelines.articles import MAX_HEADING_WORDS, MAX_RANGE, ArticleOutOfRange, cited_articles, heading_articles


@pytest.mark.parametrize(("text", "expected"), [
    (f"arts. 5 to {5 + MAX_RANGE}", list(range(5, 6 + MAX_RANGE))),  # the widest run still read as a run
    (f"arts. 5-{6 + MAX_RANGE}", [5, 6 + MAX_RANGE]),  # wider: two articles, not a run
    ("arts. 7-5", [5, 7]),  # backwards: two articles
    ("arts. 5-7 and 9", [5, 6, 7, 9]),  # a list goes on after a range
    ("art. 46, para. 9, and art. 48", [46, 48]),
])
def test_ranges_and_lists(text, expected):
    assert cited_articles(text) == expected


def test_an_out_of_range_article_is_quoted_from_a_word_start():
    text = ("The national authorities requested support for the training of procurement officers and internal "
            "auditors (art. 85) of several ministries, agencies and local governments across the country.")
    with pytest.raises(ArticleOutOfRange) as raised:
        cited_articles(text)
    assert raised.value.number == 85
    assert raised.value.snippet == ("procurement officers and internal auditors (art. 85) of several ministries, "
                                    "agencies and lo")


@pytest.mark.parametrize(("text", "snippet"), [
    ("Training (art. 85).", "Training (art. 85)."),
    ("Training of staff (art. 85) on the codes of conduct for public officials in every ministry and agency.",
     "Training of staff (art. 85) on the codes of conduct for public off"),  # near the start: quoted from it
])
def test_a_citation_near_the_start_is_quoted_from_the_start(text, snippet):
    with pytest.raises(ArticleOutOfRange) as raised:
        cited_articles(text)
    assert raised.value.snippet == snippet


def test_an_instrument_named_within_sixty_characters_before_the_citation_is_not_the_convention():
    number = "1" * 50
    assert cited_articles(f"Law No. {number}, art. 5") == []  # "Law" 60 characters before "art."
    assert cited_articles(f"Law No. {number}1, art. 5") == [5]  # 61: too far to be the article's instrument


@pytest.mark.parametrize("line", [
    "Articles of the Convention: article 5",  # words before the citation: a sentence, not a heading
    "Article 9 - procurement officers must be trained;",  # a heading line does not end a sentence
    "Article 9 - procurement officers must be trained.",
])
def test_sentences_that_start_like_headings_are_not_headings(line):
    assert heading_articles(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Article 9 - Public procurement", [9]), ("Article 9:", [9]), ("Article 9.", [9]), ("• Articles 5 and 6", [5, 6]),
    ("Article 9 - " + " ".join(["word"] * (MAX_HEADING_WORDS - 3)), [9]),  # as long as a heading gets
    ("Article 9 - " + " ".join(["word"] * (MAX_HEADING_WORDS - 2)), None),  # one word more: a sentence
])
def test_headings_with_a_title_or_a_colon(line, expected):
    assert heading_articles(line) == expected


def test_the_error_names_the_article_and_where_it_is():
    error = ArticleOutOfRange(85, "Training (art. 85).", "page 2, line 7")
    assert str(error) == "article 85 is not an article of the Convention: Training (art. 85)."
    assert (error.number, error.snippet, error.location) == (85, "Training (art. 85).", "page 2, line 7")

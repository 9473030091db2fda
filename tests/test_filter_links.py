"""Shared filters read from a link: lists written with commas, roman numerals, repeated and over-long keywords."""

from __future__ import annotations

from app.filters import SEARCH_MAX, FilterOptions, Filters, from_params

OPTIONS = FilterOptions(cycles=(1, 2), groups=(("African States", "African"),), states=(("KEN", "Kenya"),),
                        chapters=((2, "II Preventive measures"), (5, "V Asset recovery")),
                        articles=((8, "Codes"), (9, "Procurement")))


def test_comma_separated_values_are_several_values():
    restored, notes = from_params({"cycle": "2,1", "chapter": ["5, 2"], "article": "9,8,"}, OPTIONS)
    assert restored == Filters(cycles=(1, 2), chapters=(2, 5), articles=(8, 9)) and notes == []


def test_chapters_and_cycles_by_roman_numeral_only_when_known():
    restored, notes = from_params({"chapter": ["ii", "V", "III"], "cycle": "I"}, OPTIONS)
    assert restored == Filters(cycles=(1,), chapters=(2, 5))
    assert notes == ["Ignored chapter='III' from the link: not a known chapter."]


def test_unknown_parameters_are_named_in_one_note():
    _, notes = from_params({"size": "2", "colour": "red", "slide": "3"}, OPTIONS)
    assert notes == ["Ignored unknown link parameter(s): colour, size."]


def test_keyword_search_takes_the_last_value_and_normal_spacing():
    assert from_params({}, OPTIONS)[0].search == ""
    assert from_params({"q": ["first", "second", "  asset \n declaration "]}, OPTIONS)[0].search == "asset declaration"
    assert from_params({"q": []}, OPTIONS)[0].search == ""


def test_an_over_long_keyword_search_is_cut_with_a_note():
    exact, notes = from_params({"q": "a" * SEARCH_MAX}, OPTIONS)
    assert exact.search == "a" * SEARCH_MAX and notes == []
    cut, notes = from_params({"q": "b" * (SEARCH_MAX + 5)}, OPTIONS)
    assert cut.search == "b" * SEARCH_MAX
    assert notes == [f"Shortened the keyword search from the link to {SEARCH_MAX} characters."]

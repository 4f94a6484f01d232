"""Dates, ordinals and articles for any session number and any date range, from CLDR data."""

import datetime

import pytest

from documents.builders.language import report_language

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "english", "french"),
    [
        (D(2017, 10, 4), D(2017, 10, 6), "4\u20136 October 2017", "4\u20136 octobre 2017"),
        (D(2017, 9, 30), D(2017, 10, 2), "30 September\u20132 October 2017", "30 septembre\u20132 octobre 2017"),
        (
            D(2024, 12, 30),
            D(2025, 1, 2),
            "30 December 2024\u20132 January 2025",
            "30 décembre 2024\u20132 janvier 2025",
        ),
        (D(2017, 10, 1), D(2017, 10, 3), "1\u20133 October 2017", "1er\u20133 octobre 2017"),
        (D(2017, 10, 4), D(2017, 10, 4), "4 October 2017", "4 octobre 2017"),
    ],
)
def test_session_dates_in_the_masthead(start, end, english, french):
    assert report_language("en").date_span(start, end) == english
    assert report_language("fr").date_span(start, end) == french


def test_the_ends_of_a_range_for_from_to_phrases():
    assert report_language("en").range_ends(D(2017, 10, 4), D(2017, 10, 6)) == ("4", "6 October 2017")
    assert report_language("fr").range_ends(D(2017, 9, 30), D(2017, 10, 2)) == ("30 septembre", "2 octobre 2017")
    assert report_language("fr").date(D(2017, 10, 31)) == "31 octobre 2017"


@pytest.mark.parametrize(
    ("number", "english", "french"),
    [
        (1, "first", "première"),
        (2, "second", "deuxième"),
        (16, "sixteenth", "seizième"),
        (21, "twenty-first", "vingt et unième"),
        (51, "fifty-first", "cinquante et unième"),
        (71, "seventy-first", "soixante et onzième"),
        (78, "seventy-eighth", "soixante-dix-huitième"),
        (80, "eightieth", "quatre-vingtième"),
        (100, "one hundredth", "centième"),
        (81, "eighty-first", "quatre-vingt-unième"),
        (91, "ninety-first", "quatre-vingt-onzième"),
        (101, "one hundred and first", "cent unième"),
        (121, "one hundred and twenty-first", "cent vingt et unième"),
        (201, "two hundred and first", "deux cent unième"),
    ],
)
def test_session_ordinals_are_spelled_out(number, english, french):
    assert report_language("en").ordinal(number) == english
    assert report_language("fr").ordinal(number) == french


def test_french_articles_agree_and_contract():
    french = report_language("fr")

    assert french.of(french.definite("Groupe d'experts", "m")) == "du Groupe d'experts"
    assert french.of(french.definite("Commission", "f")) == "de la Commission"
    assert french.of(french.definite("Organe subsidiaire", "m")) == "de l'Organe subsidiaire"
    assert french.of(french.organization("CNUCED", "f")) == "de la CNUCED"
    assert french.of(french.organization("OMC", "f")) == "de l'OMC"
    assert french.at("le Palais des Nations") == "au Palais des Nations"
    assert french.in_city("Genève") == "à Genève"
    assert french.in_city("Le Caire") == "au Caire"


def test_french_typography_puts_non_breaking_spaces_where_it_should():
    french = report_language("fr")

    assert (
        french.typography("Note : vraiment? « oui »; fin!")
        == "Note\u00a0: vraiment\u00a0? «\u00a0oui\u00a0»\u00a0; fin\u00a0!"
    )
    assert french.typography("à 10:00, voir http://example.org/?a=1!") == "à 10:00, voir http://example.org/?a=1!"
    assert french.typography("16 % des adultes") == "16\u00a0% des adultes"


def test_other_un_languages_get_cldr_forms():
    assert report_language("es").date(D(2017, 10, 4)) == "4 de octubre de 2017"
    assert report_language("ru").ordinal(1) == "первая"
    assert report_language("zh").date_span(D(2017, 10, 4), D(2017, 10, 6)) == "2017年10月4日至6日"
    assert report_language("ar").right_to_left

"""Dates have one home: the pages write them as the documents do, in each language (CLDR and UN usage)."""

import datetime
import io

import docx
import pytest

from committee.kernel.dates import dates_in
from documents.builders.session_report import build_session_report
from documents.reports.collect import collect_session_report_data

FIRST = datetime.date(2017, 10, 1)


@pytest.mark.parametrize(
    ("language", "long", "weekday", "span"),
    [
        ("en", "1 October 2017", "Sunday, 1 October 2017", "1\u20136 October 2017"),
        ("fr", "1er octobre 2017", "dimanche 1er octobre 2017", "1er\u20136 octobre 2017"),
        ("es", "1 de octubre de 2017", "domingo, 1 de octubre de 2017", None),  # CLDR's own forms
    ],
)
def test_each_language_writes_its_dates(language, long, weekday, span):
    forms = dates_in(language)

    assert forms.date(FIRST) == long
    assert forms.weekday_date(FIRST) == weekday
    if span:
        assert forms.date_span(FIRST, datetime.date(2017, 10, 6)) == span


def test_a_range_drops_what_its_ends_share():
    english = dates_in("en")

    assert (
        english.date_span(datetime.date(2024, 12, 30), datetime.date(2025, 1, 2))
        == "30 December 2024\u20132 January 2025"
    )
    assert (
        english.date_span(datetime.date(2017, 9, 30), datetime.date(2017, 10, 2)) == "30 September\u20132 October 2017"
    )
    assert english.date_span(FIRST, FIRST) == "1 October 2017"


@pytest.mark.django_db
def test_the_session_page_and_the_report_write_the_same_dates(client, secretariat, small_session):
    small_session.start_date, small_session.end_date = FIRST, datetime.date(2017, 10, 6)
    small_session.save()
    client.force_login(secretariat)
    client.cookies["django_language"] = "fr"

    page = client.get(small_session.get_absolute_url()).text
    report = build_session_report(collect_session_report_data(small_session), language="fr")
    text = " ".join(p.text for p in docx.Document(io.BytesIO(report)).paragraphs)

    assert "1er\u20136 octobre 2017" in page
    assert "1er\u20136 octobre 2017" in text  # the masthead

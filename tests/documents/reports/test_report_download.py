"""The session page offers the report in each language with drafted text, built on request."""

import io

import docx
import pytest
from django.urls import reverse

from tests.jobs import written

pytestmark = pytest.mark.django_db


def test_the_session_page_links_the_report_in_each_drafted_language(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.get(small_session.get_absolute_url()).text

    assert reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "en"}) in page
    assert reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "fr"}) not in page


def test_the_report_downloads_as_a_word_document(client, secretariat, small_session):
    client.force_login(secretariat)

    response = written(client, reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "en"}))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="TST_G_2_3.en.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert "Report of the Group of Experts on Testing on its second session" in [p.text for p in document.paragraphs]


def test_signed_out_visitors_cannot_download_it(client, small_session):
    response = client.get(reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "en"}))

    assert response.status_code == 302


def test_an_unknown_language_or_session_is_not_found(client, secretariat, small_session):
    client.force_login(secretariat)

    assert (
        client.get(reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "de"})).status_code == 404
    )
    assert (
        client.get(reverse("reports:session_report", kwargs={"code": "TST/G/9", "language": "en"})).status_code == 404
    )

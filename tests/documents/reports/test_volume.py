"""A report issued in volumes says which this is, under its title, with the note on what each volume holds."""

import io

import docx
import pytest
from django.urls import reverse

from documents.exchange.session_file.dump import export_session
from tests.jobs import written

pytestmark = pytest.mark.django_db


def test_the_volume_set_on_the_draft_stands_under_the_title_with_its_note(client, secretariat, small_session):
    client.force_login(secretariat)
    volume = reverse("reports:volume", kwargs={"code": "TST/G/2"})

    page = client.post(
        volume, {"language": "en", "volume": "I", "volume_note": "Statements are in volume II."}, follow=True
    )
    client.post(volume, {"language": "fr", "volume": "I", "volume_note": "Les déclarations sont au volume II."})

    assert "The report&#x27;s volume is saved." in page.text
    report = written(client, reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "en"}))
    lines = [p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs]
    title = next(i for i, line in enumerate(lines) if line.startswith("Report of the Group"))
    assert lines[title + 2] == "Volume I*"  # after the "Held at" line, its note's mark after it
    assert export_session(small_session)["session"]["report"]["volume_note"] == {
        "en": "Statements are in volume II.",
        "fr": "Les déclarations sont au volume II.",
    }


def test_a_volume_too_long_is_refused_and_nothing_changes(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.post(
        reverse("reports:volume", kwargs={"code": "TST/G/2"}), {"language": "en", "volume": "X" * 11}, follow=True
    )

    assert small_session.report.__class__.objects.get(session=small_session).volume == ""
    assert "the text has 11 characters; at most 10 are allowed." in page.text

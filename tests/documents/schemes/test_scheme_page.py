"""The secretariat shapes its body's report on the report scheme page: a preset, its own chapter titles, the
parts in their order; the report it downloads follows."""

import io
import re

import docx
import pytest
from django.urls import reverse

from documents.schemes.services import scheme_of
from tests.jobs import written

pytestmark = pytest.mark.django_db

SCHEME = "/committees/GROUP/report-scheme/"


def post(client, path: str, data: dict, committee) -> str:
    """Send a form of the page as it stands (its revision), and read the page it comes back to."""
    response = client.post(SCHEME + path, {**data, "revision": scheme_of(committee).revision}, follow=True)
    committee.refresh_from_db()
    return response.text


def chapters(client, code: str, language: str = "en") -> list[str]:
    response = written(client, reverse("reports:session_report", kwargs={"code": code, "language": language}))
    document = docx.Document(io.BytesIO(response.content))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_a_preset_taken_and_two_chapter_titles_adapted_shape_the_report(client, secretariat, small_session):
    committee = small_session.committee
    client.force_login(secretariat)
    assert "Started from: UNCTAD intergovernmental group of experts." in client.get(SCHEME).text

    assert "The scheme now follows the preset." in post(client, "preset/", {"preset": "un_plenary"}, committee)
    page = post(client, "parts/0/title/", {"title_en": "Opening of the meeting", "title_fr": "Ouverture"}, committee)
    assert "The title is saved." in page
    post(client, "parts/2/title/", {"title_en": "  "}, committee)  # blank: the usual title stays
    post(client, "parts/4/title/", {"title_en": "Closing business"}, committee)

    assert chapters(client, "TST/G/2") == [
        "I.\tOpening of the meeting",
        "II.\tOrganizational matters",
        "III.\tOpening",
        "IV.\tTesting",
        "V.\tClosing business",
        "VI.\tClosing of the session",
        "Annex\nAgreed recommendations",
    ]
    assert chapters(client, "TST/G/2", "fr")[0] == "I.\tOuverture"
    page = client.get(SCHEME).text
    assert 'value="Opening of the meeting" placeholder="Opening of the session"' in page


def test_the_parts_move_and_go_and_come_within_what_a_report_can_be_written_from(client, secretariat, small_session):
    committee = small_session.committee
    client.force_login(secretariat)

    post(client, "parts/0/down/", {}, committee)  # the summary before the recommendations
    assert [part["holds"] for part in scheme_of(committee).parts][:2] == ["drafted", "decisions"]
    assert "It is already at that end." in post(client, "parts/3/up/", {}, committee)  # an annex stays an annex
    assert "already has a part that holds this" in post(client, "parts/add/", {"holds": "decisions"}, committee)
    refused = post(client, "parts/add/", {"holds": "next_agenda", "place": "chapter"}, committee)
    assert "A chapter cannot hold this; only an annex can." in refused
    post(client, "parts/add/", {"holds": "closing", "into": "2"}, committee)  # a section of chapter III
    post(client, "parts/2/remove/", {"section": "0"}, committee)  # its election of officers

    sections = scheme_of(committee).parts[2]["sections"]
    assert [section["holds"] for section in sections] == [
        "adoption_of_agenda",
        "next_session_agenda",
        "adoption_of_outcome",
        "adoption_of_report",
        "closing",
    ]
    assert chapters(client, "TST/G/2")[:3] == [
        "I.\tChair’s summary",
        "II.\tAgreed recommendations",
        "III.\tOrganizational matters",
    ]


def test_a_change_made_on_an_older_page_is_refused_and_changes_nothing(client, secretariat, small_session):
    committee = small_session.committee
    client.force_login(secretariat)
    post(client, "preset/", {"preset": "committee_meeting"}, committee)
    before = scheme_of(committee).as_dict()

    stale = client.post(SCHEME + "parts/0/remove/", {"revision": scheme_of(committee).revision - 1}, follow=True).text

    assert "The scheme was changed meanwhile" in stale
    committee.refresh_from_db()
    assert scheme_of(committee).as_dict() == before


def test_the_committee_page_leads_its_secretariat_to_the_scheme(client, secretariat, cast, small_session):
    client.force_login(secretariat)
    assert re.search(
        r'href="/committees/GROUP/report-scheme/">Report scheme</a>', client.get("/committees/GROUP/").text
    )
    client.force_login(cast["member"])
    assert "report-scheme" not in client.get("/committees/GROUP/").text

"""A public committee, as the UN publishes its bodies' work: anyone, signed out, sees its sessions, programme,
agendas, documents of general distribution and calendar; drafts, comments and other documents stay private."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.bodies.models import Committee
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.models import Document
from meetings.programme.models import Meeting
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_session():
    session = import_session(read_session_file(json.dumps(programme_file())))
    Committee.objects.filter(pk=session.committee_id).update(is_public=True)
    Document.objects.filter(symbol="TST/G/2/CRP.1").update(distribution="limited")
    return session


def test_the_home_page_lists_public_committees_and_announces_their_calendars(client, public_session):
    page = client.get(reverse("programme:home")).text
    group = public_session.committee
    assert "Group of Experts on Testing" in page
    calendar = reverse("programme:committee_calendar", kwargs={"code": group.code})
    assert f'<link rel="alternate" type="text/calendar" title="Group of Experts on Testing" href="{calendar}">' in page
    assert 'href="/committees/BOARD/"' not in page  # its parent is not public


@pytest.mark.parametrize(
    "page",
    [
        lambda s: s.committee.get_absolute_url(),
        lambda s: s.get_absolute_url(),
        lambda s: reverse("programme:agenda", kwargs={"code": s.code}),
        lambda s: reverse("registry:registry", kwargs={"code": s.code}),
        lambda s: reverse("programme:session_calendar", kwargs={"code": s.code}),
        lambda s: reverse("programme:committee_calendar", kwargs={"code": s.committee.code}),
        lambda s: reverse("registry:document_file", kwargs={"symbol": "TST/G/2/1", "language": "en"}),
    ],
)
def test_a_signed_out_visitor_reads_what_the_un_publishes(client, public_session, page):
    assert client.get(page(public_session)).status_code == 200


def test_the_session_page_announces_its_calendar_and_keeps_other_documents_private(client, public_session):
    page = client.get(public_session.get_absolute_url()).text
    calendar = reverse("programme:session_calendar", kwargs={"code": "TST/G/2"})
    assert f'<link rel="alternate" type="text/calendar" title="TST/G/2" href="{calendar}">' in page
    assert "Testing in practice" in page  # the programme
    assert "A proposal on testing" not in page  # limited
    assert "A restricted paper" not in page


@pytest.mark.parametrize(
    "page",
    [
        lambda s: reverse("reports:report", kwargs={"code": s.code}),
        lambda s: reverse("reports:session_report", kwargs={"code": s.code, "language": "en"}),
        lambda s: reverse("registry:document_file", kwargs={"symbol": "TST/G/2/CRP.1", "language": "en"}),
        lambda s: reverse("registration:registration", kwargs={"code": s.code}),
        lambda s: reverse("programme:calendars"),
    ],
)
def test_drafts_limited_documents_and_working_pages_ask_to_sign_in(client, public_session, page):
    response = client.get(page(public_session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_signed_out_visitor_changes_nothing(client, public_session):
    documents = set(Document.objects.values_list("symbol", flat=True))
    response = client.post(reverse("registry:registry", kwargs={"code": "TST/G/2"}), {"series": "inf"})  # a valid one
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/sessions/TST/G/2/documents/"
    assert set(Document.objects.values_list("symbol", flat=True)) == documents


def test_an_unknown_series_is_refused_and_allocates_nothing(client, public_session, secretariat):
    documents = set(Document.objects.values_list("symbol", flat=True))
    client.force_login(secretariat)
    response = client.post(reverse("registry:registry", kwargs={"code": "TST/G/2"}), {"series": "information"})
    assert response.status_code == 400
    assert "Select a valid choice. information is not one of the available choices." in response.text
    assert "allocated" not in response.text
    assert set(Document.objects.values_list("symbol", flat=True)) == documents


def test_a_public_committee_does_not_show_its_private_sub_committees_meetings(client, public_session):
    group = public_session.committee
    board = group.parent
    Committee.objects.filter(pk=board.pk).update(is_public=True)
    Committee.objects.filter(pk=group.pk).update(is_public=False)
    Meeting.objects.filter(key="round-table").update(date=timezone.localdate() + datetime.timedelta(days=2))

    page = client.get(board.get_absolute_url()).text
    calendar = client.get(reverse("programme:committee_calendar", kwargs={"code": board.code}) + "?subcommittees=1")
    assert "Testing in practice" not in page
    assert b"Testing in practice" not in calendar.content


def test_signed_out_what_is_hidden_and_what_does_not_exist_look_alike(client, public_session):
    Committee.objects.filter(pk=public_session.committee_id).update(is_public=False)
    hidden = client.get(reverse("programme:session", kwargs={"code": "TST/G/2"}))
    missing = client.get(reverse("programme:session", kwargs={"code": "TST/G/99"}))
    restricted = client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/CRP.2", "language": "en"}))
    nowhere = client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/CRP.99", "language": "en"}))
    assert [r.status_code for r in (hidden, missing, restricted, nowhere)] == [302, 302, 302, 302]

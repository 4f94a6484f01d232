"""The secretariat creates a session in the app; its draft report and its documents' series come with it."""

import pytest
from django.urls import reverse

from documents.registry.models import Document
from documents.reports.models import Report
from meetings.sessions.models import Session

pytestmark = pytest.mark.django_db


def test_a_new_session_is_proposed_as_the_next_of_the_series(client, small_session, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("sessions:new_session", kwargs={"code": "GROUP"})).content.decode()
    assert 'value="3"' in page  # after TST/G/2
    assert 'value="TST/G/3"' in page


def test_a_session_created_in_the_app_has_its_draft_report_and_its_series(client, small_session, secretariat):
    client.force_login(secretariat)
    values = {
        "number": "3",
        "code": "TST/G/3",
        "start_date": "2026-04-20",
        "end_date": "2026-04-22",
        "venue_en": "Palais des Nations",
        "city_en": "Geneva",
        "city_fr": "Genève",
        "time_zone": "Europe/Zurich",
    }
    landed = client.post(reverse("sessions:new_session", kwargs={"code": "GROUP"}), values, follow=True)

    session = Session.objects.get(code="TST/G/3")
    assert (session.status, str(session.start_date), session.city["fr"]) == ("planned", "2026-04-20", "Genève")
    assert landed.request["PATH_INFO"] == "/sessions/TST/G/3/"
    assert "The session is created" in landed.content.decode()
    draft = client.get(reverse("reports:report", kwargs={"code": "TST/G/3"}))
    assert draft.status_code == 200
    assert Report.objects.get(session=session).status == "draft"
    client.post("/sessions/TST/G/3/agenda/prepare/")
    assert Document.objects.filter(session=session, symbol="TST/G/3/1").exists()


def test_a_session_number_or_code_already_taken_is_refused(client, small_session, secretariat):
    client.force_login(secretariat)
    values = {"number": "2", "code": "TST/G/2b", "time_zone": "UTC"}
    landed = client.post(reverse("sessions:new_session", kwargs={"code": "GROUP"}), values, follow=True)
    assert "already exists" in landed.content.decode()
    response = client.post(
        reverse("sessions:new_session", kwargs={"code": "GROUP"}), values | {"number": 4, "code": "TST/G/2"}
    )
    assert response.status_code == 400
    assert Session.objects.filter(committee__code="GROUP").count() == 1


def test_the_settings_change_dates_and_status_but_not_the_code(client, small_session, secretariat):
    client.force_login(secretariat)
    values = {
        "number": "2",
        "code": "X/1",
        "status": "open",
        "start_date": "2025-01-06",
        "end_date": "2025-01-03",
        "time_zone": "UTC",
    }
    refused = client.post(reverse("sessions:session_settings", kwargs={"code": "TST/G/2"}), values)
    assert refused.status_code == 400  # ends before it starts
    values["end_date"] = "2025-01-08"
    landed = client.post(reverse("sessions:session_settings", kwargs={"code": "TST/G/2"}), values, follow=True)
    small_session.refresh_from_db()
    assert (small_session.code, small_session.status, str(small_session.end_date)) == ("TST/G/2", "open", "2025-01-08")
    assert "The session&#x27;s settings are saved." in landed.content.decode()


def test_every_session_imported_or_created_elsewhere_has_its_report(small_session):
    from committee.bodies.models import Committee

    session = Session.objects.create(committee=Committee.objects.get(code="GROUP"), number=9, code="TST/G/9")
    assert Report.objects.filter(session=session).exists()

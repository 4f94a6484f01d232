"""The secretariat schedules, changes and cancels meetings from the pages; participants are told by email."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from committee.bodies.models import Committee
from committee.roles.models import Role
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.programme.models import Meeting
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_session(secretariat):
    return import_session(read_session_file(json.dumps(programme_file())))


def meeting_fields(**values) -> dict:
    fields = {
        "kind": "small_group",
        "title_en": "",
        "date": "2025-01-01",
        "start_time": "09:00",
        "end_time": "10:00",
        "room": "",
        "online_link": "",
        "next_date": "",
        "next_topic_en": "",
    }
    return fields | values


def people_management(prefix: str = "people", total: int = 1, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_secretariat_schedules_a_small_group_with_its_facilitator(
    client, secretariat, programme_session, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    page = client.get(programme_session.get_absolute_url()).text
    assert reverse("programme:new_meeting", kwargs={"code": "TST/G/2"}) in page

    item_3 = programme_session.agendas.get(kind="adopted").items.get(position=3, parent__isnull=True)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            reverse("programme:new_meeting", kwargs={"code": "TST/G/2"}),
            meeting_fields(
                title_en="Small group on unit tests", agenda_items=[item_3.pk], online_link="meet.example.org/g"
            ),
        )
    meeting = Meeting.objects.get(title__en="Small group on unit tests")
    assert created.url == reverse("programme:edit_meeting", kwargs={"pk": meeting.pk})
    assert meeting.key == "small-group-1"
    assert meeting.online_link == "https://meet.example.org/g"
    assert list(meeting.agenda_items.all()) == [item_3]
    assert [m.subject for m in mail.outbox if m.to == ["jean@example.org"]] == [
        "Meeting scheduled: Small group on unit tests, TST/G/2, 1 January 2025"
    ]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programme:edit_meeting", kwargs={"pk": meeting.pk}),
            meeting_fields(title_en="Small group on unit tests", start_time="11:00", end_time="12:00")
            | people_management()
            | {"people-0-role": "facilitator", "people-0-courtesy": "ms", "people-0-name": "Fay Cilitator"},
        )
    meeting.refresh_from_db()
    assert (meeting.start_time.hour, meeting.sequence) == (11, 1)
    assert meeting.people.get().name == "Fay Cilitator"
    assert {m.subject.split(":")[0] for m in mail.outbox} == {"Meeting changed"}
    session_page = client.get(programme_session.get_absolute_url()).text
    assert "Facilitator:</span> Ms. <bdi>Fay Cilitator</bdi>" in session_page

    client.post(reverse("programme:cancel_meeting", kwargs={"pk": meeting.pk}))
    meeting.refresh_from_db()
    assert meeting.is_cancelled


def test_a_meeting_outside_sessions_is_scheduled_from_the_committee_page(client, secretariat, programme_session):
    client.force_login(secretariat)
    committee = Committee.objects.get(code="GROUP")
    assert (
        reverse("programme:new_committee_meeting", kwargs={"code": "GROUP"})
        in client.get(committee.get_absolute_url()).text
    )

    client.post(
        reverse("programme:new_committee_meeting", kwargs={"code": "GROUP"}),
        meeting_fields(kind="dedicated_discussion", title_en="Work programme", date="2030-03-04"),
    )
    meeting = Meeting.objects.get(title__en="Work programme")
    assert (meeting.session, meeting.committee) == (None, committee)
    assert "Work programme" in client.get(committee.get_absolute_url()).text


def test_a_wrong_meeting_is_refused_with_its_errors(client, secretariat, programme_session):
    client.force_login(secretariat)
    refused = client.post(
        reverse("programme:new_meeting", kwargs={"code": "TST/G/2"}),
        meeting_fields(start_time="12:00", end_time="10:00"),
    )
    assert refused.status_code == 400
    assert not Meeting.objects.filter(kind="small_group").exists()


def test_members_do_not_change_the_programme(client, django_user_model, programme_session):
    member = django_user_model.objects.create_user("m", "m@example.org", "a-long-password")
    Role.objects.create(user=member, committee=programme_session.committee, kind="member")
    client.force_login(member)
    meeting = Meeting.objects.get(key="round-table")

    assert client.get(reverse("programme:edit_meeting", kwargs={"pk": meeting.pk})).status_code == 403
    assert client.post(reverse("programme:cancel_meeting", kwargs={"pk": meeting.pk})).status_code == 403
    assert (
        client.post(reverse("programme:new_meeting", kwargs={"code": "TST/G/2"}), meeting_fields()).status_code == 403
    )
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_an_over_long_topic_is_refused_with_the_fields_error(client, secretariat, programme_session):
    client.force_login(secretariat)

    refused = client.post(
        reverse("programme:new_meeting", kwargs={"code": "TST/G/2"}), meeting_fields(title_fr="T" * 1_001)
    )

    assert refused.status_code == 400
    assert refused.context["form"].errors["title"] == ["The French text has 1001 characters; at most 1000 are allowed."]
    assert "The French text has 1001 characters; at most 1000 are allowed." in refused.text
    assert not Meeting.objects.filter(kind="small_group").exists()

"""Notices of meetings by email to the registered participants, each in their language, with the invitation."""

import datetime
import json

import icalendar
import pytest
import vobject
from django.core import mail

from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.programme.models import Meeting
from meetings.programme.services import cancel_meeting, change_meeting, schedule_meeting
from meetings.registration.models import Delegate
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_session():
    session = import_session(read_session_file(json.dumps(programme_file())))
    Delegate.objects.filter(name="Jean Essai").update(language="fr")
    Delegate.objects.filter(name="Claire Exemple").update(email="claire@example.org")
    return session


def invitation(message) -> tuple[icalendar.Calendar, object]:
    (name, content, mimetype) = message.attachments[0]
    assert name == "invitation.ics"
    data = content if isinstance(content, bytes) else content.encode()
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode()), mimetype


def test_a_changed_meeting_is_sent_to_each_delegate_in_their_language(
    programme_session, secretariat, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.get(key="round-table")
    with django_capture_on_commit_callbacks(execute=True):
        change_meeting(meeting=meeting, values={"room": "Room XX"}, by=secretariat)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"jean@example.org", "claire@example.org"}
    english, french = by_address["claire@example.org"], by_address["jean@example.org"]
    assert english.subject == "Meeting changed: Testing in practice, TST/G/2, 31 December 2024"
    assert "Room XX" in english.body
    assert french.subject.startswith("Séance modifiée")
    calendar, independent, mimetype = invitation(french)
    assert mimetype == "text/calendar; method=REQUEST; charset=utf-8"
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Les essais en pratique (TST/G/2)"
    assert int(event["sequence"]) == 1
    assert str(event["attendee"]) == "mailto:jean@example.org"
    assert independent.vevent.uid.value == f"meeting-{meeting.pk}@rapporteur"


def test_a_cancellation_sends_a_cancel(programme_session, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_meeting(meeting=Meeting.objects.get(key="round-table"), by=secretariat)

    calendar, independent, mimetype = invitation(mail.outbox[0])
    assert "method=CANCEL" in mimetype
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert independent.vevent.status.value == "CANCELLED"


def test_a_scheduled_meeting_is_announced_and_a_change_nobody_sees_is_not_sent(
    programme_session, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule_meeting(
            committee=programme_session.committee,
            session=programme_session,
            values={"key": "briefing", "kind": "briefing", "date": datetime.date(2025, 1, 1)},
            by=secretariat,
        )
    assert {m.subject for m in mail.outbox} == {
        "Meeting scheduled: Briefing, TST/G/2, 1 January 2025",
        "Séance prévue : Séance d'information, TST/G/2, 1er janvier 2025",
    }
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_meeting(meeting=meeting, values={"next_topic": {"en": "More briefings"}}, by=secretariat)
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_only_the_secretariat_changes_the_programme(
    programme_session, django_user_model, django_capture_on_commit_callbacks
):
    from committee.roles.models import Role
    from meetings.programme.services import MeetingError

    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-password")
    Role.objects.create(user=member, committee=programme_session.committee, kind=Role.Kind.MEMBER)
    meeting = Meeting.objects.get(key="round-table")
    before = (meeting.status, meeting.sequence, meeting.room)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(MeetingError, match=r"^Only the secretariat changes the programme\.$"),
    ):
        cancel_meeting(meeting=meeting, by=member)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.room) == before
    assert meeting.status == Meeting.Status.SCHEDULED
    assert not Meeting.objects.filter(status=Meeting.Status.CANCELLED).exists()
    assert callbacks == []
    assert mail.outbox == []  # its participants (jean@ and claire@example.org) are told nothing


def test_a_title_that_breaks_lines_still_makes_one_line_subjects_and_calendars(
    programme_session, secretariat, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.get(key="round-table")
    with django_capture_on_commit_callbacks(execute=True):
        change_meeting(meeting=meeting, values={"title": {"en": "Testing\nin practice"}}, by=secretariat)

    english = next(m for m in mail.outbox if m.to == ["claire@example.org"])
    assert english.subject == "Meeting changed: Testing in practice, TST/G/2, 31 December 2024"
    calendar, _independent, _mimetype = invitation(english)
    assert str(calendar["x-wr-calname"]) == "Testing in practice"


def test_a_change_of_people_or_agenda_items_goes_out_too_and_a_date_is_not_removed(
    programme_session, secretariat, django_capture_on_commit_callbacks
):
    from meetings.programme.services import MeetingError

    meeting = Meeting.objects.get(key="round-table")
    with django_capture_on_commit_callbacks(execute=True):
        change_meeting(meeting=meeting, values={"agenda_items": []}, by=secretariat)
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert {m.subject.split(":")[0].strip() for m in mail.outbox} == {"Meeting changed", "Séance modifiée"}

    with pytest.raises(MeetingError, match="keeps its date"):
        change_meeting(meeting=meeting, values={"date": None}, by=secretariat)
    meeting.refresh_from_db()
    assert meeting.date is not None


def test_an_edit_in_the_admin_goes_out_with_a_higher_sequence(
    client, programme_session, secretariat, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    meeting = Meeting.objects.get(key="round-table")
    client.force_login(secretariat)
    url = reverse("admin:programme_meeting_change", args=[meeting.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {k: v for k, v in data.items() if not isinstance(v, list | dict)}
    data |= {"title_en": "Testing in practice", "title_fr": "Les essais en pratique", "room": "Room XXI"}
    data |= {"session": meeting.session_id, "committee": meeting.committee_id, "date": "2024-12-31"}
    data |= {"start_time": "15:00", "end_time": "18:00", "next_date": "", "status": "scheduled", "kind": "round_table"}
    data |= {"position": meeting.position, "key": meeting.key}
    data |= {"people-TOTAL_FORMS": "2", "people-INITIAL_FORMS": "2", "people-MIN_NUM_FORMS": "0"}
    data |= {"people-MAX_NUM_FORMS": "1000"}
    for index, person in enumerate(meeting.people.all()):
        data |= {
            f"people-{index}-id": person.pk,
            f"people-{index}-meeting": meeting.pk,
            f"people-{index}-role": person.role,
        }
        data |= {f"people-{index}-name": person.name, f"people-{index}-courtesy": person.courtesy}
        data |= {f"people-{index}-entity": person.entity_id or "", f"people-{index}-position": person.position}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    meeting.refresh_from_db()
    assert (meeting.room, meeting.sequence) == ("Room XXI", 1)
    assert mail.outbox

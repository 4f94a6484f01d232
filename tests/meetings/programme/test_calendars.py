"""Calendar feeds: per committee (with its sub-committees), per session and per person, read back by icalendar
and by vobject, a second parser written independently of the one that writes them."""

import datetime
import json
import unicodedata

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from committee.bodies.models import Committee
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.programme.models import CalendarFeed, Meeting
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_session():
    return import_session(read_session_file(json.dumps(programme_file())))


@pytest.fixture
def early_2025(monkeypatch):
    """Today is in January 2025, a few days after the test session: its meetings are within a feed's year."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2025, 1, 15))


def parse(content: bytes) -> tuple[icalendar.Calendar, object]:
    """The calendar as both parsers read it."""
    return icalendar.Calendar.from_ical(content), vobject.readOne(content.decode())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_session_feed_has_one_event_per_dated_meeting_in_the_venues_time(client, cast, programme_session):
    client.force_login(cast["observer"])
    response = client.get(reverse("programme:session_calendar", kwargs={"code": "TST/G/2"}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"

    calendar, second = parse(response.content)
    by_uid = events(calendar)
    round_table = Meeting.objects.get(key="round-table")
    event = by_uid[f"meeting-{round_table.pk}@rapporteur"]
    assert str(event["summary"]) == "Testing in practice (TST/G/2)"
    assert event.decoded("dtstart") == datetime.datetime(2024, 12, 31, 15, tzinfo=event.decoded("dtstart").tzinfo)
    assert event["dtstart"].params["TZID"] == "Europe/Zurich"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert str(event["location"]) == "Room XVII, Palais des Nations, Geneva"
    description = str(event["description"])
    assert "3. Testing" in description
    assert "Moderator: Ms. Mira Moderator (Test Secretariat)" in description
    assert "https://meet.example.org/round-table" in description
    assert str(event["url"]).endswith(f"/sessions/TST/G/2/?day=2024-12-31#meeting-{round_table.pk}")
    assert str(event["organizer"]) == "mailto:rapporteur@localhost"
    assert event["organizer"].params["CN"] == "Test Secretariat"
    assert (str(event["status"]), int(event["sequence"])) == ("CONFIRMED", 0)

    closing = by_uid[f"meeting-{Meeting.objects.get(key='closing').pk}@rapporteur"]
    assert closing.decoded("dtstart") == datetime.date(2025, 1, 2)  # no times: all day
    assert closing.decoded("dtend") == datetime.date(2025, 1, 3)  # RFC 5545: the day after, exclusive

    assert sorted(e.uid.value for e in second.vevent_list) == sorted(by_uid)
    independent = next(e for e in second.vevent_list if e.uid.value == f"meeting-{round_table.pk}@rapporteur")
    assert independent.dtstart.value.utcoffset() == datetime.timedelta(hours=1)  # CET, in winter
    assert independent.dtstart.value.astimezone(datetime.UTC).hour == 14


def test_a_changed_meeting_keeps_its_uid_with_a_higher_sequence_and_a_cancelled_one_stays(
    client, cast, programme_session
):
    from meetings.programme.services import cancel_meeting, change_meeting

    client.force_login(cast["secretariat"])
    feed = reverse("programme:session_calendar", kwargs={"code": "TST/G/2"})
    round_table = Meeting.objects.get(key="round-table")
    uid = f"meeting-{round_table.pk}@rapporteur"
    before = events(parse(client.get(feed).content)[0])[uid]

    change_meeting(
        meeting=round_table, values={"start_time": datetime.time(16), "room": "Room XX"}, by=cast["secretariat"]
    )
    changed, changed_again = parse(client.get(feed).content)
    after = events(changed)[uid]
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("dtstart").hour == 16
    assert str(after["location"]).startswith("Room XX,")
    independent = next(e for e in changed_again.vevent_list if e.uid.value == uid)
    assert int(independent.sequence.value) == int(after["sequence"])

    cancel_meeting(meeting=Meeting.objects.get(pk=round_table.pk), by=cast["secretariat"])
    cancelled, cancelled_again = parse(client.get(feed).content)
    event = events(cancelled)[uid]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) > int(after["sequence"])
    assert next(e for e in cancelled_again.vevent_list if e.uid.value == uid).status.value == "CANCELLED"


@pytest.mark.usefixtures("early_2025")
def test_the_committee_feed_adds_sub_committees_when_asked(client, cast, programme_session):
    group = programme_session.committee
    working_group = Committee.objects.create(code="GROUP-WG", kind="working_group", parent=group, name={"en": "WG"})
    virtual = Meeting.objects.create(
        committee=working_group, key="virtual", kind="informal", date=datetime.date(2025, 2, 3)
    )
    client.force_login(cast["secretariat"])
    url = reverse("programme:committee_calendar", kwargs={"code": group.code})

    alone = events(parse(client.get(url).content)[0])
    with_subcommittees = events(parse(client.get(url + "?subcommittees=1").content)[0])
    assert f"meeting-{virtual.pk}@rapporteur" not in alone
    assert f"meeting-{virtual.pk}@rapporteur" in with_subcommittees
    assert len(with_subcommittees) == len(alone) + 1


@pytest.mark.usefixtures("early_2025")
def test_the_personal_feed_needs_no_sign_in_and_a_new_address_revokes_the_old(client, cast, programme_session):
    member = cast["member"]
    client.force_login(member)
    page = client.get(reverse("programme:calendars")).text
    feed = CalendarFeed.objects.get(user=member)
    assert f"/calendar/{feed.token}.ics" in page
    client.logout()

    personal = client.get(reverse("programme:personal_calendar", kwargs={"token": feed.token}))
    assert personal.status_code == 200
    assert len(events(parse(personal.content)[0])) == 3  # the dated meetings of the member's committee

    client.force_login(member)
    client.post(reverse("programme:renew_calendar"))
    client.logout()
    assert client.get(reverse("programme:personal_calendar", kwargs={"token": feed.token})).status_code == 404
    feed.refresh_from_db()
    assert client.get(reverse("programme:personal_calendar", kwargs={"token": feed.token})).status_code == 200


def test_a_committee_s_feed_holds_a_year_back_and_what_is_to_come_and_older_years_on_asking(
    client, cast, programme_session
):
    """Ten years of meetings do not weigh on a feed that calendars fetch every few hours; the older are a year's
    address away. Today, for this test, is in December 2026: the test session's meetings are two years old."""
    committee = programme_session.committee
    coming = Meeting.objects.create(
        committee=committee, key="coming", kind="informal", date=timezone.localdate() + datetime.timedelta(days=30)
    )
    client.force_login(cast["member"])
    url = reverse("programme:committee_calendar", kwargs={"code": committee.code})
    personal = reverse(
        "programme:personal_calendar", kwargs={"token": CalendarFeed.objects.create(user=cast["member"]).token}
    )
    old = {f"meeting-{m.pk}@rapporteur" for m in programme_session.meetings.filter(date__year=2024)}

    assert set(events(parse(client.get(url).content)[0])) == {f"meeting-{coming.pk}@rapporteur"}
    assert set(events(parse(client.get(personal).content)[0])) == {f"meeting-{coming.pk}@rapporteur"}
    assert set(events(parse(client.get(url + "?year=2024").content)[0])) == old
    assert old
    assert client.get(url + "?year=24").status_code == 404
    assert client.get(url + "?year=２０２４").status_code == 404
    assert "?year=2019" in client.get(reverse("programme:calendars")).text


def test_a_private_committees_feed_is_not_for_outsiders(client, django_user_model, programme_session):
    url = reverse("programme:session_calendar", kwargs={"code": "TST/G/2"})
    assert client.get(url).status_code == 302  # signed out: to sign in
    client.force_login(django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password"))
    assert client.get(url).status_code == 404


def test_the_feed_speaks_the_language_asked_for(client, cast, programme_session):
    client.force_login(cast["member"])
    url = reverse("programme:session_calendar", kwargs={"code": "TST/G/2"}) + "?lang=fr"
    calendar = parse(client.get(url).content)[0]
    round_table = events(calendar)[f"meeting-{Meeting.objects.get(key='round-table').pk}@rapporteur"]
    assert str(round_table["summary"]) == "Les essais en pratique (TST/G/2)"
    assert "Genève" in str(round_table["location"])
    assert "Points de l'ordre du jour" in str(round_table["description"])


def test_control_characters_in_the_data_never_reach_the_feed(client, cast, programme_session):
    """RFC 5545 forbids control characters in text: whatever a title, room, name or topic holds, the feed carries
    none of them but its CRLF line endings (a break in a description is escaped as \\n)."""
    round_table = Meeting.objects.get(key="round-table")
    round_table.title = {"en": "Testing\x07 in\x0bpractice\x1b"}
    round_table.room = "Room\x07 XVII\r\x0cannex\x7f"
    round_table.save()
    round_table.people.update(name="Mira\x1b[31m Moderator\x01")
    item = round_table.agenda_items.get()
    item.title = {"en": "Testing\ttopics\r\nand\x85more\x1f"}
    item.save()
    client.force_login(cast["observer"])

    content = client.get(reverse("programme:session_calendar", kwargs={"code": "TST/G/2"})).content

    text = content.decode()
    controls = {c for c in text.replace("\r\n", "") if unicodedata.category(c) == "Cc"}
    assert controls == set()
    calendar, second = parse(content)
    event = events(calendar)[f"meeting-{round_table.pk}@rapporteur"]
    assert str(event["summary"]) == "Testing in practice (TST/G/2)"
    assert str(event["location"]) == "Room XVII annex, Palais des Nations, Geneva"
    description = str(event["description"])
    assert "Moderator: Ms. Mira[31m Moderator (Test Secretariat)" in description
    assert "3. Testing topics\nand\nmore" in description
    assert any(e.summary.value == "Testing in practice (TST/G/2)" for e in second.vevent_list)

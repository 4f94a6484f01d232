"""Scheduling, changing and cancelling meetings, and telling calendars."""

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from committee.kernel.audit import audited
from committee.roles.access import Permission, can
from meetings.programme.ical import event_content
from meetings.programme.models import Meeting
from meetings.programme.signals import CANCELLED, CHANGED, SCHEDULED, meeting_changed
from meetings.sessions.models import Session


class MeetingError(Exception):
    """A change to the programme that cannot be made; the message says why."""


def _require_manager(committee, by: User) -> None:
    if not can(by, Permission.MANAGE, committee):
        raise MeetingError(_("Only the secretariat changes the programme."))


@audited
def schedule_meeting(*, committee, values: dict, by: User, session: Session | None = None) -> Meeting:
    """Add a meeting to a session's programme, or to a committee's outside sessions, and tell its participants."""
    committee = session.committee if session else committee
    _require_manager(committee, by)
    values = dict(values)
    agenda_items = values.pop("agenda_items", [])
    with transaction.atomic():
        if not values.get("key"):
            values["key"] = _new_key(committee=committee, session=session, kind=values["kind"])
        meeting = Meeting(session=session, committee=committee, **values)
        meeting.full_clean()
        meeting.save()
        if agenda_items:
            meeting.agenda_items.set(agenda_items)
        _notify_on_commit(meeting, SCHEDULED)
    return meeting


def _new_key(*, committee, session: Session | None, kind: str) -> str:
    """round_table-3: the kind and the first number free among the meetings of the session (or outside sessions)."""
    taken = set(Meeting.objects.filter(committee=committee, session=session).values_list("key", flat=True))
    number = 1
    while f"{kind}-{number}".replace("_", "-") in taken:
        number += 1
    return f"{kind}-{number}".replace("_", "-")


@audited
def change_meeting(*, meeting: Meeting, values: dict, by: User, also: Callable[[], object] | None = None) -> Meeting:
    """Change a meeting (and, with `also`, what else belongs to it: its people); if what calendars show of it
    changed, it goes out again, one revision up, to its participants."""
    _require_manager(meeting.committee, by)
    values = dict(values)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        before = shown_in_calendars(meeting)
        agenda_items = values.pop("agenda_items", None)
        if meeting.date is not None and "date" in values and values["date"] is None:
            raise MeetingError(_("A meeting in calendars keeps its date: cancel it, or give it another date."))
        for field, value in values.items():
            setattr(meeting, field, value)
        meeting.full_clean()
        meeting.save()
        if agenda_items is not None:
            meeting.agenda_items.set(agenda_items)
        if also is not None:
            also()
        publish_change(meeting=meeting, before=before)
    return meeting


def shown_in_calendars(meeting: Meeting) -> bytes:
    """What a calendar shows of the meeting now (its event, but for the time it is written)."""
    current = Meeting.objects.select_related("session", "committee__secretariat").prefetch_related(
        "agenda_items", "people__entity"
    )
    return event_content(current.get(pk=meeting.pk))


def publish_change(*, meeting: Meeting, before: bytes | None) -> None:
    """If what calendars show of the meeting differs from `before`, raise its revision and tell its participants;
    `before` None: the meeting is new, and they are told it is scheduled."""
    if before is None:
        _notify_on_commit(meeting, SCHEDULED)
        return
    if shown_in_calendars(meeting) == before:
        return
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])
    _notify_on_commit(meeting, CANCELLED if meeting.is_cancelled else CHANGED)


@audited
def cancel_meeting(*, meeting: Meeting, by: User) -> Meeting:
    """The meeting stays in calendars, cancelled; its participants are told."""
    return change_meeting(meeting=meeting, values={"status": Meeting.Status.CANCELLED}, by=by)


def _notify_on_commit(meeting: Meeting, change: str) -> None:
    if meeting.date is not None:
        transaction.on_commit(lambda: meeting_changed.send(sender=Meeting, meeting_id=meeting.pk, change=change))

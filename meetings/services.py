"""Writes that span several rows of a session."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from committee.access import Permission, can, may_register_for
from committee.models import Entity, Membership
from meetings import notices
from meetings.ical import event_content
from meetings.models import Delegate, Meeting, Participation, Session
from meetings.registration_file import DelegationRows

IMPORT_CHANGE_REASON = "Imported from a registrations file"


def _default_category(entity: Entity, memberships: dict[int, str]) -> str:
    """A new delegation's category when the file gives none: from the body's membership where recorded."""
    if not entity.is_state:
        return entity.organization_type
    if not memberships:
        return Participation.Category.MEMBER_STATE
    status = memberships.get(entity.pk)
    if status in (Membership.Status.MEMBER, Membership.Status.ASSOCIATE):
        return Participation.Category.MEMBER_STATE
    if status == Membership.Status.OBSERVER:
        return Participation.Category.OBSERVER_STATE
    return Participation.Category.OTHER_STATE


def register_participants(
    *, session: Session, delegations: list[DelegationRows], by: AbstractUser | None = None
) -> tuple[int, int]:
    """Add the delegations and delegates of a checked file to `session`; return (delegations, delegates) added.

    A delegate already registered under the same name is updated rather than added again (from the
    cells the file fills: a blank one keeps what is registered), so importing the same file twice changes
    nothing. A delegation already registered keeps its category unless the file gives another one.
    """
    added_delegations = added_delegates = 0
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        existing = {p.entity_id: p for p in session.participations.prefetch_related("delegates")}
        memberships = dict(session.committee.memberships.values_list("entity_id", "status"))
        for rows in delegations:
            participation = existing.get(rows.entity.pk)
            if participation is None:
                category = rows.category or _default_category(rows.entity, memberships)
                participation = Participation(session=session, entity=rows.entity, category=category)
                participation._change_reason = IMPORT_CHANGE_REASON
                participation._history_user = by
                participation.save()
                added_delegations += 1
            elif rows.category and participation.category != rows.category:
                participation.category = rows.category
                participation._change_reason = IMPORT_CHANGE_REASON
                participation._history_user = by
                participation.save(update_fields=["category"])
            by_name = {d.name.casefold(): d for d in participation.delegates.all()}
            next_position = (participation.delegates.aggregate(last=Max("position"))["last"] or 0) + 1
            for values in rows.delegates:
                delegate = by_name.get(values["name"].casefold())
                if delegate is None:
                    delegate = Delegate(participation=participation, position=next_position, **values)
                    next_position += 1
                    added_delegates += 1
                else:
                    given = {key: value for key, value in values.items() if value}  # a blank cell keeps what is there
                    if all(getattr(delegate, key) == value for key, value in given.items()):
                        continue
                    for key, value in given.items():
                        setattr(delegate, key, value)
                delegate._change_reason = IMPORT_CHANGE_REASON
                delegate._history_user = by
                delegate.save()
                by_name[values["name"].casefold()] = delegate
    return added_delegations, added_delegates


class RegistrationError(Exception):
    """A registration the data or the person's rights do not allow; the message says why."""


def register_delegation(*, session: Session, entity: Entity, category: str = "", by: AbstractUser) -> Participation:
    """Register `entity`'s delegation for `session`, in `category` or the one its membership gives."""
    if not may_register_for(by, session.committee, entity.pk):
        raise RegistrationError(_("You may not register this delegation."))
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()
        if session.participations.filter(entity=entity).exists():
            raise RegistrationError(_("%(entity)s is already registered.") % {"entity": entity})
        memberships = dict(session.committee.memberships.values_list("entity_id", "status"))
        participation = Participation(
            session=session, entity=entity, category=category or _default_category(entity, memberships)
        )
        participation._history_user = by
        participation.full_clean()
        participation.save()
    return participation


def save_delegate(
    *, participation: Participation, values: dict, by: AbstractUser, delegate: Delegate | None = None
) -> Delegate:
    """Add a delegate to the delegation (after the last one), or change `delegate` to `values`."""
    if not may_register_for(by, participation.session.committee, participation.entity_id):
        raise RegistrationError(_("You may not register delegates of this delegation."))
    with transaction.atomic():
        if delegate is None:
            last = participation.delegates.aggregate(last=Max("position"))["last"] or 0
            delegate = Delegate(participation=participation, position=last + 1)
        elif delegate.participation_id != participation.pk:
            raise RegistrationError(_("This delegate belongs to another delegation."))
        for key, value in values.items():
            setattr(delegate, key, value)
        delegate._history_user = by
        delegate.save()
    return delegate


def remove_delegate(*, delegate: Delegate, by: AbstractUser) -> None:
    participation = delegate.participation
    if not may_register_for(by, participation.session.committee, participation.entity_id):
        raise RegistrationError(_("You may not register delegates of this delegation."))
    delegate._history_user = by
    delegate.delete()


def mark_attendance(*, meeting: Meeting, present: set[int], by: AbstractUser) -> int:
    """Record which of the session's delegates attended `meeting`; return how many did."""
    if not can(by, Permission.MANAGE, meeting.session.committee):
        raise RegistrationError(_("Only the secretariat marks attendance."))
    with transaction.atomic():
        delegates = list(Delegate.objects.filter(participation__session=meeting.session_id, pk__in=present))
        meeting.attendees.set(delegates)
    return len(delegates)


# The programme ---------------------------------------------------------------------------------------


class MeetingError(Exception):
    """A change to the programme that cannot be made; the message says why."""


def _require_manager(committee, by: AbstractUser) -> None:
    if not can(by, Permission.MANAGE, committee):
        raise MeetingError(_("Only the secretariat changes the programme."))


def schedule_meeting(*, committee, values: dict, by: AbstractUser, session: Session | None = None) -> Meeting:
    """Add a meeting to a session's programme, or to a committee's outside sessions, and tell its participants."""
    committee = session.committee if session else committee
    _require_manager(committee, by)
    values = dict(values)
    agenda_items = values.pop("agenda_items", [])
    with transaction.atomic():
        if not values.get("key"):
            values["key"] = _new_key(committee=committee, session=session, kind=values["kind"])
        meeting = Meeting(session=session, committee=committee, **values)
        meeting._history_user = by
        meeting.full_clean()
        meeting.save()
        if agenda_items:
            meeting.agenda_items.set(agenda_items)
        _notify_on_commit(meeting, notices.SCHEDULED)
    return meeting


def _new_key(*, committee, session: Session | None, kind: str) -> str:
    """round_table-3: the kind and the first number free among the meetings of the session (or outside sessions)."""
    taken = set(Meeting.objects.filter(committee=committee, session=session).values_list("key", flat=True))
    number = 1
    while f"{kind}-{number}".replace("_", "-") in taken:
        number += 1
    return f"{kind}-{number}".replace("_", "-")


def change_meeting(
    *, meeting: Meeting, values: dict, by: AbstractUser, also: Callable[[], object] | None = None
) -> Meeting:
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
        meeting._history_user = by
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
        _notify_on_commit(meeting, notices.SCHEDULED)
        return
    if shown_in_calendars(meeting) == before:
        return
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])
    _notify_on_commit(meeting, notices.CANCELLED if meeting.is_cancelled else notices.CHANGED)


def cancel_meeting(*, meeting: Meeting, by: AbstractUser) -> Meeting:
    """The meeting stays in calendars, cancelled; its participants are told."""
    return change_meeting(meeting=meeting, values={"status": Meeting.Status.CANCELLED}, by=by)


def _notify_on_commit(meeting: Meeting, change: str) -> None:
    if meeting.date is not None:
        transaction.on_commit(lambda: notices.send_meeting_notices(meeting.pk, change))

"""Writes that span several rows of a session."""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from committee.bodies.models import Entity, Membership
from committee.kernel.audit import audited
from committee.roles.access import Permission, can, may_register_for
from meetings.programme.models import Meeting
from meetings.registration.models import Delegate, Participation
from meetings.registration.registration_file import DelegationRows
from meetings.sessions.models import Session

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


@audited
def register_participants(
    *, session: Session, delegations: list[DelegationRows], by: User | None = None
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
                participation._change_reason = IMPORT_CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
                participation.save()
                added_delegations += 1
            elif rows.category and participation.category != rows.category:
                participation.category = rows.category
                participation._change_reason = IMPORT_CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
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
                delegate._change_reason = IMPORT_CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
                delegate.save()
                by_name[values["name"].casefold()] = delegate
    return added_delegations, added_delegates


class RegistrationError(Exception):
    """A registration the data or the person's rights do not allow; the message says why."""


@audited
def register_delegation(*, session: Session, entity: Entity, category: str = "", by: User) -> Participation:
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
        participation.full_clean()
        participation.save()
    return participation


@audited
def save_delegate(
    *, participation: Participation, values: dict, by: User, delegate: Delegate | None = None
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
        delegate.save()
    return delegate


@audited
def remove_delegate(*, delegate: Delegate, by: User) -> None:
    participation = delegate.participation
    if not may_register_for(by, participation.session.committee, participation.entity_id):
        raise RegistrationError(_("You may not register delegates of this delegation."))
    delegate.delete()


@audited
def mark_attendance(*, meeting: Meeting, present: set[int], by: User) -> int:
    """Record which of the session's delegates attended `meeting`; return how many did."""
    if meeting.session is None or not can(by, Permission.MANAGE, meeting.session.committee):
        raise RegistrationError(_("Only the secretariat marks attendance."))  # a session's meeting, at that
    with transaction.atomic():
        delegates = list(Delegate.objects.filter(participation__session=meeting.session_id, pk__in=present))
        meeting.attendees.set(delegates)
    return len(delegates)

"""Recording what the session did, as it does it: each step at its meeting, the officers it elects.

Only the secretariat records; a mistaken record is withdrawn, and the report then says nothing of it."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from committee.bodies.models import Entity
from committee.kernel.audit import audited
from committee.kernel.editing import EditError
from committee.roles.access import Permission, can
from meetings.proceedings.models import Proceeding
from meetings.programme.models import BureauMember, Courtesy, Meeting
from meetings.sessions.models import Session


class ProceedingsError(EditError):
    """A record the session's state does not allow; the message says why."""


def _check(session: Session, by: User, meeting: Meeting | None, on: datetime.date | None) -> None:
    if not can(by, Permission.MANAGE, session.committee):
        raise ProceedingsError(_("Only the secretariat records the proceedings."))
    if meeting is not None and meeting.session_id != session.pk:
        raise ProceedingsError(_("That meeting is not one of this session's."))
    if meeting is None and on is None:
        raise ProceedingsError(_("Say at which meeting, or on which day."))


@audited
def record_step(
    *,
    session: Session,
    kind: str,
    meeting: Meeting | None,
    on: datetime.date | None = None,
    rapporteur_authorized: bool = False,
    next_session: tuple[datetime.date | None, datetime.date | None, dict[str, str]] = (None, None, {}),
    by: User,
) -> Proceeding:
    """Record (or correct) that the session took the step `kind`, at `meeting` or on `on`; for the announcement
    of the next session, `next_session` is the days it opens and closes and its place."""
    if kind not in Proceeding.Kind.values:
        raise ProceedingsError(_("There is no such step."))
    _check(session, by, meeting, on)
    if rapporteur_authorized and kind != Proceeding.Kind.ADOPTION_OF_REPORT:
        raise ProceedingsError(_("Only the adoption of the report authorizes the rapporteur."))
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()  # the step may not exist yet
        step = Proceeding.objects.filter(session=session, kind=kind).first() or Proceeding(session=session, kind=kind)
        step.meeting, step.rapporteur_authorized = meeting, rapporteur_authorized
        step.held_on = on or (meeting.date if meeting else None)  # kept if the meeting is later removed
        if kind == Proceeding.Kind.NEXT_SESSION:
            step.next_starts_on, step.next_ends_on, step.next_place = next_session
        try:
            step.full_clean(exclude=["session", "meeting"])
        except ValidationError as error:
            raise ProceedingsError(" ".join(error.messages)) from None
        step.save()
    return step


@audited
def withdraw_step(*, session: Session, kind: str, by: User) -> None:
    if not can(by, Permission.MANAGE, session.committee):
        raise ProceedingsError(_("Only the secretariat records the proceedings."))
    with transaction.atomic():
        for step in Proceeding.objects.select_for_update().filter(session=session, kind=kind):
            step.delete()


@audited
def elect_officer(
    *,
    session: Session,
    role: str,
    courtesy: str,
    name: str,
    state: Entity | None,
    meeting: Meeting | None,
    on: datetime.date | None = None,
    by: User,
) -> BureauMember:
    """Record an officer the session elected, after the ones already recorded."""
    _check(session, by, meeting, on)
    if role not in BureauMember.Role.values or courtesy not in Courtesy.values:
        raise ProceedingsError(_("Choose an office and a courtesy title."))
    if not name.strip():
        raise ProceedingsError(_("Give the officer's name."))
    if state is not None and not state.is_state:
        raise ProceedingsError(_("An officer serves for a State."))
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()
        last = session.bureau.aggregate(last=Max("position"))["last"] or 0
        return BureauMember.objects.create(
            session=session,
            role=role,
            courtesy=courtesy,
            name=name.strip(),
            state=state,
            elected_at=meeting,
            elected_on=on or (meeting.date if meeting else None),
            position=last + 1,
        )


@audited
def remove_officer(*, officer: BureauMember, by: User) -> None:
    if not can(by, Permission.MANAGE, officer.session.committee):
        raise ProceedingsError(_("Only the secretariat records the proceedings."))
    with transaction.atomic():
        BureauMember.objects.select_for_update().filter(pk=officer.pk).delete()

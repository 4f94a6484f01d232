"""Recording how the session adopted each text: the method, the meeting, and for a vote or a silence procedure
the positions of the States. The report words the adoption from this record alone."""

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.bodies.models import Entity
from committee.kernel.audit import audited
from committee.kernel.editing import EditError
from committee.roles.access import Permission, can
from decisions.outcomes.models import Decision, StatePosition
from meetings.programme.models import Meeting

VOTES = {StatePosition.Position.IN_FAVOUR, StatePosition.Position.AGAINST, StatePosition.Position.ABSTAINING}


class AdoptionError(EditError):
    """An adoption that cannot be recorded as given; the message says why."""


def adoption_problem(*, method: str, dated: bool, deadline: datetime.date | None, positions: list[str]) -> str | None:
    """Why an adoption cannot be recorded as given (None if it can): the one rule for the page and the session
    file. `dated`: a meeting or a day is given; `deadline`: a silence procedure's end; `positions`: the States'
    positions recorded."""
    given = set(positions)
    if method not in Decision.Method.values:
        return _("Choose how the text was adopted.")
    if given - set(StatePosition.Position.values):
        return _("A State is in favour, against, abstaining or objecting.")
    if method == Decision.Method.SILENCE:
        if deadline is None:
            return _("Give the day the silence procedure ends.")
        if deadline >= timezone.localdate():
            return _("The silence procedure has not ended yet: record it once its deadline has passed.")
        if dated:
            return _("A silence procedure is held at no meeting: give only the day it ends.")
        if given - {StatePosition.Position.OBJECTION}:
            return _("Under a silence procedure, States only object.")
        return None
    if deadline is not None:
        return _("Only a silence procedure has an end date.")
    if method and not dated:
        return _("Say at which meeting, or on which day.")
    if method == Decision.Method.RECORDED_VOTE:
        if not given or given - VOTES:
            return _("A recorded vote records how each State voted: in favour, against or abstaining.")
        if positions.count(StatePosition.Position.IN_FAVOUR) <= positions.count(StatePosition.Position.AGAINST):
            return _("A text with no more votes in favour than against was not adopted: record only what was.")
    elif positions:
        return _("Only a recorded vote or a silence procedure records the positions of States.")
    return None


@audited
def record_adoption(
    *,
    decision: Decision,
    method: str,
    meeting: Meeting | None = None,
    on: datetime.date | None = None,
    silence_ends_on: datetime.date | None = None,
    positions: dict[Entity, str] | None = None,
    by: User,
) -> Decision:
    """Record (or correct) how `decision` was adopted; `method` blank withdraws the record."""
    if not can(by, Permission.MANAGE, decision.session.committee):
        raise AdoptionError(_("Only the secretariat records how a text was adopted."))
    positions = positions or {}
    if meeting is not None and meeting.session_id != decision.session_id:
        raise AdoptionError(_("That meeting is not one of this session's."))
    if any(not state.is_state for state in positions):
        raise AdoptionError(_("Only States vote or object."))
    problem = adoption_problem(
        method=method,
        dated=meeting is not None or on is not None,
        deadline=silence_ends_on,
        positions=list(positions.values()),
    )
    if problem:
        raise AdoptionError(problem)
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        decision.method = method
        decision.adopted_at = meeting if method else None
        decision.silence_ends_on = silence_ends_on
        objected = any(p == StatePosition.Position.OBJECTION for p in positions.values())
        if method == Decision.Method.SILENCE:
            decision.adopted_on = None if objected else silence_ends_on
        else:
            decision.adopted_on = (on or (meeting.date if meeting else None)) if method else None
        decision.save()
        decision.votes.all().delete()
        for state, position in positions.items():
            StatePosition.objects.create(decision=decision, state=state, position=position)
    return decision

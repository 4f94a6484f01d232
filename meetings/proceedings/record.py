"""The session's record, step by step, read in three queries: what the proceedings page shows and what the
draft report lists as not yet recorded."""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meetings.proceedings.models import Proceeding
from meetings.programme.models import Agenda, BureauMember, Meeting
from meetings.sessions.models import Session

NEXT_SESSION_AGENDA = "next_session_agenda"
ELECTION = "election_of_officers"
ADOPTION_OF_AGENDA = "adoption_of_agenda"


@dataclass(frozen=True)
class Step:
    key: str  # a Proceeding.Kind, or one of the three steps recorded on the programme's own records
    title: str | Promise
    recorded: bool
    meeting: Meeting | None = None
    on: datetime.date | None = None
    detail: str | Promise = ""
    rapporteur_authorized: bool = False
    next_session: tuple[datetime.date | None, datetime.date | None, dict[str, str]] = (None, None, {})


def session_steps(session: Session) -> tuple[list[Step], list[BureauMember], dict[str, Agenda]]:
    """The session's procedural steps in the order a session takes them, with its officers and agendas."""
    steps = {step.kind: step for step in Proceeding.objects.filter(session=session).select_related("meeting")}
    agendas = {agenda.kind: agenda for agenda in Agenda.objects.filter(session=session).select_related("adopted_at")}
    officers = list(BureauMember.objects.filter(session=session).select_related("state", "elected_at"))

    def proceeding(kind: Proceeding.Kind) -> Step:
        step = steps.get(kind)
        if step is None:
            return Step(kind, kind.label, False)
        detail: str | Promise = ""
        if step.rapporteur_authorized:
            detail = _("The rapporteur is authorized to finalize the report.")
        announced = (step.next_starts_on, step.next_ends_on, step.next_place)
        return Step(kind, kind.label, True, step.meeting, step.date, detail, step.rapporteur_authorized, announced)

    adopted = agendas.get(Agenda.Kind.ADOPTED)
    following = agendas.get(Agenda.Kind.NEXT_SESSION)
    first_election = officers[0] if officers else None
    return (
        [
            proceeding(Proceeding.Kind.OPENING),
            Step(
                ELECTION,
                _("Election of officers"),
                bool(officers),
                first_election.elected_at if first_election else None,
                first_election.elected_on if first_election else None,
            ),
            Step(
                ADOPTION_OF_AGENDA,
                _("Adoption of the agenda"),
                adopted is not None,
                adopted.adopted_at if adopted else None,
                adopted.adopted_on if adopted else None,
                (_("As orally amended.") if adopted.as_amended else _("As proposed.")) if adopted else "",
            ),
            proceeding(Proceeding.Kind.ORGANIZATION_OF_WORK),
            proceeding(Proceeding.Kind.CREDENTIALS),
            proceeding(Proceeding.Kind.STATUS_OF_MEMBERSHIP),
            proceeding(Proceeding.Kind.OTHER_MATTERS),
            Step(
                NEXT_SESSION_AGENDA,
                _("Approval of the next session's provisional agenda"),
                following is not None and following.approved,
                following.adopted_at if following else None,
                following.adopted_on if following else None,
            ),
            proceeding(Proceeding.Kind.NEXT_SESSION),
            proceeding(Proceeding.Kind.ADOPTION_OF_REPORT),
            proceeding(Proceeding.Kind.CLOSING),
        ],
        officers,
        agendas,
    )

"""How a text was adopted: the secretariat records it (the method, the meeting, the States' votes or
objections); the proceedings page lists every text of the session with its record."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from committee.bodies.models import Entity
from committee.kernel.collation import collation_key
from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission
from decisions.outcomes.forms import POSITION_CHOICES, AdoptionForm
from decisions.outcomes.models import Decision
from decisions.outcomes.services import AdoptionError, record_adoption
from meetings.sessions.access import get_session_for_user
from meetings.sessions.models import Session


def voting_states(session: Session, decision: Decision) -> list[Entity]:
    """The States that can vote at the session: its members, the States registered for it, and any State whose
    position is already recorded (so that saving never drops it), by name in the reader's language."""
    states = Entity.objects.filter(kind__in=[Entity.Kind.STATE, Entity.Kind.TERRITORY])
    chosen = (
        states.filter(memberships__committee=session.committee)
        | states.filter(participations__session=session)
        | states.filter(pk__in=decision.votes.values("state"))
    )
    return sorted(chosen.distinct(), key=lambda state: collation_key(str(state)))


@login_required
def adoption_page(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    decision = get_object_or_404(Decision.objects.select_related("adopted_at"), pk=pk, session=session)
    states = voting_states(session, decision)
    recorded = {vote.state_id: vote.position for vote in decision.votes.all()}
    initial = {
        "method": decision.method,
        "meeting": decision.adopted_at,
        "on": decision.adopted_on if decision.adopted_at is None and decision.method != "silence" else None,
        "silence_ends_on": decision.silence_ends_on,
    }
    form = AdoptionForm(request.POST or None, session=session, initial=initial)
    chosen = (
        {state.pk: request.POST.get(f"position-{state.pk}", "") for state in states}
        if request.method == "POST"
        else recorded
    )
    if form.is_valid():
        positions = {state: chosen[state.pk] for state in states if chosen.get(state.pk)}
        values = form.cleaned_data
        if carry_out(
            request,
            lambda: record_adoption(
                decision=decision,
                method=values["method"],
                meeting=values["meeting"],
                on=values["on"],
                silence_ends_on=values["silence_ends_on"],
                positions=positions,
                by=request.user,
            ),
            done=_("Recorded: the report words the adoption as recorded here."),
            refusals=(AdoptionError,),
        ):
            return redirect(reverse("proceedings:page", kwargs={"code": session.code}) + "#outcomes")
    context = {
        "session": session,
        "decision": decision,
        "form": form,
        "states": [(state, chosen.get(state.pk, "")) for state in states],
        "choices": POSITION_CHOICES,
    }
    return render(request, "outcomes/adoption.html", context, status=400 if request.method == "POST" else 200)

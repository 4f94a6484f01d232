"""The proceedings page: the secretariat records what the session did as it does it, each step at its meeting;
everyone who sees the session reads the record."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission, can
from meetings.proceedings.forms import NextSessionForm, OfficerForm, ReportAdoptionForm, StepForm, session_meetings
from meetings.proceedings.models import Proceeding
from meetings.proceedings.pages import proceedings_main
from meetings.proceedings.record import NEXT_SESSION_AGENDA, Step, session_steps
from meetings.proceedings.services import elect_officer, record_step, remove_officer, withdraw_step
from meetings.programme.agenda import approve_next_session_agenda, withdraw_approval_of_next_session_agenda
from meetings.programme.models import BureauMember
from meetings.sessions.access import get_session_for_user
from meetings.sessions.models import Session

RECORDED_HERE = {*Proceeding.Kind.values, NEXT_SESSION_AGENDA}


def proceedings_page(request: HttpRequest, code: str, invalid: dict | None = None) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.VIEW)
    manage = can(request.user, Permission.MANAGE, session.committee)
    steps, officers, agendas = session_steps(session)
    forms = _forms(session, steps, invalid or {}) if manage else {}
    context = {
        "session": session,
        "can_manage": manage,
        "steps": [(step, forms.get(step.key)) for step in steps],
        "officers": officers,
        "officer_form": forms.get("officer"),
        "next_agenda_prepared": "next_session" in agendas,
        "sections": proceedings_main.render(request, session),
    }
    return render(request, "proceedings/proceedings.html", context, status=400 if invalid else 200)


def _forms(session: Session, steps: list[Step], invalid: dict) -> dict:
    """A form per step recorded here, and one for an officer; those just refused keep what was typed."""
    meetings = list(session_meetings(session))
    forms: dict = {}
    for step in steps:
        if step.key not in RECORDED_HERE:
            continue
        initial: dict[str, object] = {"meeting": step.meeting, "on": step.on if step.meeting is None else None}
        form_class = _form_class(step.key)
        if step.key == Proceeding.Kind.ADOPTION_OF_REPORT:
            initial["rapporteur_authorized"] = step.rapporteur_authorized
        if step.key == Proceeding.Kind.NEXT_SESSION:
            initial["starts_on"], initial["ends_on"], initial["place"] = step.next_session
        forms[step.key] = invalid.get(step.key) or form_class(
            session=session, meetings=meetings, initial=initial, prefix=step.key
        )
    forms["officer"] = invalid.get("officer") or OfficerForm(session=session, meetings=meetings, prefix="officer")
    return forms


def _form_class(kind: str) -> type[StepForm]:
    """The form that records a step of `kind`: where and when, and what some steps say besides."""
    if kind == Proceeding.Kind.ADOPTION_OF_REPORT:
        return ReportAdoptionForm
    if kind == Proceeding.Kind.NEXT_SESSION:
        return NextSessionForm
    return StepForm


def _back(session: Session, anchor: str) -> HttpResponse:
    return redirect(reverse("proceedings:page", kwargs={"code": session.code}) + f"#step-{anchor}")


@require_POST
@login_required
def record_step_view(request: AuthenticatedHttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in RECORDED_HERE:
        raise Http404
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    form = _form_class(kind)(request.POST, session=session, prefix=kind)
    if not form.is_valid():
        return proceedings_page(request, code, invalid={kind: form})
    meeting, on = form.cleaned_data["meeting"], form.cleaned_data["on"]
    operation: Callable[[], object]
    if kind == NEXT_SESSION_AGENDA:
        operation = lambda: approve_next_session_agenda(session=session, meeting=meeting, on=on, by=request.user)  # noqa: E731
    else:
        values = form.cleaned_data
        authorized = values.get("rapporteur_authorized", False)
        announced = (values.get("starts_on"), values.get("ends_on"), values.get("place") or {})
        operation = lambda: record_step(  # noqa: E731
            session=session,
            kind=kind,
            meeting=meeting,
            on=on,
            rapporteur_authorized=authorized,
            next_session=announced,
            by=request.user,
        )
    carry_out(request, operation, done=_("Recorded: the report states it as recorded here."))
    return _back(session, kind)


@require_POST
@login_required
def withdraw_step_view(request: AuthenticatedHttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in RECORDED_HERE:
        raise Http404
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    operation: Callable[[], object]
    if kind == NEXT_SESSION_AGENDA:
        operation = lambda: withdraw_approval_of_next_session_agenda(session=session, by=request.user)  # noqa: E731
    else:
        operation = lambda: withdraw_step(session=session, kind=kind, by=request.user)  # noqa: E731
    carry_out(request, operation, done=_("Withdrawn: the report no longer states it."))
    return _back(session, kind)


@require_POST
@login_required
def elect_officer_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    form = OfficerForm(request.POST, session=session, prefix="officer")
    if not form.is_valid():
        return proceedings_page(request, code, invalid={"officer": form})
    values = form.cleaned_data
    carry_out(
        request,
        lambda: elect_officer(
            session=session,
            role=values["role"],
            courtesy=values["courtesy"],
            name=values["name"],
            state=values["state"],
            meeting=values["meeting"],
            on=values["on"],
            by=request.user,
        ),
        done=_("The officer is recorded as elected."),
    )
    return _back(session, "election_of_officers")


@require_POST
@login_required
def remove_officer_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    officer = get_object_or_404(BureauMember.objects.select_related("session__committee"), pk=pk, session=session)
    carry_out(request, lambda: remove_officer(officer=officer, by=request.user), done=_("The officer is removed."))
    return _back(session, "election_of_officers")

"""The secretariat creates a committee's sessions and changes their settings."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission, get_committee_for_user
from meetings.sessions.access import get_session_for_user
from meetings.sessions.forms import SessionForm
from meetings.sessions.services import SessionError, change_session, create_session, next_session


@login_required
def new_session(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    form = SessionForm(request.POST or None, initial=next_session(committee))
    if form.is_valid() and carry_out(
        request,
        lambda: create_session(committee=committee, values=form.cleaned_data, by=request.user),
        done=_("The session is created, with its draft report: prepare its agenda and its programme next."),
        refusals=(SessionError,),
    ):
        return redirect("programme:session", code=form.cleaned_data["code"])
    context = {"form": form, "committee": committee}
    return render(request, "sessions/session_form.html", context, status=400 if form.errors else 200)


@login_required
def session_settings(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    form = SessionForm(request.POST or None, instance=session)
    if form.is_valid() and carry_out(
        request,
        lambda: change_session(session=session, values=form.cleaned_data, by=request.user),
        done=_("The session's settings are saved."),
        refusals=(SessionError,),
    ):
        return redirect(session)
    context = {"form": form, "committee": session.committee, "session": session}
    return render(request, "sessions/session_form.html", context, status=400 if form.errors else 200)

"""The programme editor: the secretariat schedules, changes and cancels meetings (of a session, or of a committee
outside sessions), and their participants are told by email with the invitation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission, check, get_committee_for_user
from meetings.programme.forms import MeetingForm, MeetingPeopleFormSet
from meetings.programme.models import Meeting
from meetings.programme.services import MeetingError, cancel_meeting, change_meeting, schedule_meeting
from meetings.sessions.access import get_session_for_user


def _back(meeting: Meeting) -> HttpResponse:
    return redirect(meeting.get_absolute_url())


@login_required
def new_meeting(request: AuthenticatedHttpRequest, code: str, outside_sessions: bool = False) -> HttpResponse:
    """A new meeting of session `code`, or (outside_sessions) of committee `code`."""
    if outside_sessions:
        committee, session = get_committee_for_user(request.user, code, need=Permission.MANAGE), None
    else:
        session = get_session_for_user(request.user, code, need=Permission.MANAGE)
        committee = session.committee
    form = MeetingForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        meeting = schedule_meeting(committee=committee, session=session, values=form.cleaned_data, by=request.user)
        messages.success(request, _("%(meeting)s is scheduled; its participants are told.") % {"meeting": meeting})
        return redirect("programme:edit_meeting", pk=meeting.pk)
    context = {"form": form, "session": session, "committee": committee, "meeting": None}
    return render(request, "programme/meeting_form.html", context, status=400 if form.errors else 200)


@login_required
def edit_meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("session", "committee"), pk=pk)
    check(request.user, Permission.MANAGE, meeting.committee)
    form = MeetingForm(request.POST or None, instance=meeting, session=meeting.session)
    people = MeetingPeopleFormSet(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid() and people.is_valid():
        try:
            change_meeting(meeting=meeting, values=form.cleaned_data, by=request.user, also=people.save)
        except MeetingError as error:
            messages.error(request, str(error))
            return redirect("programme:edit_meeting", pk=meeting.pk)
        messages.success(request, _("%(meeting)s is saved.") % {"meeting": meeting})
        return _back(meeting)
    context: dict[str, Any] = {
        "form": form,
        "people": people,
        "session": meeting.session,
        "committee": meeting.committee,
    }
    context["meeting"] = meeting
    return render(request, "programme/meeting_form.html", context, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def cancel_meeting_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("session", "committee"), pk=pk)
    check(request.user, Permission.MANAGE, meeting.committee)
    cancel_meeting(meeting=meeting, by=request.user)
    messages.success(request, _("%(meeting)s is cancelled; its participants are told.") % {"meeting": meeting})
    return _back(meeting)

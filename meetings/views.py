from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from committee.access import Permission, check, visible_committees
from meetings.attendance import attendance_by_category
from meetings.models import Session


@login_required
def home(request: HttpRequest) -> HttpResponse:
    committees = visible_committees(request.user).select_related("parent").prefetch_related("sessions")
    return render(request, "meetings/home.html", {"committees": committees})


@login_required
def session_detail(request: HttpRequest, code: str) -> HttpResponse:
    session = get_object_or_404(Session.objects.with_details(), code=code)
    check(request.user, Permission.VIEW, session.committee)
    attendance = attendance_by_category(
        session.participations.all(),
        language=get_language() or "en",
        organizations_in_english_order=session.committee.organizations_in_english_order,
    )
    return render(request, "meetings/session_detail.html", {"session": session, "attendance": attendance})

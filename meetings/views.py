from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from committee.models import Committee
from meetings.models import Participation, Session


@login_required
def home(request: HttpRequest) -> HttpResponse:
    committees = Committee.objects.select_related("parent").prefetch_related("sessions")
    return render(request, "meetings/home.html", {"committees": committees})


@login_required
def session_detail(request: HttpRequest, code: str) -> HttpResponse:
    session = get_object_or_404(Session.objects.with_details(), code=code)
    language = get_language() or "en"
    order = list(Participation.Category.values)
    participations = sorted(
        session.participations.all(), key=lambda p: (order.index(p.category), p.name_in(language).casefold())
    )
    by_category = [
        (Participation.Category(category).label, list(group))
        for category, group in groupby(participations, key=lambda p: p.category)
    ]
    return render(
        request, "meetings/session_detail.html", {"session": session, "participants_by_category": by_category}
    )

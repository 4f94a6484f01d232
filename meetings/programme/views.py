import datetime

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committee.kernel.collation import collation_key
from committee.kernel.page_cache import cached_page
from committee.roles.access import (
    Permission,
    can,
    check,
    get_committee_for_user,
    serves_a_secretariat,
    visible_committees,
)
from committee.roles.forms import InvitationForm
from meetings.programme.models import UPCOMING_LISTED, Agenda, BureauMember, Meeting
from meetings.programme.pages import committee_main, committee_setup, session_main, session_side
from meetings.sessions.models import Session

HOME_SESSIONS_LISTED = 3  # a committee's latest sessions on the home page; the rest on its own page
SESSIONS_PER_PAGE = 10  # on a committee's page, latest first
WHOLE_PROGRAMME_LIMIT = 12  # meetings up to which a session's programme is shown whole; a longer one a day at a time


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """The committees one may see (the public ones, for everyone), each with its latest sessions, and their coming
    meetings: ten years of sessions weigh no more on it than one."""
    latest = models.Prefetch(
        "sessions", queryset=Session.objects.latest_first()[:HOME_SESSIONS_LISTED], to_attr="latest_sessions"
    )
    committees = (
        visible_committees(request.user)
        .select_related("parent")
        .annotate(session_count=models.Count("sessions"))
        .prefetch_related(latest)
    )
    upcoming = Meeting.objects.with_programme().upcoming().filter(committee__in=committees)
    context = {
        "committees": committees,
        "upcoming": list(upcoming[:UPCOMING_LISTED]),
        "can_set_up": serves_a_secretariat(request.user),
    }
    return render(request, "programme/home.html", context)


@cached_page
def committee_page(request: HttpRequest, code: str) -> HttpResponse:
    """A committee: its coming meetings, sessions, sub-committees and members; for the secretariat, its people."""
    committee = get_committee_for_user(request.user, code, related=("parent", "secretariat"))
    manage = can(request.user, Permission.MANAGE, committee)
    context = {
        "committee": committee,
        "children": visible_committees(request.user).filter(parent=committee),
        "memberships": sorted(  # by name in the reader's language, not by code
            committee.memberships.select_related("entity"), key=lambda m: collation_key(str(m.entity))
        ),
        "sessions": Paginator(committee.sessions.latest_first(), SESSIONS_PER_PAGE).get_page(
            request.GET.get("sessions")
        ),
        "main_sections": committee_main.render(request, committee),
        "can_manage": manage,
        "setup_links": committee_setup.render(request, committee) if manage else [],
        "invitations": committee.invitations.filter(accepted_at__isnull=True) if manage else [],
        "roles": committee.roles.select_related("user", "entity").order_by("kind", "user__email") if manage else [],
        "form": InvitationForm() if manage else None,
    }
    return render(request, "programme/committee.html", context)


def programme_day(days: list[datetime.date], *, asked: str, today: datetime.date) -> datetime.date | None:
    """The day of a long programme to show: the one asked for (or the next with meetings), else today's or the next
    with meetings; once the session is over, its first."""
    try:
        wanted = datetime.date.fromisoformat(asked)
    except ValueError:
        wanted = today
    return next((day for day in days if day >= wanted), days[0] if days else None)


@cached_page
def session_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A session: its agendas, programme and bureau, and what the apps above show of it (participants, report…)."""
    session = get_object_or_404(
        Session.objects.select_related("committee__parent", "country").prefetch_related(
            models.Prefetch("bureau", queryset=BureauMember.objects.select_related("state", "elected_at")),
            models.Prefetch("agendas", queryset=Agenda.objects.with_items()),
        ),
        code=code,
    )
    check(request.user, Permission.VIEW, session.committee)
    meetings = session.meetings.with_programme()
    dates = list(session.meetings.values_list("date", flat=True))
    days: list[datetime.date] = []
    day = None
    if len(dates) > WHOLE_PROGRAMME_LIMIT:
        days = sorted({date for date in dates if date is not None})
        day = programme_day(days, asked=request.GET.get("day", ""), today=timezone.localdate())
        meetings = meetings.on_day_or_undated(day) if day else meetings
    context = {
        "session": session,
        "programme": list(meetings),
        "programme_days": days,
        "programme_day": day,
        "can_manage": can(request.user, Permission.MANAGE, session.committee),
        "main_sections": session_main.render(request, session),
        "side_sections": session_side.render(request, session),
    }
    return render(request, "programme/session_detail.html", context)

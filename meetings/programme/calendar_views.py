"""Calendar feeds (iCalendar): a committee's (with its sub-committees if asked), a session's, and each person's
private one, which holds the meetings of all their committees and needs no sign-in (its address is the secret)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Committee
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGES, pick
from committee.kernel.page_cache import cached_page
from committee.roles.access import Permission, committees_of, get_committee_for_user, visible_committees
from meetings.programme.ical import build_calendar
from meetings.programme.models import CalendarFeed, Meeting
from meetings.sessions.access import get_session_for_user


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def _feed(request: HttpRequest, meetings, *, name: str, filename: str) -> HttpResponse:
    meetings = meetings.select_related("session", "committee__secretariat").prefetch_related(
        "agenda_items", "people__entity"
    )

    content = build_calendar(
        meetings.order_by("date", "start_time", "pk"),
        language=_language(request),
        name=name,
        link=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


FEED_PAST = datetime.timedelta(days=366)  # how far back a committee's or a person's feed reaches


def _window(request: HttpRequest, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings of the past year and all those to come, so that a feed does not grow with the years;
    ?year=2019 gives that year's instead (the older meetings stay in reach)."""
    year = request.GET.get("year", "")
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise Http404
        return meetings.filter(date__year=int(year))
    return meetings.filter(date__gte=timezone.localdate() - FEED_PAST)


@cached_page
def committee_calendar(request: HttpRequest, code: str) -> HttpResponse:
    """?subcommittees=1 adds the meetings of every body below it; ?year=2019, a past year's meetings."""
    committee = get_committee_for_user(request.user, code, need=Permission.VIEW)
    bodies: list[int] | QuerySet[Committee] = [committee.pk]
    if request.GET.get("subcommittees"):  # those the reader may see: a private sub-committee stays private
        bodies = visible_committees(request.user).filter(pk__in=committee.with_descendants())
    name = pick(committee.name, _language(request))
    meetings = _window(request, Meeting.objects.filter(committee__in=bodies))
    return _feed(request, meetings, name=name, filename=committee.code)


@cached_page
def session_calendar(request: HttpRequest, code: str) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    return _feed(request, session.meetings.all(), name=session.code, filename=session.code.replace("/", "_"))


@cached_page
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    meetings = _window(request, Meeting.objects.filter(committee__in=committees_of(feed.user)))
    return _feed(request, meetings, name=_("My meetings (Rapporteur)"), filename="rapporteur")


@login_required
@cached_page
def calendars(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's private calendar address, and the feeds of their committees."""
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    address = request.build_absolute_uri(reverse("programme:personal_calendar", kwargs={"token": feed.token}))
    context = {"address": address, "committees": committees_of(request.user).order_by("code")}
    return render(request, "programme/calendars.html", context)


@require_POST
@login_required
def renew_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed.renew()
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("programme:calendars")

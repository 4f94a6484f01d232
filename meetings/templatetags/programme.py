import datetime
import zoneinfo

from django import template
from django.db.models import Q
from django.utils import timezone

from committee.access import Permission, can, visible_committees
from committee.models import Committee
from meetings.models import UPCOMING_LISTED, Meeting

register = template.Library()

ANNOUNCEMENTS = 5  # the last announcements of past meetings a committee page lists


@register.inclusion_tag("meetings/committee_programme.html", takes_context=True)
def committee_programme(context: template.Context, committee: Committee) -> dict:
    """A committee's (and its sub-committees') coming meetings, and what its last meetings announced for the next."""
    today = timezone.localdate()
    user = context["request"].user
    bodies = visible_committees(user).filter(pk__in=committee.with_descendants())  # private sub-committees stay so
    meetings = Meeting.objects.with_programme().filter(committee__in=bodies)
    upcoming = list(meetings.upcoming()[:UPCOMING_LISTED])
    announced = (
        meetings.filter(date__lt=today)
        .filter(Q(next_date__isnull=False) | ~Q(next_topic={}))
        .order_by("-date", "-start_time")[:ANNOUNCEMENTS]
    )
    return {
        "committee": committee,
        "upcoming": upcoming,
        "announced": list(announced),
        "request": context["request"],
        "can_manage": can(context["request"].user, Permission.MANAGE, committee),
    }


@register.filter
def time_zone_name(meeting: Meeting) -> str:
    """The abbreviation of the meeting's time zone on its day (CET, CEST), for the times beside it."""
    if meeting.date is None or meeting.start_time is None:
        return ""
    moment = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zoneinfo.ZoneInfo(meeting.time_zone))
    return moment.tzname() or ""

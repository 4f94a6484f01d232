import datetime
import zoneinfo

from django import template
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from committee.bodies.models import Committee
from committee.roles.access import Permission, can, visible_committees
from documents.registry.models import Document, DocumentFile
from meetings.programme.models import UPCOMING_LISTED, AgendaItem, Meeting
from meetings.sessions.models import Session

register = template.Library()

ANNOUNCEMENTS = 5  # the last announcements of past meetings a committee page lists


@register.inclusion_tag("programme/committee_programme.html", takes_context=True)
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


@register.inclusion_tag("programme/session_documents.html", takes_context=True)
def session_documents(context: template.Context, session: Session) -> dict:
    """The session's documents the reader may see, each with its language versions."""
    user = context["request"].user
    documents = (
        Document.objects.readable_by(user, session.committee)
        .filter(session=session)
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.order_by("language")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("parent").order_by("position")),
        )
    )
    return {"documents": documents, "session": session}


@register.simple_tag(takes_context=True)
def documents_by_meeting(context: template.Context, meetings: list[Meeting]) -> dict[int, list[Document]]:
    """The documents the reader may see of each of `meetings`, with who submitted them: a query per committee."""
    user = context["request"].user
    by_meeting: dict[int, list[Document]] = {meeting.pk: [] for meeting in meetings}
    committees = {meeting.committee_id: meeting.committee for meeting in meetings}
    for committee in committees.values():
        documents = (
            Document.objects.readable_by(user, committee)
            .filter(meetings__in=[m.pk for m in meetings if m.committee_id == committee.pk])
            .annotate(meeting_id=F("meetings"))
            .prefetch_related("submitted_by")
            .order_by("symbol")
        )
        for document in documents:
            by_meeting[document.meeting_id].append(document)  # type: ignore[attr-defined]  # annotated above
    return by_meeting


@register.filter
def documents_of(by_meeting: dict[int, list[Document]], meeting: Meeting) -> list[Document]:
    return by_meeting.get(meeting.pk, [])

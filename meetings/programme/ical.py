"""Meetings as iCalendar (RFC 5545): the feeds calendars subscribe to, and the invitations sent by email.

One event per dated meeting. Its UID comes from the meeting's identity, so a changed meeting keeps it
and carries a higher SEQUENCE; a cancelled one stays, with STATUS:CANCELLED. Times are the venue's,
with its VTIMEZONE; a meeting without times is an all-day event (DTEND the day after, exclusive).
"""

import datetime
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from committee.kernel.multilingual import pick
from meetings.programme.models import Meeting

PRODUCT = "-//Rapporteur//Meetings//EN"


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _lines(text: str) -> list[str]:
    """The text's lines without control characters, which RFC 5545 forbids in text: a tab or other spacing control
    (vertical tab, form feed, separators) becomes a space, any other (a bell, an escape, DEL, C1 codes) is left out."""
    return [
        "".join(" " if c.isspace() else c for c in line if c.isspace() or unicodedata.category(c) != "Cc")
        for line in _LINE_BREAK.split(text)
    ]


def one_line(text: str) -> str:
    """Text that must hold on one line (a calendar's name, an email's subject), its breaks made spaces and its
    control characters left out."""
    return " ".join(" ".join(_lines(text)).split())


def _text(text: str) -> str:
    """Text of several lines, each break a line feed (which iCalendar escapes as \\n), without control characters."""
    return "\n".join(_lines(text))


def meeting_uid(meeting: Meeting) -> str:
    """Stable whatever changes in the meeting (date, room, title): its primary key, in the tool's domain."""
    return f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def build_calendar(
    meetings: Iterable[Meeting],
    *,
    language: str,
    name: str,
    link: Callable[[Meeting], str],
    method: str = "PUBLISH",
    attendee: str | None = None,
) -> bytes:
    """The calendar of `meetings` in `language`; `link` gives each meeting's page, `method` is PUBLISH for a
    feed, REQUEST or CANCEL for an invitation to `attendee` (RFC 5546)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", one_line(name))
    with translation.override(language):
        for meeting in meetings:
            if meeting.date is not None:
                event = _event(meeting, language=language, link=link(meeting))
                if attendee:
                    invited = vCalAddress(f"mailto:{attendee}")
                    invited.params["role"] = "REQ-PARTICIPANT"
                    event.add("attendee", invited)
                calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_content(meeting: Meeting) -> bytes:
    """The meeting's event as a calendar shows it (in English, without its link and time stamp): what a change
    to it is measured against. Empty for a meeting without a date, which no calendar holds."""
    if meeting.date is None:
        return b""
    with translation.override("en"):
        event = _event(meeting, language="en", link="")
    for stamped in ("dtstamp", "sequence", "url"):
        event.pop(stamped, None)
    return event.to_ical()


def _event(meeting: Meeting, *, language: str, link: str) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    date = meeting.date
    if date is None:
        raise ValueError("A meeting without a date has no event.")  # calendars hold only dated meetings
    event.add("summary", _text(_summary(meeting, language)))
    if meeting.start_time is None:
        event.add("dtstart", date)
        event.add("dtend", date + datetime.timedelta(days=1))
    else:
        zone = zoneinfo.ZoneInfo(meeting.time_zone)
        event.add("dtstart", datetime.datetime.combine(date, meeting.start_time, tzinfo=zone))
        if meeting.end_time is not None:
            event.add("dtend", datetime.datetime.combine(date, meeting.end_time, tzinfo=zone))
    location = _location(meeting, language)
    if location:
        event.add("location", one_line(location))
    event.add("description", _text(_description(meeting, language, link)))
    event.add("url", link)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    secretariat = meeting.committee.secretariat
    organizer.params["cn"] = one_line(pick(secretariat.name, language) if secretariat else str(meeting.committee))
    event.add("organizer", organizer)
    return event


def _summary(meeting: Meeting, language: str) -> str:
    title = pick(meeting.title, language) or str(meeting.get_kind_display())
    where = meeting.session.code if meeting.session is not None else pick(meeting.committee.short_name, language)
    return f"{title} ({where})" if where else title


def _location(meeting: Meeting, language: str) -> str:
    parts = [meeting.room]
    if meeting.session is not None:
        parts += [pick(meeting.session.venue, language), pick(meeting.session.city, language)]
    if not any(parts) and meeting.online_link:
        parts = [_("Online")]
    return ", ".join(part for part in parts if part)


def _description(meeting: Meeting, language: str, link: str) -> str:
    lines = [f"{meeting.get_kind_display()}: {pick(meeting.committee.name, language)}"]
    items = list(meeting.agenda_items.all())
    if items:
        lines.append("")
        lines.append(_("Agenda items:"))
        lines += [f"{item.display_number}. {pick(item.title, language)}" for item in items]
    people = list(meeting.people.all())
    if people:
        lines.append("")
        for person in people:
            name = " ".join(part for part in (person.get_courtesy_display(), person.name) if part)
            of = f" ({person.entity.name_in(language)})" if person.entity is not None else ""
            lines.append(f"{person.get_role_display()}: {name}{of}")
    if meeting.online_link:
        lines += ["", _("Join online: %(link)s") % {"link": meeting.online_link}]
    lines += ["", link]
    return "\n".join(lines)

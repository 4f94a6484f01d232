"""Notices of meetings by email: when one is scheduled, changed or cancelled, its registered participants
(a session's delegates; for a meeting outside sessions, the committee's people) are told, each in their
language, with the invitation attached for their calendar (METHOD:REQUEST, or CANCEL)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.jobs.kinds import Outcome, Progress
from committee.jobs.models import Job
from committee.jobs.services import start_job
from committee.kernel.dates import dates_in
from committee.kernel.multilingual import pick
from committee.roles.models import Role
from meetings.programme.ical import build_calendar, one_line
from meetings.programme.models import Meeting
from meetings.programme.signals import CANCELLED, CHANGED, SCHEDULED
from meetings.registration.models import Delegate


def meeting_link(meeting: Meeting) -> str:
    return f"{settings.SITE_URL}{meeting.get_absolute_url()}"


def recipients(meeting: Meeting) -> dict[str, str]:
    """Each address to tell, with its language."""
    if meeting.session_id:
        delegates = Delegate.objects.filter(participation__session=meeting.session_id).exclude(email="")
        return {delegate.email.casefold(): delegate.language for delegate in delegates}
    roles = Role.objects.filter(committee=meeting.committee_id).select_related("user").exclude(user__email="")
    return {role.user.email.casefold(): settings.LANGUAGE_CODE[:2] for role in roles}


def send_meeting_notices(meeting_id: int, change: str) -> int:
    """Tell the meeting's participants of `change`; return how many were told. Run after the change commits."""
    meeting = (
        Meeting.objects.select_related("session", "committee__secretariat")
        .prefetch_related("agenda_items", "people__entity")
        .get(pk=meeting_id)
    )
    method = "CANCEL" if change == CANCELLED else "REQUEST"
    messages = []
    for address, language in recipients(meeting).items():
        with translation.override(language):
            subject = {
                SCHEDULED: _("Meeting scheduled: %(meeting)s"),
                CHANGED: _("Meeting changed: %(meeting)s"),
                CANCELLED: _("Meeting cancelled: %(meeting)s"),
            }[change] % {"meeting": one_line(_title(meeting, language))}
            body = render_to_string(
                "registration/meeting_notice.txt",
                {"meeting": meeting, "change": change, "link": meeting_link(meeting), "language": language},
            )
        invitation = build_calendar(
            [meeting], language=language, name=str(meeting), link=meeting_link, method=method, attendee=address
        )
        message = EmailMessage(subject, body, None, [address])
        message.attach("invitation.ics", invitation, f"text/calendar; method={method}; charset=utf-8")
        messages.append(message)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def _title(meeting: Meeting, language: str) -> str:
    title = pick(meeting.title, language) or str(meeting.get_kind_display())
    date = dates_in(language).date(meeting.date) if meeting.date else ""
    where = meeting.session.code if meeting.session is not None else ""
    return ", ".join(part for part in (title, where, date) if part)


MEETING_NOTICES = "registration.meeting_notices"


def on_meeting_changed(sender, meeting_id: int, change: str, **kwargs) -> None:
    """The programme's `meeting_changed`: tell the meeting's participants, by a job."""
    start_job(
        MEETING_NOTICES,
        title=_("Notices of a meeting to its participants"),
        arguments={"meeting": meeting_id, "change": change},
        by=None,
    )


def meeting_notices(job: Job, progress: Progress) -> Outcome:
    told = send_meeting_notices(job.arguments["meeting"], job.arguments["change"])
    return Outcome(message=ngettext("%(count)d person told.", "%(count)d people told.", told) % {"count": told})

"""What the report shows on the session's page: its downloads and the way to the draft, for those who read drafts."""

from babel import Locale
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from committee.roles.access import Permission, can
from documents.reports.collect import report_languages
from meetings.programme.pages import session_side
from meetings.sessions.models import Session


@session_side.add(order=10)
def report_downloads(request: HttpRequest, session: Session) -> str:
    """Links to the session's report in each language with drafted text."""
    if not can(request.user, Permission.VIEW_LIMITED, session.committee):
        return ""
    names = Locale.parse(get_language() or "en", sep="-").languages  # CLDR: "English", "français"
    languages = [(code, names.get(code, code)) for code in report_languages(session)]
    return render_to_string(
        "reports/report_downloads.html", {"session": session, "languages": languages}, request=request
    )

from django import template

from committee.multilingual import LANGUAGE_NAMES
from documents.report.data import report_languages
from meetings.models import Session

register = template.Library()


@register.inclusion_tag("documents/report_downloads.html")
def report_downloads(session: Session) -> dict:
    """Links to the session's report in each language that has drafted text."""
    return {"session": session, "languages": [(code, LANGUAGE_NAMES[code]) for code in report_languages(session)]}

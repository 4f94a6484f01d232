from babel import Locale
from django import template
from django.utils.translation import get_language

from documents.report.data import report_languages
from meetings.models import Session

register = template.Library()


@register.inclusion_tag("documents/report_downloads.html")
def report_downloads(session: Session) -> dict:
    """Links to the session's report in each language that has drafted text."""
    names = Locale.parse(get_language() or "en", sep="-").languages  # CLDR: "English", "français"
    return {"session": session, "languages": [(code, names.get(code, code)) for code in report_languages(session)]}

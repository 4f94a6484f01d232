from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from committee.access import Permission, check
from committee.multilingual import LANGUAGES
from documents.report import build_session_report, collect_session_report_data
from meetings.models import Session

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def session_report(request: HttpRequest, code: str, language: str) -> HttpResponse:
    """The session's report in `language`, built from its current data."""
    if language not in LANGUAGES:
        raise Http404
    session = get_object_or_404(Session.objects.select_related("committee"), code=code)
    check(request.user, Permission.VIEW_LIMITED, session.committee)  # built from live data: a draft until issued
    data = collect_session_report_data(session)
    content = build_session_report(data, language=language)
    name = (data.symbol or session.code).replace("/", "_")
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{language}.docx"'
    return response

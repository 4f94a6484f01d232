"""What registration shows on the session's page: its participants by category."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from meetings.programme.pages import session_main
from meetings.registration.attendance import attendance_by_category
from meetings.sessions.models import Session


@session_main.add(order=20)
def participants(request: HttpRequest, session: Session) -> str:
    attendance = attendance_by_category(
        session.participations.select_related("entity"),
        language=get_language() or "en",
        organizations_in_english_order=session.committee.organizations_in_english_order,
    )
    context = {"session": session, "attendance": attendance}
    return render_to_string("registration/session_participants.html", context, request=request)

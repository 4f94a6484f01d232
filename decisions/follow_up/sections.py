"""What the follow-up shows on the session's and the committee's pages: the way to what was decided."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from committee.bodies.models import Committee
from meetings.programme.pages import committee_main, session_main
from meetings.sessions.models import Session


@session_main.add(order=10)
def session_decisions(request: HttpRequest, session: Session) -> str:
    if not session.decisions.exists():
        return ""
    return render_to_string("follow_up/session_decisions_link.html", {"session": session}, request=request)


@committee_main.add(order=10)
def committee_follow_up(request: HttpRequest, committee: Committee) -> str:
    if not committee.sessions.exists():
        return ""
    return render_to_string("follow_up/committee_follow_up_link.html", {"committee": committee}, request=request)

"""What the proceedings show on the session's page: the way to the record of what the session did."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from meetings.programme.pages import session_side
from meetings.sessions.models import Session


@session_side.add(order=5)
def proceedings_link(request: HttpRequest, session: Session) -> str:
    return render_to_string("proceedings/session_link.html", {"session": session})  # no request: no queries

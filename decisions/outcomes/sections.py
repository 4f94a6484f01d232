"""What the outcomes show on the proceedings page: each text of the session and how it was adopted."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from committee.roles.access import Permission, can
from decisions.outcomes.models import Decision, StatePosition
from meetings.proceedings.pages import proceedings_main
from meetings.sessions.models import Session


@proceedings_main.add(order=10)
def adoptions(request: HttpRequest, session: Session) -> str:
    position = StatePosition.Position
    decisions = (
        Decision.objects.filter(session=session)
        .select_related("adopted_at")
        .annotate(
            in_favour=Count("votes", filter=Q(votes__position=position.IN_FAVOUR)),
            against=Count("votes", filter=Q(votes__position=position.AGAINST)),
            abstaining=Count("votes", filter=Q(votes__position=position.ABSTAINING)),
            objections=Count("votes", filter=Q(votes__position=position.OBJECTION)),
        )
    )
    context = {
        "session": session,
        "decisions": decisions,
        "can_manage": can(request.user, Permission.MANAGE, session.committee),
    }
    return render_to_string("outcomes/adoptions.html", context, request=request)

"""The live meeting's pages: the chair's (and secretariat's) console, everyone's view, and the room display.

Each form posts to `live_action`, which does what the websocket would; without JavaScript, the pages show
the same state on reload. With it (static/meetings/live.js), they follow each change as it happens.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_POST

from committee.bodies.models import Entity
from committee.kernel.collation import collation_key
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.page_cache import cached_page
from committee.roles.access import Permission, can, check, represented_entities
from meetings.live import services as live
from meetings.programme.models import AgendaItem, Meeting

SPEAKER_ACTIONS = [
    ("give_floor", gettext_lazy("Give the floor")),
    ("up", gettext_lazy("Up")),
    ("down", gettext_lazy("Down")),
    ("withdraw", gettext_lazy("Remove")),
]


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "session"), pk=pk)
    check(request.user, Permission.VIEW, meeting.committee)
    return meeting


@cached_page
def live_page(request: HttpRequest, pk: int, display: bool = False) -> HttpResponse:
    """Everyone's view of the meeting (with the chair's controls for those who run it), or the room display."""
    meeting = _meeting(request, pk)
    runs = can(request.user, Permission.RUN_MEETING, meeting.committee)
    own = list(Entity.objects.filter(pk__in=represented_entities(request.user, meeting.committee)))
    items = AgendaItem.objects.referable(meeting.session_id).order_by("position") if meeting.session_id else []
    delegations = []
    if runs and meeting.session_id:  # the session's delegations, by name in the reader's language
        language = (get_language() or "en")[:2]
        registered = Entity.objects.filter(participations__session=meeting.session_id)
        delegations = sorted(registered, key=lambda e: collation_key(e.name_in(language)))
    context = {
        "meeting": meeting,
        "state": live.state(meeting),
        "language": (get_language() or "en")[:2],
        "runs": runs,
        "own_delegations": own,
        "own_ids": {entity.pk for entity in own},
        "items": items,
        "delegations": delegations,
        "speaker_actions": SPEAKER_ACTIONS if runs else [],
    }
    return render(request, "live/live_display.html" if display else "live/live.html", context)


@require_POST
@login_required
def live_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        live.perform(meeting=meeting, by=request.user, action=action, data=request.POST)
    except live.NotAllowed:
        raise PermissionDenied from None
    except live.LiveError as error:
        messages.error(request, str(error))
    return redirect("live:live", pk=meeting.pk)

"""A meeting as it happens: the item taken up, the list of speakers (requests, points of order, the floor,
the speaking time) and announcements.

The state lives in the database. Each change locks the meeting's live row, applies, raises its version
and, once committed, sends the whole new state to everyone watching (`meetings.events`); a client that
reconnects is sent the current state. The same functions serve the pages (forms) and the websocket.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.bodies.models import Entity
from committee.kernel.audit import audited
from committee.kernel.concurrency import retried, retrying
from committee.roles.access import Permission, can, represented_entities
from meetings.live import events
from meetings.live.models import Announcement, LiveMeeting, Speaker
from meetings.programme.models import AgendaItem, Meeting

ANNOUNCEMENTS_SHOWN = 5


class LiveError(Exception):
    """An action the meeting's state or the person's rights do not allow; the message says why."""


class NotAllowed(LiveError):
    """The person may not do this at all (as against: not now)."""


def live_meeting(meeting: Meeting) -> LiveMeeting:
    live, _created = LiveMeeting.objects.get_or_create(meeting=meeting)
    return live


def version_of(meeting: Meeting) -> int:
    """The version of the meeting's live state, read alone (each process's watchers look at it every few seconds)."""
    return LiveMeeting.objects.filter(meeting=meeting).values_list("version", flat=True).first() or 0


def state(meeting: Meeting) -> dict:
    """Everything a live page shows, as plain data: what the socket sends and the pages render. Names and
    titles come in every language they have: each reader's page picks its own."""
    live = live_meeting(meeting)
    item = live.current_item
    speakers = list(
        meeting.speakers.filter(status__in=[Speaker.Status.WAITING, Speaker.Status.SPEAKING]).select_related("entity")
    )
    floor = next((s for s in speakers if s.status == Speaker.Status.SPEAKING), None)
    queue = sorted((s for s in speakers if s.status == Speaker.Status.WAITING), key=_queue_order)
    return {
        "meeting": meeting.pk,
        "version": live.version,
        "now": timezone.now().isoformat(),
        "item": {"id": item.pk, "number": item.display_number, "title": item.title} if item else None,
        "list_open": live.list_open,
        "speaking_time": live.speaking_time,
        "floor": _speaker(floor) if floor else None,
        "queue": [_speaker(s) for s in queue],
        "announcements": [
            {"text": a.text, "at": a.posted_at.isoformat()} for a in meeting.announcements.all()[:ANNOUNCEMENTS_SHOWN]
        ],
    }


def _queue_order(speaker: Speaker) -> tuple:
    return (not speaker.point_of_order, speaker.position, speaker.pk)  # points of order jump the queue


def _speaker(speaker: Speaker) -> dict:
    return {
        "id": speaker.pk,
        "delegation": speaker.entity.name,
        "entity": speaker.entity_id,
        "point_of_order": speaker.point_of_order,
        "started_at": speaker.started_at.isoformat() if speaker.started_at else None,
    }


def _change(meeting: Meeting, by: User, *, permission: Permission | None = Permission.RUN_MEETING):
    """Lock the live row for a change (after checking `permission`); the caller changes it, then `_done`."""
    if permission is not None and not can(by, permission, meeting.committee):
        raise NotAllowed(_("Only the chair or the secretariat runs the meeting."))
    live_meeting(meeting)
    return LiveMeeting.objects.select_for_update().get(meeting=meeting)


def _done(live: LiveMeeting) -> None:
    """Raise the version; once committed, everyone watching gets the new state."""
    live.version += 1
    live.save()
    meeting = live.meeting
    # Robust: the change is made whatever happens to the message (a watcher catches up on reconnecting).
    transaction.on_commit(lambda: events.send_meeting_state(meeting.pk, retrying(lambda: state(meeting))), robust=True)


@audited
@retried
def set_current_item(*, meeting: Meeting, item: AgendaItem | None, by: User) -> None:
    with transaction.atomic():
        live = _change(meeting, by)
        if item is not None and not AgendaItem.objects.referable(meeting.session_id).filter(pk=item.pk).exists():
            raise LiveError(_("This item is not on the meeting's agenda."))
        live.current_item = item
        _done(live)


@audited
@retried
def request_floor(*, meeting: Meeting, entity: Entity, by: User, point_of_order: bool = False) -> Speaker:
    """Put `entity` on the list: a member for its own delegation, the chair or the secretariat for any."""
    runs = can(by, Permission.RUN_MEETING, meeting.committee)
    if not runs and entity.pk not in represented_entities(by, meeting.committee):
        raise NotAllowed(_("You may ask for the floor only for your own delegation."))
    with transaction.atomic():
        live = _change(meeting, by, permission=None)
        if not live.list_open and not point_of_order and not runs:
            raise LiveError(_("The list of speakers is closed."))
        if meeting.speakers.filter(
            entity=entity, status=Speaker.Status.WAITING, point_of_order=point_of_order
        ).exists():
            raise LiveError(_("%(delegation)s is already on the list.") % {"delegation": entity})
        last = meeting.speakers.aggregate(last=Max("position"))["last"] or 0
        speaker = Speaker(
            meeting=meeting,
            entity=entity,
            agenda_item=live.current_item,
            point_of_order=point_of_order,
            position=last + 1,
            requested_by=by if by.is_authenticated else None,
        )
        speaker.save()
        _done(live)
    return speaker


@audited
@retried
def withdraw(*, speaker: Speaker, by: User) -> None:
    """A delegation takes back its request; the chair or the secretariat may take any off the list."""
    meeting = speaker.meeting
    if not can(by, Permission.RUN_MEETING, meeting.committee) and (
        speaker.entity_id not in represented_entities(by, meeting.committee)
    ):
        raise NotAllowed(_("You may withdraw only your own delegation's request."))
    with transaction.atomic():
        live = _change(meeting, by, permission=None)
        speaker = Speaker.objects.get(pk=speaker.pk)
        if speaker.status != Speaker.Status.WAITING:
            raise LiveError(_("This request is no longer waiting."))
        speaker.status = Speaker.Status.WITHDRAWN
        speaker.save(update_fields=["status"])
        _done(live)


@audited
@retried
def move(*, speaker: Speaker, by: User, up: bool) -> None:
    """One place up or down the queue (among requests of the same kind: points of order stay first)."""
    with transaction.atomic():
        live = _change(speaker.meeting, by)
        queue = sorted(
            Speaker.objects.filter(meeting=speaker.meeting_id, status=Speaker.Status.WAITING), key=_queue_order
        )
        index = next((i for i, s in enumerate(queue) if s.pk == speaker.pk), None)
        if index is None:
            raise LiveError(_("This request is no longer waiting."))
        other = index - 1 if up else index + 1
        if 0 <= other < len(queue) and queue[other].point_of_order == queue[index].point_of_order:
            for position, each in enumerate(queue, start=1):
                each.position = position
            queue[index].position, queue[other].position = queue[other].position, queue[index].position
            Speaker.objects.bulk_update(queue, ["position"])
        _done(live)


@audited
@retried
def give_floor(*, meeting: Meeting, by: User, speaker: Speaker | None = None) -> Speaker | None:
    """The speaker who has the floor ends; `speaker` (the next in the queue if none is named) has it."""
    with transaction.atomic():
        live = _change(meeting, by)
        now = timezone.now()
        meeting.speakers.filter(status=Speaker.Status.SPEAKING).update(status=Speaker.Status.SPOKE, ended_at=now)
        waiting = sorted(meeting.speakers.filter(status=Speaker.Status.WAITING), key=_queue_order)
        if speaker is None:
            speaker = waiting[0] if waiting else None
        elif speaker.pk not in {s.pk for s in waiting}:
            raise LiveError(_("This request is no longer waiting."))
        if speaker is not None:
            Speaker.objects.filter(pk=speaker.pk).update(status=Speaker.Status.SPEAKING, started_at=now)
        _done(live)
    return speaker


@audited
@retried
def end_floor(*, meeting: Meeting, by: User) -> None:
    with transaction.atomic():
        live = _change(meeting, by)
        meeting.speakers.filter(status=Speaker.Status.SPEAKING).update(
            status=Speaker.Status.SPOKE, ended_at=timezone.now()
        )
        _done(live)


@audited
@retried
def set_list_open(*, meeting: Meeting, by: User, open: bool) -> None:  # noqa: A002 - the list's state
    with transaction.atomic():
        live = _change(meeting, by)
        live.list_open = open
        _done(live)


@audited
@retried
def set_speaking_time(*, meeting: Meeting, by: User, seconds: int | None) -> None:
    if seconds is not None and not 10 <= seconds <= 3600:
        raise LiveError(_("A speaking time is between 10 seconds and an hour."))
    with transaction.atomic():
        live = _change(meeting, by)
        live.speaking_time = seconds
        _done(live)


@audited
@retried
def announce(*, meeting: Meeting, text: str, by: User) -> None:
    text = text.strip()
    if not text:
        raise LiveError(_("An announcement needs a text."))
    with transaction.atomic():
        live = _change(meeting, by)
        Announcement.objects.create(meeting=meeting, text=text[:300], posted_by=by)
        _done(live)


def speakers_by_item(session_id: int) -> dict[int, list[Entity]]:
    """Who spoke on each agenda item of a session (by the item's number), in the order they first spoke."""
    spoke = (
        Speaker.objects.filter(meeting__session=session_id, status=Speaker.Status.SPOKE, agenda_item__isnull=False)
        .select_related("entity", "agenda_item")
        .order_by("started_at", "pk")
    )
    by_item: dict[int, list[Entity]] = {}
    for speaker in spoke:
        if speaker.agenda_item is None:  # none: see the filter
            continue
        delegations = by_item.setdefault(speaker.agenda_item.position, [])
        if speaker.entity not in delegations:
            delegations.append(speaker.entity)
    return by_item


def perform(*, meeting: Meeting, by: User, action: str, data) -> None:
    """One action named as the pages' forms and the websocket name them, with its values in `data` (a mapping
    of strings); every check is the action's own. Raises LiveError for anything wrong, the action included."""
    try:
        if action == "request_floor":
            entity = Entity.objects.get(pk=int(data["entity"]))
            request_floor(meeting=meeting, entity=entity, by=by, point_of_order=_yes(data.get("point_of_order")))
        elif action == "withdraw":
            withdraw(speaker=_speaker_of(meeting, data), by=by)
        elif action == "give_floor":
            give_floor(meeting=meeting, by=by, speaker=_speaker_of(meeting, data) if data.get("speaker") else None)
        elif action == "end_floor":
            end_floor(meeting=meeting, by=by)
        elif action in ("up", "down"):
            move(speaker=_speaker_of(meeting, data), by=by, up=action == "up")
        elif action == "current_item":
            item = AgendaItem.objects.get(pk=int(data["item"])) if data.get("item") else None
            set_current_item(meeting=meeting, item=item, by=by)
        elif action in ("open_list", "close_list"):
            set_list_open(meeting=meeting, by=by, open=action == "open_list")
        elif action == "speaking_time":
            seconds = str(data.get("seconds") or "")
            set_speaking_time(meeting=meeting, by=by, seconds=int(seconds) if seconds else None)
        elif action == "announce":
            announce(meeting=meeting, text=str(data.get("text", "")), by=by)
        else:
            raise LiveError(_("There is no such action."))
    except (ObjectDoesNotExist, KeyError, ValueError, TypeError):
        raise LiveError(_("This action names nothing that exists.")) from None


def _yes(value) -> bool:
    return str(value).lower() in ("1", "true", "on", "yes")


def _speaker_of(meeting: Meeting, data) -> Speaker:
    return Speaker.objects.select_related("meeting__committee").get(pk=int(data["speaker"]), meeting=meeting)

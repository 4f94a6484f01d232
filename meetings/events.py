"""What the websockets carry, and to whom: each live meeting's group, each draft report's group.

Each message carries its text, written once for every watcher (`meetings.watchers` passes it on as it is)."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def meeting_group(meeting_id: int) -> str:
    return f"meeting-{meeting_id}"


def report_group(session_id: int) -> str:
    return f"report-{session_id}"


def user_group(user_id: int) -> str:
    """Each person's open sockets, told when their roles change."""
    return f"user-{user_id}"


def state_message(state: dict) -> str:
    """The websocket message of a meeting's state, written once for every watcher."""
    return json.dumps({"state": state}, separators=(",", ":"))


def send_meeting_state(meeting_id: int, state: dict) -> None:
    """Give everyone watching the meeting its new state (call it once the change is committed)."""
    async_to_sync(get_channel_layer().group_send)(
        meeting_group(meeting_id), {"type": "live.state", "text": state_message(state)}
    )


def send_report_change(session_id: int, paragraph_id: int) -> None:
    """Tell everyone reviewing the draft that a paragraph's comments changed (once committed)."""
    async_to_sync(get_channel_layer().group_send)(
        report_group(session_id), {"type": "report.comments", "text": json.dumps({"paragraph": paragraph_id})}
    )


def send_access_changed(user_id: int) -> None:
    """Tell the person's open sockets to ask again whether they may stay (a role was taken away or changed)."""
    async_to_sync(get_channel_layer().group_send)(user_group(user_id), {"type": "access.changed"})


def roles_changed(sender, instance, **kwargs) -> None:
    """A role saved or deleted, however (page, admin, import): the person's sockets ask again once it is committed."""
    user_id = instance.user_id
    transaction.on_commit(lambda: send_access_changed(user_id), robust=True)

"""What the websockets carry, and to whom: each live meeting's group, each draft report's group.

Each message carries its text, written once for every watcher (`meetings.watchers` passes it on as it is)."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def meeting_group(meeting_id: int) -> str:
    return f"meeting-{meeting_id}"


def state_message(state: dict) -> str:
    """The websocket message of a meeting's state, written once for every watcher."""
    return json.dumps({"state": state}, separators=(",", ":"))


def version_in(text: str) -> int:
    """The version of the state a message carries (-1 for none)."""
    try:
        return int(json.loads(text)["state"]["version"])
    except (ValueError, KeyError, TypeError):
        return -1


def send_meeting_state(meeting_id: int, state: dict) -> None:
    """Give everyone watching the meeting its new state (call it once the change is committed)."""
    async_to_sync(get_channel_layer().group_send)(
        meeting_group(meeting_id), {"type": "live.state", "text": state_message(state)}
    )

"""What the draft report's websocket carries: a paragraph's comments changed."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def report_group(session_id: int) -> str:
    return f"report-{session_id}"


def send_report_change(session_id: int, paragraph_id: int) -> None:
    """Tell everyone reviewing the draft that a paragraph's comments changed (once committed)."""
    async_to_sync(get_channel_layer().group_send)(
        report_group(session_id), {"type": "report.comments", "text": json.dumps({"paragraph": paragraph_id})}
    )

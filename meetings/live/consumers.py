"""The live meeting over a websocket: watchers get each new state; those who may act send actions.

The connection obeys the same rules as the pages (`committee.access`): one who may not see the meeting's
committee is refused, and each action is checked as its form would be (`meetings.live`).
"""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from committee.roles import watchers
from committee.roles.access import Permission, can, forget_roles
from committee.roles.middleware import lacks_second_factor
from committee.roles.watchers import REFUSED
from meetings.live import events
from meetings.live import services as live
from meetings.programme.models import Meeting


class LiveMeetingConsumer(watchers.WatchingConsumer, AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.meeting = await self.visible_meeting(self.scope["url_route"]["kwargs"]["pk"])
        if self.meeting is None:
            await self.close(code=REFUSED)
            return
        await self.accept()
        await self.watch(events.meeting_group(self.meeting.pk))
        text = events.state_message(await database_sync_to_async(live.state)(self.meeting))
        watchers.seen(self.group, text)
        await self.send(text_data=text)

    async def fresher(self, last_text: str) -> str | None:
        """The meeting's state, if it changed since `last_text` (its message lost: Redis was away)."""
        if await database_sync_to_async(live.version_of)(self.meeting) <= events.version_in(last_text):
            return None
        return events.state_message(await database_sync_to_async(live.state)(self.meeting))

    @classmethod
    async def decode_json(cls, text_data: str) -> dict:
        """What is not a JSON object is no action (and is answered as one), rather than the end of the socket."""
        try:
            content = json.loads(text_data)
        except ValueError:
            return {}
        return content if isinstance(content, dict) else {}

    async def receive_json(self, content: dict, **kwargs) -> None:
        """An action, as its form on the page would do it, with the same checks."""
        action = str(content.get("action", ""))
        try:
            await database_sync_to_async(self.perform)(action, content)
        except live.LiveError as error:
            await self.send_json({"error": str(error), "action": action})

    async def still_allowed(self) -> bool:
        return await self.visible_meeting(self.meeting.pk) is not None

    @database_sync_to_async
    def visible_meeting(self, pk: int) -> Meeting | None:
        """The meeting, if the person may see it; none for one who must first set up their second factor."""
        user = self.scope["user"]
        if lacks_second_factor(user):
            return None
        meeting = Meeting.objects.select_related("committee", "session").filter(pk=pk).first()
        if meeting is None or not can(user, Permission.VIEW, meeting.committee):
            return None
        return meeting

    def perform(self, action: str, content: dict) -> None:
        """An action with the person's roles as they are now, not as they were when the socket opened."""
        forget_roles(self.scope["user"])
        live.perform(meeting=self.meeting, by=self.scope["user"], action=action, data=content)

"""The draft report's review over a websocket: a new comment or its resolution reaches everyone reviewing."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from committee.roles import watchers
from committee.roles.access import Permission, can
from committee.roles.middleware import lacks_second_factor
from committee.roles.watchers import REFUSED
from documents.reports import events
from meetings.sessions.models import Session


class ReportReviewConsumer(watchers.WatchingConsumer, AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        session_id = self.scope["url_route"]["kwargs"]["session"]
        if not await self.may_read_drafts(session_id):
            await self.close(code=REFUSED)
            return
        self.session_id = session_id
        await self.accept()
        await self.watch(events.report_group(session_id))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Reviewers only listen here: their comments go through the page's forms."""

    async def still_allowed(self) -> bool:
        return await self.may_read_drafts(self.session_id)

    @database_sync_to_async
    def may_read_drafts(self, session_id: int) -> bool:
        if lacks_second_factor(self.scope["user"]):
            return False
        session = Session.objects.select_related("committee").filter(pk=session_id).first()
        return session is not None and can(self.scope["user"], Permission.VIEW_LIMITED, session.committee)

"""One subscription per group and server process: a change reaches the process's watchers from one reader.

With a channel layer subscription per socket, each change woke every watcher's consumer in turn through
channels' dispatch loop (a wait on its tasks per message and per watcher), which took 1,000 watchers three to
five times as long as Redis pub/sub itself. Here a process subscribes once to each group it has watchers for;
its reader hands each message, serialized once by its sender, to every socket's own writer. A socket that
cannot keep up (its backlog full) is closed rather than allowed to hold up the others: its client reconnects
and is given the current state.

Only open sockets live here, as a server keeps its connections: the state itself is in the database, and a
watcher that reconnects to another process is given it afresh.
"""

import asyncio
import logging
import weakref
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import transaction

from committee.roles.access import forget_roles

logger = logging.getLogger(__name__)

BACKLOG = 20  # messages a socket may fall behind before it is closed
RENEWAL = 3600  # seconds between renewals of the group subscription (the in-memory layer lets it expire in a day)
TOO_SLOW = 4408  # the close code for a watcher that fell behind (it reconnects)
REFUSED = 4403  # the close code for "not allowed" (4000-4999 are the application's)


class _Socket:
    """A watcher's socket and its writer, which sends the messages in order, at the socket's own pace."""

    def __init__(self, consumer: AsyncWebsocketConsumer) -> None:
        self.consumer = consumer
        self.backlog: asyncio.Queue[str] = asyncio.Queue(maxsize=BACKLOG)
        self.writer = asyncio.create_task(self._write())

    async def _write(self) -> None:
        while True:
            text = await self.backlog.get()
            try:
                await self.consumer.send(text_data=text)
            except Exception:  # the connection is gone: the consumer's own ending unwatches it
                logger.info("A watcher's socket is gone.", exc_info=True)
                return

    def offer(self, text: str) -> bool:
        """Queue the message; False if the socket is too far behind."""
        try:
            self.backlog.put_nowait(text)
        except asyncio.QueueFull:
            return False
        return True


@dataclass(eq=False)
class _Group:
    name: str
    sockets: dict = field(default_factory=dict)  # consumer -> _Socket
    subscribed: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    channel: str = ""
    reader: asyncio.Task | None = None


# One registry per event loop: a server runs one loop, tests run one per scenario.
_groups: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _registry() -> dict[str, _Group]:
    return _groups.setdefault(asyncio.get_running_loop(), {})


async def watch(name: str, consumer: AsyncWebsocketConsumer) -> None:
    """Give the consumer's socket every message sent to the group from now on (once this returns)."""
    registry = _registry()
    group = registry.get(name)
    if group is not None:
        group.sockets[consumer] = _Socket(consumer)
        await asyncio.shield(group.subscribed)
        return
    group = registry[name] = _Group(name)
    group.subscribed.add_done_callback(lambda done: done.cancelled() or done.exception())  # retrieved, not logged
    group.sockets[consumer] = _Socket(consumer)
    layer = get_channel_layer()
    try:
        group.channel = await layer.new_channel("watchers.")
        await layer.group_add(name, group.channel)
    except BaseException as error:  # Redis out of reach, or the connection ended: the next watcher tries again
        if registry.get(name) is group:
            del registry[name]
        for socket in group.sockets.values():
            socket.writer.cancel()
        if isinstance(error, Exception):
            group.subscribed.set_exception(error)
        else:
            group.subscribed.cancel()
        raise
    group.reader = asyncio.create_task(_read(group, layer))
    group.subscribed.set_result(True)


async def unwatch(name: str, consumer: AsyncWebsocketConsumer) -> None:
    """Stop; the process leaves the group with its last watcher (or once none is left)."""
    registry = _registry()
    group = registry.get(name)
    if group is None:
        return
    socket = group.sockets.pop(consumer, None)
    if socket is not None:
        socket.writer.cancel()
    if group.sockets:
        return
    del registry[name]  # a watcher arriving from now on subscribes anew
    if group.reader is not None:
        group.reader.cancel()
        await get_channel_layer().group_discard(name, group.channel)


async def _read(group: _Group, layer) -> None:
    """Each message's text to every socket of the group in this process; one slow socket holds up no other."""
    while True:
        try:
            message = await asyncio.wait_for(layer.receive(group.channel), timeout=RENEWAL)
        except TimeoutError:
            await layer.group_add(group.name, group.channel)  # renewed, as the in-memory layer's groups expire
            continue
        except Exception:
            logger.exception("Reading group %s failed; reading again in a second.", group.name)
            await asyncio.sleep(1)
            continue
        for consumer, socket in list(group.sockets.items()):
            if not socket.offer(message["text"]):
                logger.warning("A watcher of %s fell %s messages behind; its socket is closed.", group.name, BACKLOG)
                group.sockets.pop(consumer).writer.cancel()  # the group goes when the connection ends (unwatch)
                asyncio.create_task(consumer.close(code=TOO_SLOW))  # noqa: RUF006 - it ends with the connection


class WatchingConsumer(AsyncWebsocketConsumer):
    """A consumer that watches a group (`self.group`, set on connecting) and stops however its connection
    ends: channels calls `disconnect` only on a clean close, not when a handler fails or is cancelled.

    When the person's roles change, the consumer asks `still_allowed` again and closes if the answer is no.
    """

    group = ""
    user_group = ""

    async def watch(self, group: str) -> None:
        self.group = group
        await watch(group, self)
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            self.user_group = user_group(user.pk)
            await self.channel_layer.group_add(self.user_group, self.channel_name)

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.group:
                await unwatch(self.group, self)
            if self.user_group:
                await self.channel_layer.group_discard(self.user_group, self.channel_name)

    async def access_changed(self, message: dict) -> None:
        forget_roles(self.scope["user"])
        if not await self.still_allowed():
            await self.close(code=REFUSED)

    async def still_allowed(self) -> bool:
        raise NotImplementedError


def user_group(user_id: int) -> str:
    """Each person's open sockets, told when their roles change."""
    return f"user-{user_id}"


def send_access_changed(user_id: int) -> None:
    """Tell the person's open sockets to ask again whether they may stay (a role was taken away or changed)."""
    async_to_sync(get_channel_layer().group_send)(user_group(user_id), {"type": "access.changed"})


def roles_changed(sender, instance, **kwargs) -> None:
    """A role saved or deleted, however (page, admin, import): the person's sockets ask again once it is committed."""
    user_id = instance.user_id
    transaction.on_commit(lambda: send_access_changed(user_id), robust=True)

"""One subscription per group and server process: a change reaches the process's watchers from one reader.

With a channel layer subscription per socket, each change woke every watcher's consumer in turn through
channels' dispatch loop (a wait on its tasks per message and per watcher), which took 1,000 watchers three to
five times as long as Redis pub/sub itself. Here a process subscribes once to each group it has watchers for;
its reader hands each message, serialized once by its sender, to every socket's own writer. A socket that
cannot keep up (its backlog full) is closed rather than allowed to hold up the others: its client reconnects
and is given the current state.

Only open sockets live here, as a server keeps its connections: the state itself is in the database, and a
watcher that reconnects to another process is given it afresh.

A message can be lost on its way (Redis stopped or restarting when the change was made: the change is saved, its
message is not sent). For a group whose consumer says how to tell a fresher state (`fresher`), each process looks
every CATCH_UP_EVERY seconds, one read of the database for all its watchers of the group, and hands the newer state
to them: they catch up within that time, Redis or not.
"""

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
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
CATCH_UP_EVERY = 2.0  # seconds between two looks for a change whose message was lost

# Given the text last handed to a group's watchers, the text of a newer state if there is one (else None).
Fresher = Callable[[str], Awaitable[str | None]]


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
    fresher: Fresher | None = None
    checker: asyncio.Task | None = None
    last_text: str = ""  # the last message handed to the watchers: what they have all seen

    def deliver(self, text: str) -> None:
        """Hand the message to every socket of the group in this process; close those too far behind."""
        self.last_text = text
        for consumer, socket in list(self.sockets.items()):
            if not socket.offer(text):
                logger.warning("A watcher of %s fell %s messages behind; its socket is closed.", self.name, BACKLOG)
                self.sockets.pop(consumer).writer.cancel()  # the group goes when the connection ends (unwatch)
                asyncio.create_task(consumer.close(code=TOO_SLOW))  # noqa: RUF006 - it ends with the connection


# One registry per event loop: a server runs one loop, tests run one per scenario.
_groups: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _registry() -> dict[str, _Group]:
    return _groups.setdefault(asyncio.get_running_loop(), {})


async def watch(name: str, consumer: AsyncWebsocketConsumer, fresher: Fresher | None = None) -> None:
    """Give the consumer's socket every message sent to the group from now on (once this returns), and, with
    `fresher`, every newer state whose message was lost."""
    registry = _registry()
    group = registry.get(name)
    if group is not None:
        group.sockets[consumer] = _Socket(consumer)
        await asyncio.shield(group.subscribed)
        return
    group = registry[name] = _Group(name, fresher=fresher)
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
    if fresher is not None:
        group.checker = asyncio.create_task(_catch_up(group))
    group.subscribed.set_result(True)


def seen(name: str, text: str) -> None:
    """`text` is what a watcher of the group was just given (its state on connecting): the group's starting point."""
    group = _registry().get(name)
    if group is not None and not group.last_text:
        group.last_text = text


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
    if group.checker is not None:
        group.checker.cancel()
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
        group.deliver(message["text"])


async def _catch_up(group: _Group) -> None:
    """Every CATCH_UP_EVERY seconds, the group's newer state, if its message never came."""
    assert group.fresher is not None
    while True:
        await asyncio.sleep(CATCH_UP_EVERY)
        try:
            text = await group.fresher(group.last_text)
        except Exception:  # the database restarting: look again next time
            logger.warning("Looking for a newer state of %s failed.", group.name, exc_info=True)
            continue
        if text is not None:
            group.deliver(text)


class WatchingConsumer(AsyncWebsocketConsumer):
    """A consumer that watches a group (`self.group`, set on connecting) and stops however its connection
    ends: channels calls `disconnect` only on a clean close, not when a handler fails or is cancelled.

    When the person's roles change, the consumer asks `still_allowed` again and closes if the answer is no.
    """

    group = ""
    user_group = ""
    fresher: Fresher | None = None  # a consumer whose state can be read again says how (see the module)

    async def watch(self, group: str) -> None:
        self.group = group
        await watch(group, self, self.fresher)
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

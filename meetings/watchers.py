"""One subscription per group and server process: a change reaches the process's watchers from one reader.

With a channel layer subscription per socket, each change woke every watcher's consumer in turn through
channels' dispatch loop (a wait on its tasks per message and per watcher), which took 1,000 watchers three to
five times as long as Redis pub/sub itself. Here a process subscribes once to each group it has watchers for
and writes each message, serialized once by its sender, straight to every socket it holds.

Only open sockets live here, as a server keeps its connections: the state itself is in the database, and a
watcher that reconnects to another process is given it afresh.
"""

import asyncio
import logging
import weakref
from dataclasses import dataclass, field

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class _Group:
    name: str
    sockets: set = field(default_factory=set)
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
    if group is None:
        group = registry[name] = _Group(name)
        group.sockets.add(consumer)
        layer = get_channel_layer()
        try:
            group.channel = await layer.new_channel("watchers.")
            await layer.group_add(name, group.channel)
        except Exception as error:  # Redis out of reach: those waiting get the error, the next watcher tries again
            del registry[name]
            group.subscribed.set_exception(error)
            raise
        group.reader = asyncio.create_task(_read(group, layer))
        group.subscribed.set_result(True)
    else:
        group.sockets.add(consumer)
        await asyncio.shield(group.subscribed)


async def unwatch(name: str, consumer: AsyncWebsocketConsumer) -> None:
    """Stop; the process leaves the group with its last watcher."""
    registry = _registry()
    group = registry.get(name)
    if group is None or consumer not in group.sockets:
        return
    group.sockets.discard(consumer)
    if group.sockets:
        return
    del registry[name]  # a watcher arriving from now on subscribes anew
    await asyncio.shield(group.subscribed)
    group.reader.cancel()
    await get_channel_layer().group_discard(name, group.channel)


async def _read(group: _Group, layer) -> None:
    """Each message's text to every socket of the group in this process; one broken socket stops no other."""
    while True:
        try:
            message = await layer.receive(group.channel)
        except Exception:
            logger.exception("Reading group %s failed; reading again in a second.", group.name)
            await asyncio.sleep(1)
            continue
        for consumer in list(group.sockets):
            try:
                await consumer.send(text_data=message["text"])
            except Exception:
                logger.exception("A watcher of %s could not be sent a change.", group.name)

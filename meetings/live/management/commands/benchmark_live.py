"""How long a change of the list of speakers takes to reach 1,000 watchers, beside raw Redis pub/sub.

The command starts the ASGI server (daphne) on loopback with the Redis channel layer, opens the websockets
to a meeting of a public committee (the demo's), then changes the list of speakers again and again from
this process, as a worker would, and times each change until the last client has it. The changes are made by
an account created for the run, chair of that committee only, and deleted with the requests it made when the
run ends, however it ends: the database is left as it was found. In the same run,
raw Redis pub/sub delivers a message of the same size to as many subscribers over their own connections.
"""

import asyncio
import contextlib
import gc
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import redis.asyncio
import websockets
from channels.db import database_sync_to_async  # closes its connection after each call, as a consumer does
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management.base import BaseCommand, CommandError
from websockets.typing import Origin

from committee.bodies.models import Entity
from committee.roles.models import Role
from meetings.live import services as live
from meetings.live.models import Speaker
from meetings.programme.models import Meeting

SERVERS = {  # how each server is started, on a port
    "daphne": lambda port: ["daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
    "uvicorn": lambda port: ["uvicorn", "--host", "127.0.0.1", "--port", str(port), "--ws", "websockets", "--log-level",
                             "warning", "config.asgi:application"],
}  # fmt: skip


MEDIAN_AIM = 2.5  # the median delivery within this many times raw pub/sub's
SPREAD_AIM = 3.0  # the 99th percentile within this many times the median


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextlib.contextmanager
def _without_collections() -> Iterator[None]:
    """No garbage collection in this process, the clients' side, while it times: a full collection of 3,000
    clients' objects pauses it for a large part of a second, which would be counted as the server's delay."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def temporary_chair(meeting: Meeting) -> Iterator[AbstractUser]:
    """Who changes the list of speakers: an account made for the run, chair of the meeting's committee and nothing
    more (not staff, no password: nobody can sign in with it), deleted with its role and the role's history when
    the run ends, however it ends."""
    chair = get_user_model().objects.create_user(f"benchmark-{uuid.uuid4().hex}", password=None)
    try:
        Role.objects.create(user=chair, committee=meeting.committee, kind=Role.Kind.CHAIR)
        yield chair
    finally:
        roles = list(Role.objects.filter(user=chair).values_list("pk", flat=True))
        chair.delete()  # and its role
        Role.history.filter(id__in=roles).delete()


class Command(BaseCommand):
    help = "Time a list-of-speakers change to 1,000 websocket clients through Redis, beside raw Redis pub/sub."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=1000)
        parser.add_argument("--changes", type=int, default=20, help="changes timed (and pub/sub messages)")
        parser.add_argument("--meeting", type=int, help="a meeting of a public committee (default: the demo's)")
        parser.add_argument("--server", choices=sorted(SERVERS), default="daphne", help="the ASGI server")
        parser.add_argument("--workers", type=int, default=1, help="server processes, each with its share of clients")

    def handle(
        self, *args, clients: int, changes: int, meeting: int | None, server: str, workers: int, **options
    ) -> None:
        if not settings.REDIS_URL:
            raise CommandError("Set REDIS_URL to a Redis server: the benchmark measures the Redis channel layer.")
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * clients + 256)), hard))
        target = self.target(meeting)
        entities = list(Entity.objects.filter(kind=Entity.Kind.STATE).order_by("code")[: changes + 1])
        ports = [_free_port() for _ in range(workers)]
        settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local")
        with temporary_chair(target) as chair:
            processes = []
            try:
                for port in ports:
                    processes.append(
                        subprocess.Popen(  # noqa: S603 - our own servers, on loopback
                            [sys.executable, "-m", *SERVERS[server](port)],
                            env=os.environ | {"DJANGO_SETTINGS_MODULE": settings_module},
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                    )
                with _without_collections():
                    socket_times = asyncio.run(
                        self.through_websockets(ports, target, chair, entities, clients, changes)
                    )
            finally:
                for process in processes:
                    process.terminate()
                    process.wait(timeout=10)
        self.workers = workers
        with _without_collections():
            raw_times = asyncio.run(self.through_pubsub(clients, changes, self.message_size))
        self.report(server, clients, changes, self.message_size, socket_times, raw_times)

    def target(self, pk: int | None) -> Meeting:
        meetings = Meeting.objects.select_related("committee", "session").filter(committee__is_public=True)
        meeting = meetings.filter(pk=pk).first() if pk else meetings.order_by("pk").first()
        if meeting is None:
            raise CommandError("No meeting of a public committee: load the demo (make demo) or give --meeting.")
        return meeting

    async def through_websockets(self, ports, meeting, chair, entities, clients, changes) -> list[float]:
        urls = [f"ws://127.0.0.1:{port}/ws/meetings/{meeting.pk}/" for port in ports]
        for url in urls:
            for _ in range(100):  # until the server listens
                try:
                    async with websockets.connect(url, origin=Origin("http://127.0.0.1")):
                        break
                except OSError:
                    await asyncio.sleep(0.1)
        connections = []
        for start in range(0, clients, 100):  # in batches, as a room fills
            batch = [
                websockets.connect(url, origin=Origin("http://127.0.0.1"), max_size=None)
                for _ in range(start, min(clients, start + 100))
            ]
            connections += await asyncio.gather(*batch)
        await asyncio.gather(*(c.recv() for c in connections))  # each has the state on connecting
        self.stdout.write(f"{len(connections)} websocket clients connected to {len(urls)} server process(es).")
        times, sizes, added = [], [], []
        try:
            for number in range(changes):
                # A request for the floor, then its withdrawal, in turn: the list (and the message) keeps its size.
                version = (await database_sync_to_async(live.state)(meeting))["version"]
                started = time.perf_counter()
                arrivals = [asyncio.create_task(self.until_version(c, version + 1)) for c in connections]
                if number % 2 == 0:
                    request = database_sync_to_async(live.request_floor)
                    added.append(await request(meeting=meeting, entity=entities[number], by=chair))
                else:
                    await database_sync_to_async(live.withdraw)(speaker=added[-1], by=chair)
                await asyncio.gather(*arrivals)
                times.append(max(task.result()[0] for task in arrivals) - started)
                sizes.append(arrivals[0].result()[1])
        finally:
            await asyncio.gather(*(c.close() for c in connections))
            # Only the requests the run made, and their history: the meeting's own list of speakers stays as it was.
            await database_sync_to_async(self.forget)([speaker.pk for speaker in added])
        self.message_size = round(statistics.mean(sizes))
        return times

    @staticmethod
    def forget(speakers: list[int]) -> None:
        Speaker.objects.filter(pk__in=speakers).delete()
        Speaker.history.filter(id__in=speakers).delete()

    @staticmethod
    async def until_version(connection, version: int) -> tuple[float, int]:
        """When the client has the state of `version` (or a later one), and how large its message was."""
        while True:
            text = await connection.recv()
            if json.loads(text).get("state", {}).get("version", 0) >= version:
                return time.perf_counter(), len(text)

    async def through_pubsub(self, clients: int, changes: int, size: int) -> list[float]:
        channel = "benchmark-raw-pubsub"
        subscribers = []
        for _ in range(clients):
            connection = redis.asyncio.Redis.from_url(settings.REDIS_URL)
            pubsub = connection.pubsub()
            await pubsub.subscribe(channel)
            await pubsub.get_message(timeout=1)  # the subscription's confirmation
            subscribers.append((connection, pubsub))
        publisher = redis.asyncio.Redis.from_url(settings.REDIS_URL)
        payload = "x" * size
        times = []

        async def receive(pubsub) -> float:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=10)
                if message is not None:
                    return time.perf_counter()

        try:
            for _ in range(changes):
                arrivals = [asyncio.create_task(receive(pubsub)) for _connection, pubsub in subscribers]
                await asyncio.sleep(0)
                started = time.perf_counter()
                await publisher.publish(channel, payload)
                await asyncio.gather(*arrivals)
                times.append(max(task.result() for task in arrivals) - started)
        finally:
            for connection, pubsub in subscribers:
                await pubsub.aclose()
                await connection.aclose()
            await publisher.aclose()
        return times

    def report(self, server, clients, changes, size, socket_times, raw_times) -> None:
        def line(name: str, times: list[float]) -> str:
            return (
                f"{name:<44} median {statistics.median(times) * 1000:7.1f} ms   "
                f"p99 {_percentile(times, 0.99) * 1000:7.1f} ms"
            )

        self.stdout.write(
            f"Until the last of {clients} clients has it, over {changes} changes ({size} bytes on average):"
        )
        self.stdout.write(line(f"list of speakers -> {server} x{self.workers} -> websockets", socket_times))
        self.stdout.write(line("raw Redis pub/sub, one connection each", raw_times))
        median = statistics.median(socket_times)
        ratio, spread = median / statistics.median(raw_times), _percentile(socket_times, 0.99) / median
        ok = ratio <= MEDIAN_AIM and spread <= SPREAD_AIM
        self.stdout.write(
            f"AIM live {clients} clients x{self.workers}: median {ratio:.2f} times raw pub/sub's, p99 {spread:.2f} "
            f"times its median (aim <= {MEDIAN_AIM}, <= {SPREAD_AIM}) {'ok' if ok else 'MISSED'}"
        )

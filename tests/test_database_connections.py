"""Under load, an ASGI worker with production settings holds a bounded number of PostgreSQL connections.

Each request runs its synchronous code in a thread of its own under ASGI: connections kept open per thread
(CONN_MAX_AGE > 0) were never reused and piled up until PostgreSQL refused more. The worker takes its connections
from one pool per process instead (config/settings/base.py). PostgreSQL only: CI's second run (scripts/test.sh).
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from committee.bodies.models import Committee
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from tests.meetings.programme.test_programme import programme_file

ROOT = Path(__file__).resolve().parent.parent
POOL_MAX = 10  # the default size of a worker's pool (DATABASE_POOL_MAX_SIZE)
CLIENTS, REQUESTS = 16, 64
WORKER = "rapporteur-load-test"  # the application_name of the worker's connections, to count only them

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (CI's second run)"
    ),
    pytest.mark.django_db(transaction=True),  # the worker, another process, reads what the test wrote
    pytest.mark.usefixtures("countries"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(**query: str) -> str:
    """The test database, as the worker's DATABASE_URL."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    options = "&".join(f"{key}={value}" for key, value in query.items())
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}?{options}"


def worker_connections(conninfo: str) -> int:
    with psycopg.connect(conninfo, autocommit=True) as counting:
        return counting.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s",
            [WORKER],
        ).fetchone()[0]


@pytest.fixture
def worker():
    """uvicorn serving config.asgi (production settings) on loopback, on the test database."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": database_url(application_name=WORKER),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    command = ["-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(  # noqa: S603 - our own server, on loopback
        [sys.executable, *command, "--lifespan", "off", "--log-level", "warning"], cwd=ROOT, env=environment
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_concurrent_requests_hold_a_bounded_number_of_connections(worker):
    session = import_session(read_session_file(json.dumps(programme_file())))
    Committee.objects.filter(pk=session.committee_id).update(is_public=True)
    pages = ["/", session.committee.get_absolute_url(), session.get_absolute_url()]
    counting = database_url().split("?")[0]
    most, done = [0], threading.Event()

    def watch() -> None:
        while not done.is_set():
            most[0] = max(most[0], worker_connections(counting))
            time.sleep(0.01)

    def fetch(number: int) -> int:
        address = worker + pages[number % len(pages)]
        request = urllib.request.Request(address, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 - ours
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server
            return response.status

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as clients:
            statuses = list(clients.map(fetch, range(REQUESTS)))
    finally:
        done.set()
        watcher.join()

    assert statuses == [200] * REQUESTS
    assert 0 < most[0] <= POOL_MAX, f"{most[0]} connections at once"
    assert worker_connections(counting) <= POOL_MAX  # and none piles up afterwards

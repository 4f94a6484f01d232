"""`make benchmark`: how fast Rapporteur is with ten years of a busy secretariat's data, as ratios measured side by
side in one run (this machine is shared and noisy), and one line per aim: `AIM <name>: <figure> (aim …) ok|MISSED`.

It starts PostgreSQL and Redis on loopback in a folder of its own (as the CI run does), loads the demo, then:
1. Pages, under the production settings, served as in production by two uvicorn workers, each a process on its
   own port, with wrk: each main page's throughput beside /healthz's (measured just before it), signed in as the
   secretariat and signed out, with the demo's data (1x) and again once ten years of sessions and a session ten
   times the demo's size are added (10x); each page's size and time alone, at 10x beside 1x; the workers' memory
   after it all.
2. The import of a session file (`manage.py benchmark_import`).
3. The report's build beside python-docx and lxml alone (`manage.py benchmark_report`).
4. A live change to 3,000 websocket clients over 2 workers beside raw Redis pub/sub (`manage.py benchmark_live`).
5. 100 searches through the results page at 1x and 10x (`manage.py benchmark_search`), before the pages' 10x.
Everything it started is stopped and its folder removed at the end, however it ends.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from production import as_postgres, postgres_binaries

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
POSTGRES_PORT, REDIS_PORT = 55532, 56479
# Two workers, each its own process on its own port, as nginx balances them in production (scripts/production.py).
# One `uvicorn --workers 2` socket is no measure: with few connections, opened at once, one worker often accepted
# them all while the other stood idle, and a run then measured half the server (as did 1 to 4 runs of 46).
WEB_PORTS = (58001, 58002)
HOST = "127.0.0.1"  # the Host every request gives, as a proxy passes on the site's own: a page has one address
PAGE_AIM = 0.5  # a page's throughput at least this share of /healthz's
GROWTH_AIM = 2.0  # a page's size and time at 10x within this many times those at 1x
MEMORY_AIM_MB = 400
YEARS, SESSIONS_A_YEAR = 10, 3

SETUP = r"""
import json
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from committee.bodies.models import Committee
from committee.roles.models import Role
from committee.roles.services import grant_secretariat_access
from decisions.strategies.models import Strategy
from meetings.sessions.models import Session

user, _ = get_user_model().objects.get_or_create(username="benchmark", defaults={"email": "benchmark@example.org"})
EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
for code in ("TDB", "PECC"):
    grant_secretariat_access(user, Committee.objects.get(code=code))
if not user.authenticator_set.exists():
    TOTP.activate(user, generate_totp_secret())  # the secretariat's second factor, required in production
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
strategy = Strategy.objects.get(committee__code="PECC")
strategy_page = f"/committees/PECC/strategies/{strategy.code}/"
print(json.dumps({"cookie": f"sessionid={store.session_key}", "strategy": strategy_page}))
"""

# The session whose pages are measured at 1x: the demo's first session as a draft (the demo's own is issued, its
# report locked), beside which the session ten times its size, a draft too, is measured at 10x.
DRAFT_COPY = r"""
import json
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.copies import renumbered
from documents.exchange.session_file.load import import_session

import_session(json.dumps(renumbered(json.loads(DEMO_FILE.read_text(encoding="utf-8")), 100)))
"""

TEN_YEARS = r"""
import json
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.copies import grown, renumbered
from documents.exchange.session_file.load import import_session

demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
number = 100
for years_earlier in range(1, YEARS + 1):
    for _ in range(SESSIONS_A_YEAR):
        number += 1
        import_session(json.dumps(renumbered(demo, number, years_earlier)))
import_session(json.dumps(grown(renumbered(demo, 200), 10)))
"""

PAGES_OF = r"""
import json
from meetings.sessions.models import Session
session = Session.objects.get(code=CODE)
meeting = session.meetings.order_by("date", "start_time", "pk").first()
print(json.dumps({"meeting": meeting.pk}))
"""


def say(text: str) -> None:
    print(f"[benchmark] {text}", flush=True)


class Stack:
    """PostgreSQL and Redis in a temporary folder, and the web workers when asked; all stopped on `stop`."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="rapporteur-benchmark-"))
        self.binaries = postgres_binaries()
        self.web: list[subprocess.Popen] = []
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://rapporteur@127.0.0.1:{POSTGRES_PORT}/rapporteur",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://{HOST}",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}",
        }

    def start(self) -> None:
        data = self.folder / "postgres"
        data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(data, "postgres")
        say(f"PostgreSQL on 127.0.0.1:{POSTGRES_PORT}, Redis on {REDIS_PORT}, in {self.folder}")
        subprocess.run(
            as_postgres([str(self.binaries / "initdb"), "-D", str(data), "-U", "rapporteur", "-A", "trust", "-E",
                         "UTF8", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {POSTGRES_PORT} -k {self.folder} -c fsync=off"
        subprocess.run(
            as_postgres([str(self.binaries / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "postgres.log"),
                         "-w", "-o", options, "start"]),
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(self.binaries / "createdb"), "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U", "rapporteur",
             "rapporteur"],
            check=True,
        )  # fmt: skip
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--pidfile", str(self.folder / "redis.pid"), "--logfile",
             str(self.folder / "redis.log")],
            check=True,
        )  # fmt: skip

    def django(self, *arguments: str, code: str | None = None, **values: object) -> str:
        """A manage.py command, or `code` run by `manage.py shell` with `values` defined; what it printed."""
        if code is not None:
            prelude = "".join(f"{name} = {value!r}\n" for name, value in values.items())
            arguments = ("shell", "-v0", "-c", prelude + code)
        finished = subprocess.run(
            [PYTHON, "manage.py", *arguments], cwd=ROOT, env=self.environment, check=True, capture_output=True,
            text=True,
        )  # fmt: skip
        return finished.stdout

    def analyze(self) -> None:
        """The planner's statistics brought up to date after a bulk load, as autovacuum would soon do."""
        subprocess.run(
            [str(self.binaries / "psql"), "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U", "rapporteur", "-c",
             "ANALYZE", "rapporteur"],
            check=True, capture_output=True,
        )  # fmt: skip

    def serve(self) -> None:
        """The two uvicorn workers, under the production settings (plain HTTP; the proxy's header says HTTPS)."""
        self.stop_web()
        command = [PYTHON, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--no-access-log",
                   "--log-level", "warning"]  # fmt: skip
        log = (self.folder / "web.log").open("ab")
        self.web = [
            subprocess.Popen(
                [*command, "--port", str(port)],
                cwd=ROOT,
                env=self.environment,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
            for port in WEB_PORTS
        ]
        for port in WEB_PORTS:
            for _ in range(300):
                try:
                    if get("/healthz", "", port)[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise SystemExit(f"The web workers did not start: see {self.folder / 'web.log'}")

    def worker_memory_mb(self) -> list[float]:
        """Each worker's resident memory."""
        return [
            int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{worker.pid}/status").read_text())[1]) / 1024  # type: ignore[index]
            for worker in self.web
        ]

    def stop_web(self) -> None:
        for worker in self.web:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=30)
        self.web = []

    def stop(self) -> None:
        self.stop_web()
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True)
        subprocess.run(
            as_postgres([str(self.binaries / "pg_ctl"), "-D", str(self.folder / "postgres"), "-m", "immediate",
                         "-w", "stop"]),
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def get(path: str, cookie: str, port: int = WEB_PORTS[0]) -> tuple[int, bytes, float]:
    """One request, as the proxy passes it on: its status, its body and its seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"X-Forwarded-Proto": "https", "Host": HOST, "Accept-Language": "en"}
    if cookie:
        headers["Cookie"] = cookie
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - start
    connection.close()
    return response.status, body, seconds


FAILURES = re.compile(r"(?:Non-2xx or 3xx responses|timeout|read|write|connect) (\d+)")  # wrk's counts


def throughput(path: str, cookie: str, seconds: float) -> tuple[float, int]:
    """Requests a second that wrk gets from `path` over both workers at once (a wrk of 1 thread and 4 connections
    on each, 8 in all), and how many failed."""
    command = ["wrk", "-t1", "-c4", f"-d{seconds:g}s", "--timeout", "10s", "-H", "X-Forwarded-Proto: https",
               "-H", f"Host: {HOST}", "-H", "Accept-Language: en"]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    loads = [
        subprocess.Popen([*command, f"http://127.0.0.1:{port}{path}"], stdout=subprocess.PIPE, text=True)
        for port in WEB_PORTS
    ]
    rate, failed = 0.0, 0
    for load in loads:
        output = load.communicate()[0]
        rate += float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]
        failed += sum(int(n) for n in FAILURES.findall(output))
    return rate, failed


def pages_of(session: str, meeting: int, strategy: str) -> dict[str, str]:
    """The main pages, for a session and one of its meetings."""
    return {
        "home": "/",
        "committee": "/committees/TD-B-EDE/",
        "session": f"/sessions/{session}/",
        "draft report": f"/sessions/{session}/draft-report/",
        "registration": f"/sessions/{session}/registration/",
        "registry": f"/sessions/{session}/documents/",
        "decisions": f"/sessions/{session}/decisions/",
        "follow-up": "/committees/TD-B-EDE/follow-up/",
        "strategy": strategy,
        "live": f"/meetings/{meeting}/live/",
        "calendars": "/calendar/",
        "committee calendar": "/committees/TD-B-EDE/calendar.ics",
        "session calendar": f"/sessions/{session}/calendar.ics",
    }


def measure_pages(pages: dict[str, str], cookie: str, seconds: float) -> dict[str, dict]:
    """Each page alone (status, size, median time of 5) and under load beside /healthz, the two in turn."""
    figures = {}
    for name, path in pages.items():
        status, body, _ = get(path, cookie)
        if status != 200:
            figures[name] = {"status": status}
            continue
        times = sorted(get(path, cookie)[2] for _ in range(5))
        healthz, _ = throughput("/healthz", "", seconds)
        rate, failed = throughput(path, cookie, seconds)
        figures[name] = {
            "status": status,
            "bytes": len(body),
            "ms": times[2] * 1000,
            "rate": rate,
            "healthz": healthz,
            "ratio": rate / healthz if healthz else 0.0,
            "failed": failed,
        }
    return figures


def print_pages(title: str, figures: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(f"{'page':<20} {'KB':>8} {'ms alone':>9} {'req/s':>8} {'healthz/s':>10} {'ratio':>6} {'failed':>7}")
    for name, f in figures.items():
        if f["status"] != 200:
            print(f"{name:<20} answers {f['status']} (not shown to this reader)")
            continue
        print(
            f"{name:<20} {f['bytes'] / 1024:>8.1f} {f['ms']:>9.1f} {f['rate']:>8.1f} {f['healthz']:>10.1f} "
            f"{f['ratio']:>6.3f} {f['failed']:>7}"
        )


def aim(name: str, figure: str, target: str, ok: bool) -> str:
    line = f"AIM {name}: {figure} (aim {target}) {'ok' if ok else 'MISSED'}"
    print(line, flush=True)
    return line


def page_aims(results: dict[str, dict[str, dict[str, dict]]]) -> list[str]:
    lines = []
    for reader in ("signed in", "signed out"):
        small, large = results["1x"][reader], results["10x"][reader]
        for name, f in large.items():
            if f["status"] != 200:
                continue
            lines.append(
                aim(
                    f"page {name}, {reader}, 10x",
                    f"{f['ratio']:.3f} of /healthz's throughput, {f['failed']} failed",
                    f">= {PAGE_AIM}, none failed",
                    f["ratio"] >= PAGE_AIM and not f["failed"],
                )
            )
            before = small.get(name, {})
            if before.get("status") == 200:
                size, took = f["bytes"] / before["bytes"], f["ms"] / before["ms"]
                lines.append(
                    aim(
                        f"page {name}, {reader}, 10x beside 1x",
                        f"size {size:.2f} times, time {took:.2f} times",
                        f"<= {GROWTH_AIM} each",
                        size <= GROWTH_AIM and took <= GROWTH_AIM,
                    )
                )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=5, help="each wrk run's duration (5 s: shorter runs swing with the machine)"
    )
    parser.add_argument("--clients", type=int, default=3000, help="the live benchmark's websocket clients")
    parser.add_argument("--skip", nargs="*", default=[], choices=["pages", "import", "report", "live", "search"])
    options = parser.parse_args()
    started = time.monotonic()
    stack = Stack()
    aims: list[str] = []
    try:
        stack.start()
        say("Migrating, collecting the static files, loading the demo (its reports issued: a minute or two)")
        stack.django("migrate", "--noinput", "-v0")
        stack.django("collectstatic", "--noinput", "-v0")
        stack.django("load_demo", f"--password={secrets.token_urlsafe(12)}")
        setup = json.loads(stack.django(code=SETUP))
        stack.django(code=DRAFT_COPY)
        if "pages" not in options.skip:
            results: dict[str, dict] = {}
            for size, session in (("1x", "TD/B/EDE/100"), ("10x", "TD/B/EDE/200")):
                if size == "10x" and "search" not in options.skip:
                    say("manage.py rebuild_search_index, benchmark_search (its 10x added and rolled back)")
                    stack.django("rebuild_search_index")  # the job worker that keeps it does not run here
                    output = stack.django("benchmark_search")
                    print(output, flush=True)
                    aims += [line for line in output.splitlines() if line.startswith("AIM ")]
                if size == "10x":
                    say(f"Adding {YEARS} years of {SESSIONS_A_YEAR} sessions as full as the demo's, and {session}, "
                        "ten times its size")  # fmt: skip
                    took = time.monotonic()
                    stack.django(code=TEN_YEARS, YEARS=YEARS, SESSIONS_A_YEAR=SESSIONS_A_YEAR)
                    say(f"... imported in {time.monotonic() - took:.0f} s")
                    stack.analyze()
                meeting = json.loads(stack.django(code=PAGES_OF, CODE=session))["meeting"]
                pages = pages_of(session, meeting, setup["strategy"])
                stack.serve()
                results[size] = {}
                for reader, cookie in (("signed in", setup["cookie"]), ("signed out", "")):
                    say(f"Pages at {size}, {reader}")
                    results[size][reader] = measure_pages(pages, cookie, options.seconds)
                    print_pages(f"Pages at {size} ({session}), {reader} (wrk -t1 -c4 on each worker, "
                                f"{options.seconds:g} s each)", results[size][reader])  # fmt: skip
                if size == "10x":
                    memory = stack.worker_memory_mb()
                stack.stop_web()
            print()
            aims += page_aims(results)
            aims.append(
                aim(
                    "memory",
                    "workers at " + ", ".join(f"{mb:.0f} MB" for mb in memory) + " after the pages at 10x",
                    f"< {MEMORY_AIM_MB} MB each",
                    all(mb < MEMORY_AIM_MB for mb in memory),
                )
            )
        for name, arguments in (
            ("import", ["benchmark_import"]),
            ("report", ["benchmark_report", "--no-pdf"]),
            ("live", ["benchmark_live", "--clients", str(options.clients), "--workers", "2", "--server", "uvicorn"]),
        ):
            if name in options.skip:
                continue
            say(" ".join(arguments))
            output = stack.django(*arguments)
            print(output, flush=True)
            aims += [line for line in output.splitlines() if line.startswith("AIM ")]
    finally:
        stack.stop()
    print(f"\nEvery aim ({(time.monotonic() - started) / 60:.1f} minutes in all):")
    for line in aims:
        print(line)
    return 0 if all(line.endswith(" ok") for line in aims) else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make drill`: the production stack under load while its servers fail, and what was lost.

It starts the stack of `make production` (scripts/production.py), adds a session ten times the size of a small one
and the drill's people, then for DURATION seconds 50 simulated people read the main pages and act (comments on the
draft report, live actions, a registrations import, a corrigendum finalized) while, one after the other, Redis is
stopped and started again, a web worker is killed, PostgreSQL is restarted, and the job worker is killed in the
middle of the finalization. It prints the requests and errors inside and outside each fault's window, how long
the live watcher took to catch up once Redis was back, and what was lost: the comments acknowledged that are not
in the database, rows and stored files before and after, the archived reports' checksums. It exits non-zero
when an error falls outside a fault window, anything is lost, the watcher took more than 5 seconds or the
finalization never finished. Everything stays on loopback; it stops the stack and itself.
"""

import argparse
import asyncio
import base64
import hashlib
import hmac
import http.client
import http.cookiejar
import json
import os
import random
import re
import signal
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "var" / "production"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PEOPLE = 50
PASSWORD = "drill-password-not-secret"  # noqa: S105 - the drill's own people, on loopback
GRACE = 10.0  # seconds after a fault's end still counted in its window (connections coming back)
ARRIVALS = 15.0  # seconds over which the 50 people arrive
CATCH_UP_LIMIT = 5.0
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE  # the stack's own certificate, made by scripts/production.py

SETUP = r"""
import json, base64
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from committee.roles.models import Role
from documents.exchange.session_file.load import import_session
from documents.reports.models import Report, ReportParagraph
from documents.reports.readiness import readiness
from documents.reports.services import open_corrigendum, open_review, waive
from meetings.live.services import set_list_open
from meetings.registration.models import Participation
from meetings.sessions.models import Session
from tests.builders import make_larger_session_file

session = Session.objects.filter(code="TST/G/20").first() or import_session(make_larger_session_file(10))
committee = session.committee
User = get_user_model()

def person(name, kind, entity=None):
    user, _ = User.objects.get_or_create(username=name, defaults={"email": f"{name}@example.org"})
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    Role.objects.get_or_create(user=user, committee=committee, kind=kind, entity=entity)
    return user

secretariat = person("drill-secretariat", Role.Kind.SECRETARIAT)
# The drill's finalization: a corrigendum to TD/B/EDE/1's report, what its source does not record waived again.
demo = Report.objects.get(session__code="TD/B/EDE/1")
Role.objects.get_or_create(user=secretariat, committee=demo.session.committee, kind=Role.Kind.SECRETARIAT)
if demo.is_locked:
    open_corrigendum(report=demo, by=secretariat)
    demo.refresh_from_db()
for missing in readiness(demo):
    if missing.waivable and missing.waiver is None:
        waive(report=demo, item=missing.item, reason="Not recorded in the report as issued.", by=secretariat)
Authenticator.objects.filter(user=secretariat).delete()
secret = generate_totp_secret()
TOTP.activate(secretariat, secret)
chair = person("drill-chair", Role.Kind.CHAIR)
delegations = list(Participation.objects.filter(session=session).select_related("entity").order_by("entity__code"))
members = [person(f"drill-{n}", Role.Kind.MEMBER, delegations[n % len(delegations)].entity) for n in range(PEOPLE)]
report = Report.objects.get(session=session)
if report.status == Report.Status.DRAFT:
    open_review(report=report, by=secretariat)
meeting = session.meetings.order_by("pk").first()
set_list_open(meeting=meeting, by=chair, open=True)

def signed_in(user):
    # A browser's session as signing in leaves it: 50 sign-ins from one address in a minute are (rightly) refused.
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

print(json.dumps({
    "session": session.code,
    "committee": committee.code,
    "meeting": meeting.pk,
    "paragraphs": list(ReportParagraph.objects.filter(section__report=report).values_list("pk", flat=True)[:200]),
    "members": [
        [user.email, delegations[n % len(delegations)].entity_id, signed_in(user)] for n, user in enumerate(members)
    ],
    "chair": signed_in(chair),
    "secret": secret,
}))
"""

SNAPSHOT = r"""
import hashlib, json
from committee.files.models import StoredFile
from committee.jobs.models import Job
from documents.reports.models import ArchivedReport, Comment
from meetings.live.models import Speaker
from meetings.registration.models import Delegate, Participation
damaged = [a.file.name for a in ArchivedReport.objects.all() if hashlib.sha256(a.file.read()).hexdigest() != a.sha256]
print(json.dumps({
    "rows": {
        "comments": Comment.objects.count(),
        "speakers": Speaker.objects.count(),
        "participations": Participation.objects.count(),
        "delegates": Delegate.objects.count(),
        "archived reports": ArchivedReport.objects.count(),
        "stored files": StoredFile.objects.count(),
    },
    "damaged": damaged,
    "drill comments": sorted(Comment.objects.filter(text__startswith="Drill comment").values_list("text", flat=True)),
    "jobs": {status: Job.objects.filter(status=status).count() for status in ("queued", "running", "done", "failed")},
    "finalization attempts": Job.objects.filter(kind="reports.finalize").order_by("-created_at")
    .values_list("attempts", flat=True).first(),
}))
"""


def totp(secret: str, at: float) -> str:
    """RFC 6238, as authenticator apps compute it (allauth's defaults: SHA-1, 30 seconds, 6 digits)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@dataclass
class Record:
    started: float
    ended: float
    kind: str
    ok: bool
    status: int
    detail: str = ""


@dataclass
class Drill:
    base: str
    started: float = field(default_factory=time.monotonic)
    records: list[Record] = field(default_factory=list)
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, record: Record) -> None:
        with self.lock:
            self.records.append(record)


class Browser:
    """One person's browser: its cookies, its CSRF token, the pages it asks for."""

    def __init__(self, drill: Drill) -> None:
        self.drill = drill
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), urllib.request.HTTPSHandler(context=UNVERIFIED)
        )

    def use_session(self, key: str) -> None:
        """Signed in already: the session's cookie, as the browser keeps it."""
        self.jar.set_cookie(
            http.cookiejar.Cookie(0, "sessionid", key, None, False, "127.0.0.1", False, False, "/", True, True,
                                  None, False, None, None, {})
        )  # fmt: skip

    def csrf(self) -> str:
        return next((cookie.value for cookie in self.jar if cookie.name == "csrftoken"), "")

    def request(self, kind: str, path: str, data: dict | None = None, *, record: bool = True) -> tuple[int, str, str]:
        """(status, final address, body); a connection refused or reset is status 0."""
        url = self.drill.base + path
        body = None
        headers = {"Referer": self.drill.base + "/"}
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        started = self.drill.now()
        try:
            with self.opener.open(urllib.request.Request(url, data=body, headers=headers), timeout=30) as response:  # noqa: S310 - the stack on loopback
                status, final, text = response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, final, text = error.code, url, error.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            status, final, text = 0, url, str(error)
        if record:
            ok = 200 <= status < 400
            detail = "" if ok else f"{path}: {' '.join(re.sub(r'<[^>]+>', ' ', text).split())[:100]}"
            self.drill.record(Record(started, self.drill.now(), kind, ok, status, detail))
        return status, final, text

    def sign_in(self, email: str, password: str, secret: str = "") -> None:
        self.request("sign-in", "/accounts/login/")
        _status, final, _text = self.request("sign-in", "/accounts/login/", {"login": email, "password": password})
        if secret and "/2fa/" in final:
            _status, final, _text = self.request(
                "sign-in", urllib.parse.urlsplit(final).path, {"code": totp(secret, time.time())}
            )
        if "/accounts/" in final:
            raise SystemExit(f"{email} could not sign in (ended at {final})")


def person(drill: Drill, email: str, entity: int, key: str, setup: dict) -> None:
    drill.stop.wait(random.uniform(0, ARRIVALS))  # noqa: S311 - people arrive over a few seconds, not at one instant
    browser = Browser(drill)
    browser.use_session(key)
    session, committee, meeting = setup["session"], setup["committee"], setup["meeting"]
    browser.request("page", f"/sessions/{session}/draft-report/")  # its forms' CSRF cookie
    pages = [
        "/",
        f"/committees/{committee}/",
        f"/sessions/{session}/",
        f"/sessions/{session}/draft-report/",
        f"/sessions/{session}/documents/",
        f"/meetings/{meeting}/live/",
        "/sessions/TD/B/EDE/1/",
        "/sessions/TD/B/EDE/1/documents/",
    ]
    written = 0
    while not drill.stop.is_set():
        roll = random.random()  # noqa: S311 - a drill's choice, not a secret
        if roll < 0.08:
            written += 1
            text = f"Drill comment {email} {written}"
            paragraph = random.choice(setup["paragraphs"])  # noqa: S311
            status, final, page = browser.request(
                "comment", f"/sessions/{session}/draft-report/paragraphs/{paragraph}/comments/",
                {"language": "en", "text": text},
            )  # fmt: skip
            if status == 200 and "/draft-report/" in final and "Your comment has been sent" in page:
                with drill.lock:
                    drill.acknowledged.append(text)
        elif roll < 0.12:
            browser.request("live action", f"/meetings/{meeting}/live/request_floor/", {"entity": entity})
        else:
            browser.request("page", random.choice(pages))  # noqa: S311
        time.sleep(random.uniform(0.2, 1.0))  # noqa: S311 - a person reads


def chair(drill: Drill, setup: dict) -> None:
    browser = Browser(drill)
    browser.use_session(setup["chair"])
    browser.request("page", f"/meetings/{setup['meeting']}/live/")  # its forms' CSRF cookie
    while not drill.stop.wait(3):
        browser.request("live action", f"/meetings/{setup['meeting']}/live/give_floor/", {})


async def watch(drill: Drill, setup: dict, cookie: str, seen: list[tuple[float, int]]) -> None:
    """A live page's websocket: every state it is given, with when; it reconnects when the connection drops."""
    import websockets

    address = drill.base.replace("https://", "wss://") + f"/ws/meetings/{setup['meeting']}/"
    while not drill.stop.is_set():
        try:
            async with websockets.connect(
                address, ssl=UNVERIFIED, additional_headers={"Cookie": cookie, "Origin": drill.base}, open_timeout=10
            ) as socket:
                while not drill.stop.is_set():
                    try:
                        message = json.loads(await asyncio.wait_for(socket.recv(), timeout=1))
                    except TimeoutError:
                        continue
                    if "state" in message:
                        seen.append((drill.now(), message["state"]["version"]))
        except Exception:  # noqa: BLE001 - Redis or a worker away: connect again
            await asyncio.sleep(1)


def control(stack: dict, server: str, action: str) -> None:
    subprocess.run(stack[server][action], capture_output=True, check=False)


def pid_listening(port: int) -> int | None:
    found = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True).stdout
    match = re.search(r"pid=(\d+)", found)
    return int(match.group(1)) if match else None


def django(environment: dict, code: str) -> dict:
    finished = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(finished.stdout.strip().splitlines()[-1])


def start_stack() -> tuple[subprocess.Popen, dict]:
    log = (STATE.parent / "drill-stack.log").open("wb") if STATE.parent.exists() else subprocess.DEVNULL
    stack_process = subprocess.Popen([PYTHON, str(ROOT / "scripts" / "production.py")], cwd=ROOT, stdout=log,
                                     stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if stack_process.poll() is not None:
            raise SystemExit("The production stack did not start: see var/drill-stack.log")
        stack_file = STATE / "stack.json"
        if stack_file.exists():
            stack = json.loads(stack_file.read_text(encoding="utf-8"))
            if stack.get("supervisor") == stack_process.pid:
                try:
                    with urllib.request.urlopen(stack["address"] + "healthz", context=UNVERIFIED, timeout=2):  # noqa: S310
                        return stack_process, stack
                except OSError:
                    pass
        time.sleep(1)
    raise SystemExit("The production stack did not answer in 15 minutes.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of load (default 300)")
    duration = parser.parse_args().duration
    STATE.parent.mkdir(parents=True, exist_ok=True)
    print("[drill] Starting the production stack (make production)", flush=True)
    stack_process, stack = start_stack()
    environment = {
        **os.environ,
        **stack["environment"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    try:
        print("[drill] The session ten times the size, the drill's people", flush=True)
        setup = django(environment, f"PASSWORD = {PASSWORD!r}\nPEOPLE = {PEOPLE}\n" + SETUP)
        before = django(environment, SNAPSHOT)
        drill = Drill(base=stack["address"].rstrip("/"))
        return run(drill, stack, setup, environment, before, duration)
    finally:
        stack_process.send_signal(signal.SIGINT)
        try:
            stack_process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            stack_process.kill()
        print("[drill] The stack is stopped", flush=True)


def run(drill: Drill, stack: dict, setup: dict, environment: dict, before: dict, duration: float) -> int:
    threads = [
        threading.Thread(target=person, args=(drill, email, entity, key, setup), daemon=True)
        for email, entity, key in setup["members"]
    ]
    threads.append(threading.Thread(target=chair, args=(drill, setup), daemon=True))
    watcher_browser = Browser(drill)
    watcher_browser.sign_in(setup["members"][0][0], PASSWORD)  # a sign-in as a person makes it
    cookie = "; ".join(f"{c.name}={c.value}" for c in watcher_browser.jar)
    seen: list[tuple[float, int]] = []
    watcher = threading.Thread(target=lambda: asyncio.run(watch(drill, setup, cookie, seen)), daemon=True)
    secretariat = Browser(drill)
    secretariat.sign_in("drill-secretariat@example.org", PASSWORD, setup["secret"])
    rapporteur = Browser(drill)
    rapporteur.sign_in("rapporteur@example.org", stack["demo"]["password"])
    print(f"[drill] {PEOPLE} people and a chair for {duration:.0f} s; the faults follow one another", flush=True)
    drill.started = time.monotonic()
    for thread in [*threads, watcher]:
        thread.start()

    def at(fraction: float) -> None:
        drill.stop.wait(max(0.0, fraction * duration - drill.now()))

    outcome: dict = {}
    at(0.10)
    csv = "entity,name,email\n" + "".join(f"KEN,Drill Delegate {n},drill-delegate-{n}@example.org\n" for n in range(20))
    outcome["import"] = secretariat_import(secretariat, setup["session"], csv)

    at(0.15)
    start = drill.now()
    print(f"[drill] {start:5.0f} s  Redis stopped", flush=True)
    control(stack, "redis", "stop")
    drill.stop.wait(3)
    version_before = max((version for _t, version in seen), default=0)
    secretariat.request(
        "live action", f"/meetings/{setup['meeting']}/live/announce/", {"text": "Said while Redis was stopped."}
    )
    acted = drill.now()
    drill.stop.wait(0.10 * duration)
    control(stack, "redis", "start")
    back = drill.now()
    print(f"[drill] {back:5.0f} s  Redis started again", flush=True)
    drill.windows.append(("Redis stopped", start, back + GRACE))

    at(0.35)
    start = drill.now()
    victim = pid_listening(8001)
    print(f"[drill] {start:5.0f} s  web worker on 8001 killed (pid {victim})", flush=True)
    if victim:
        os.kill(victim, signal.SIGKILL)
    drill.windows.append(("a web worker killed", start, start + GRACE))

    at(0.50)
    start = drill.now()
    print(f"[drill] {start:5.0f} s  PostgreSQL restarting", flush=True)
    control(stack, "postgres", "restart")
    drill.windows.append(("PostgreSQL restarted", start, drill.now() + GRACE))
    print(f"[drill] {drill.now():5.0f} s  PostgreSQL back", flush=True)

    at(0.65)
    print(f"[drill] {drill.now():5.0f} s  the corrigendum to TD/B/EDE/1 finalized", flush=True)
    _status, finalizing, page = rapporteur.request(
        "finalization", "/sessions/TD/B/EDE/1/draft-report/finalize/", {"language": "en"}
    )
    drill.stop.wait(4)  # under way: writing the report in six languages
    victim = next((pid for pid in job_worker_pids()), None)
    print(f"[drill] {drill.now():5.0f} s  the job worker killed mid-finalization (pid {victim})", flush=True)
    if victim:
        os.kill(victim, signal.SIGKILL)

    at(1.0)
    drill.stop.set()
    for thread in threads:
        thread.join(timeout=40)
    watcher.join(timeout=10)

    outcome["finalization"] = outcome_of(rapporteur, finalizing, page, "The report is finalized and archived", 180)
    after = django(environment, SNAPSHOT)
    catch_up = next((t - back for t, version in seen if t >= acted and version > version_before), None)
    return report(drill, before, after, outcome, catch_up, back)


def secretariat_import(browser: Browser, session: str, csv: str) -> str:
    boundary = "drill-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{browser.csrf()}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="drill.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the stack on loopback
        f"{browser.drill.base}/sessions/{session}/registration/import/",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": browser.drill.base + "/"},
    )
    try:
        with browser.opener.open(request, timeout=60) as response:
            final, page = response.geturl(), response.read().decode("utf-8", "replace")
    except (OSError, urllib.error.HTTPError) as error:
        return f"not started: {error}"
    return outcome_of(browser, final, page, "Imported:", 60)


def outcome_of(browser: Browser, final: str, page: str, done: str, limit: float) -> str:
    """Where a form that starts a job led: its page (then wait for it), or already the result, saying `done`."""
    if "/jobs/" in final:
        return wait_for_job(browser, urllib.parse.urlsplit(final).path, limit)
    if done in page:
        return "done"
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', page, re.S)
    return f"not done ({final}): {' '.join(re.sub(r'<[^>]+>', ' ', ' '.join(alerts)).split())[:200]}"


def wait_for_job(browser: Browser, job_path: str, limit: float) -> str:
    """Poll the job's status as its page does; 'done' or why not."""
    deadline = time.monotonic() + limit
    last = {}
    while time.monotonic() < deadline:
        status, _final, text = browser.request("job status", job_path + "status/", record=False)
        if status == 200:
            last = json.loads(text)
            if last["finished"]:
                return last["status"]
        time.sleep(1)
    return f"not finished after {limit:.0f} s ({last.get('status', '?')}, {last.get('step', '')})"


def job_worker_pids() -> list[int]:
    listed = subprocess.run(["pgrep", "-f", "manage.py run_jobs"], capture_output=True, text=True).stdout
    return [int(pid) for pid in listed.split()]


def report(drill: Drill, before: dict, after: dict, outcome: dict, catch_up: float | None, back: float) -> int:
    def window_of(record: Record) -> str | None:
        """The fault the request met: it was under way at some moment of the fault's window."""
        return next(
            (name for name, start, end in drill.windows if record.started <= end and record.ended >= start), None
        )

    counts: Counter = Counter()
    outside = []
    for record in drill.records:
        where = window_of(record) or "outside any fault"
        counts[where, "requests"] += 1
        if not record.ok:
            counts[where, "errors"] += 1
            if where == "outside any fault":
                outside.append(record)
    print("\n== Requests and errors")
    print(f"{'':28}{'requests':>10}{'errors':>8}")
    for where in ["outside any fault", *(name for name, _s, _e in drill.windows)]:
        print(f"{where:28}{counts[where, 'requests']:>10}{counts[where, 'errors']:>8}")
    for record in outside[:10]:
        print(f"  outside a fault, at {record.started:.1f} s: {record.kind} {record.status} {record.detail}")
    kinds = Counter(record.kind for record in drill.records)
    print("By kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))

    print("\n== What was lost")
    lost = sorted(set(drill.acknowledged) - set(after["drill comments"]))
    print(f"Comments acknowledged: {len(drill.acknowledged)}; not in the database: {len(lost)}")
    print(f"{'':20}{'before':>10}{'after':>10}")
    for name in before["rows"]:
        print(f"{name:20}{before['rows'][name]:>10}{after['rows'][name]:>10}")
    fewer = [name for name in before["rows"] if after["rows"][name] < before["rows"][name]]
    print(f"Archived reports whose file no longer matches its SHA-256: {len(after['damaged'])}")
    print(f"Jobs at the end: {after['jobs']}")

    print("\n== The rest")
    print(f"Registrations import: {outcome['import']}")
    print(
        f"Finalization (its job worker killed in the middle): {outcome['finalization']}, "
        f"at attempt {after['finalization attempts']}"
    )
    if catch_up is None:
        print("The live watcher never had the change made while Redis was stopped")
    elif catch_up <= 0:
        print(f"The live watcher had the change made while Redis was stopped {-catch_up:.1f} s before Redis was back")
    else:
        print(f"The live watcher had the change made while Redis was stopped {catch_up:.1f} s after Redis was back")

    failures = []
    if outside:
        failures.append(f"{len(outside)} errors outside the fault windows")
    if lost:
        failures.append(f"{len(lost)} acknowledged comments lost")
    if fewer:
        failures.append("fewer rows after than before: " + ", ".join(fewer))
    if after["damaged"]:
        failures.append("archived reports damaged")
    if outcome["finalization"] != "done":
        failures.append("the finalization did not finish")
    if outcome["import"] != "done":
        failures.append("the import did not finish")
    if catch_up is None or catch_up > CATCH_UP_LIMIT:
        failures.append("the live watcher did not catch up within 5 s of Redis's return")
    print("\n" + ("DRILL PASSED" if not failures else "DRILL FAILED: " + "; ".join(failures)), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

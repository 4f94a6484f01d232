"""Every page says where its scripts, styles, images and connections may come from (Content-Security-Policy): this
site only, on a closed network, with no inline script or style, so that injected markup cannot run or restyle."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from decisions.follow_up.charts import STATUS_STYLE
from meetings.programme.models import Meeting
from tests.decisions.strategies.test_strategy import MEASURES, STATUSES, strategy, upload  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FOLDERS = ["committee", "meetings", "decisions", "documents", "templates"]
SELF = "'self'"
POLICY = {
    "default-src": {SELF},
    "script-src": {SELF},
    "style-src": {SELF},
    "img-src": {SELF, "data:"},  # data: for the QR code of a new authenticator (allauth)
    "font-src": {SELF},
    "connect-src": {SELF, "ws://127.0.0.1:8000"},  # SITE_URL's websockets, for browsers where 'self' is only http
    "object-src": {"'none'"},
    "base-uri": {SELF},
    "form-action": {SELF},
    "frame-ancestors": {"'none'"},
}


def directives(header: str) -> dict[str, set[str]]:
    parsed = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        parsed[name] = set(values)
    return parsed


@pytest.fixture
def pages(small_session, secretariat, strategy) -> dict[str, tuple[Client, str]]:  # noqa: F811 - the fixture
    """Each page, with the client that sees it: the secretariat, or a visitor who has not signed in."""
    client, visitor = Client(), Client()
    client.force_login(secretariat)
    upload(client, "measures", MEASURES.encode())
    upload(client, "statuses", STATUSES.encode())
    code = {"code": small_session.code}
    meeting = Meeting.objects.filter(session=small_session).order_by("pk").first()
    pages = {
        "home": reverse("programme:home"),
        "committee": small_session.committee.get_absolute_url(),
        "session": small_session.get_absolute_url(),
        "registration": reverse("registration:registration", kwargs=code),
        "draft report": reverse("reports:report", kwargs=code),
        "live meeting": reverse("live:live", kwargs={"pk": meeting.pk}),
        "room display": reverse("live:live_display", kwargs={"pk": meeting.pk}),
        "decisions": reverse("follow_up:session_decisions", kwargs=code),
        "follow-up": reverse("follow_up:committee_follow_up", kwargs={"code": "PAC"}),
        "strategy": reverse("strategies:strategy", kwargs={"code": "PAC", "slug": "roadmap"}),
        "administration": reverse("admin:index"),
    }
    return {name: (client, address) for name, address in pages.items()} | {
        "home, signed out": (visitor, reverse("programme:home")),
        "sign-in": (visitor, reverse("account_login")),
        "API documentation": (visitor, reverse("api:docs")),
    }


def test_every_main_page_has_the_closed_network_policy_without_unsafe_inline(pages):
    for name, (client, address) in pages.items():
        response = client.get(address)
        assert response.status_code == 200, name
        header = response.headers.get("Content-Security-Policy", "")
        assert directives(header) == POLICY, name
        assert "unsafe" not in header, name


def test_no_page_has_an_inline_style_script_or_event_handler(pages):
    """What the templates write and what template tags add (the status badges, the strategy's tinted cells)."""
    for name, (client, address) in pages.items():
        if name == "administration":
            continue  # Django's own
        page = client.get(address).text
        assert not re.search(r"\sstyle\s*=", page), name
        assert not re.search(r"<style", page), name
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", page), name
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), name


def test_the_strategy_tints_its_cells_with_the_colours_of_the_charts(pages):
    client, address = pages["strategy"]
    page = client.get(address).text
    assert 'class="status-tint-completed"' in page
    stylesheet = (ROOT / "static" / "rapporteur.css").read_text()
    for status, (colour, _hatch) in STATUS_STYLE.items():
        assert re.search(rf"\.status-tint-{status} {{ background-color: {colour}33; }}", stylesheet, re.I), status
        assert re.search(rf"\.status-swatch-{status} {{ background-color: {colour}; }}", stylesheet, re.I), status


INLINE = {
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style", re.I),
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "event handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


def test_no_template_has_an_inline_style_script_or_event_handler():
    templates = [path for folder in TEMPLATE_FOLDERS for path in sorted((ROOT / folder).rglob("*.html"))]
    assert len(templates) > 40
    found = [
        f"{path.relative_to(ROOT)}: {kind}"
        for path in templates
        for kind, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_the_template_scan_sees_what_it_looks_for():
    assert INLINE["style attribute"].search('<td style="{{ x }}">')
    assert INLINE["inline script"].search("<script>alert(1)</script>")
    assert not INLINE["inline script"].search("<script src=\"{% static 'live/live.js' %}\" defer></script>")
    assert INLINE["event handler"].search('<button onclick="go()">')
    assert not INLINE["event handler"].search('<form data-live-action="x">')

"""The live meeting in real browsers (Playwright driving Debian's Chromium) against the ASGI server: the chair
moves to item 3 and the member's page shows it; the member asks for the floor and appears in the chair's list;
the room display shows the countdown. Screenshots go to test-artifacts/. The pages run under their
Content-Security-Policy, which allows no eval: the conditions waited for are functions, not strings to evaluate."""

import json
import re

import pytest
from allauth.account.models import EmailAddress

from committee.bodies.models import Entity
from committee.roles.models import Role
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.programme.models import Meeting
from tests.browser import accessibility_problems, asgi_server, chromium, shot, sign_in
from tests.meetings.programme.test_programme import programme_file

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("countries")]
PASSWORD = "a-long-password-3"  # noqa: S105 - the test's own
WITHIN_A_SECOND = 1000  # ms


@pytest.fixture
def meeting(django_user_model) -> Meeting:
    session = import_session(read_session_file(json.dumps(programme_file())))
    for name, kind, entity in (("chair", "chair", None), ("member", "member", "FRA")):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", PASSWORD)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Role.objects.create(
            user=user,
            committee=session.committee,
            kind=kind,
            entity=Entity.objects.get(code=entity) if entity else None,
        )
    return Meeting.objects.get(key="round-table")


@pytest.fixture
def server(meeting, monkeypatch):
    """The server and the browsers start once the data is written (see tests/test_end_to_end.py)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with asgi_server() as base:
        yield base


def test_the_chair_the_member_and_the_room_display_follow_each_other_live(server, meeting):
    live_url = f"{server}/meetings/{meeting.pk}/live/"
    with chromium() as browser:
        chair = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        member = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone
        sign_in(chair, server, "chair@example.org", PASSWORD)
        sign_in(member, server, "member@example.org", PASSWORD)
        chair.goto(live_url)
        member.goto(live_url)
        display = chair.context.new_page()
        display.set_viewport_size({"width": 1280, "height": 720})
        display.goto(f"{server}/meetings/{meeting.pk}/display/")
        for page in (chair, member, display):
            page.wait_for_selector("#live[data-connected='1']")

        chair.select_option("#live-item-choice", label="3. Testing")
        chair.click("form[data-live-action=current_item] button")
        member.wait_for_function(
            "() => document.getElementById('live-item').textContent.trim() === '3. Testing'", timeout=WITHIN_A_SECOND
        )

        member.click("text=Ask for the floor for France")
        in_queue = "[...document.querySelectorAll('#live-queue li[data-speaker]')]"
        chair.wait_for_function(
            f"() => {in_queue}.some(li => li.textContent.includes('France'))", timeout=WITHIN_A_SECOND
        )
        assert member.locator("#live-queue").inner_text().startswith("France")

        chair.fill("#live-seconds", "90")
        chair.click("form[data-live-action=speaking_time] button")
        chair.click("text=Give the floor to the next speaker")
        display.wait_for_function(
            "() => !document.getElementById('live-countdown').classList.contains('d-none')", timeout=WITHIN_A_SECOND
        )
        assert display.locator("#live-floor").inner_text() == "France"
        first = display.locator("#live-countdown").inner_text()
        assert re.fullmatch(r"1:(2\d|30)", first), first
        display.wait_for_timeout(1200)
        later = display.locator("#live-countdown").inner_text()
        assert later < first  # it counts down: 1:29, then 1:28

        shot(chair, "live-chair")
        shot(member, "live-member-phone")
        shot(display, "live-room-display")
        assert [*accessibility_problems(chair), *accessibility_problems(member), *accessibility_problems(display)] == []


def test_chromium_enforces_the_content_security_policy_and_nothing_of_ours_breaks_it(server, meeting):
    """The pages run under the policy without a single refusal (the live page's websocket included: 'self' covers
    ws: in Chromium), and the policy is enforced: a style written inline is refused."""
    session = meeting.session  # read before the browser runs: inside, the database connection would be another
    addresses = ("/", session.committee.get_absolute_url(), session.get_absolute_url(), "/accounts/login/")
    with chromium() as browser:
        page = browser.new_page()
        refused = []
        page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
        sign_in(page, server, "chair@example.org", PASSWORD)
        for address in addresses:
            page.goto(f"{server}{address}")
            page.wait_for_load_state("load")
        page.goto(f"{server}/meetings/{meeting.pk}/live/")
        page.wait_for_selector("#live[data-connected='1']")
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"  # Bootstrap's
        assert refused == []

        page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<p id="probe" style="color: red">x</p>')""")
        colour = page.evaluate("getComputedStyle(document.getElementById('probe')).color")
        assert colour != "rgb(255, 0, 0)"
        page.wait_for_timeout(200)
        assert len(refused) == 1
        assert "style" in refused[0]

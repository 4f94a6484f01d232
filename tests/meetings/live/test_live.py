"""The live meeting: the chair's console and everyone's view through the pages (without JavaScript), the list of
speakers' rules, two chairs acting at once, and the websocket through the real routing (channels' communicator)."""

import asyncio
import json
import threading

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from committee.bodies.models import Entity
from committee.roles import watchers
from committee.roles.models import Role
from config.asgi import application
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.live import events
from meetings.live import services as live
from meetings.live.models import LiveMeeting, Speaker
from meetings.programme.models import Meeting
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    """A session's round table, its chair, a member for France and an outsider."""
    session = import_session(read_session_file(json.dumps(programme_file())))
    people = {}
    for name, kind in (("chair", "chair"), ("member", "member"), ("second_chair", "secretariat")):
        people[name] = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-password")
        Role.objects.create(user=people[name], committee=session.committee, kind=kind)
    Role.objects.filter(user=people["member"]).update(entity=Entity.objects.get(code="FRA"))
    TOTP.activate(people["second_chair"], generate_totp_secret())  # the secretariat signs in with a second factor
    people["outsider"] = django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password")
    people["meeting"] = Meeting.objects.get(key="round-table")
    return people


def act(client, meeting: Meeting, action: str, **data):
    return client.post(reverse("live:live_action", kwargs={"pk": meeting.pk, "action": action}), data, follow=True)


def entity(code: str) -> Entity:
    return Entity.objects.get(code=code)


def queue_of(meeting: Meeting) -> list[str]:
    return [s["delegation"]["en"] for s in live.state(meeting)["queue"]]


def test_the_chair_runs_the_list_of_speakers_and_a_reload_shows_it(client, people):
    meeting = people["meeting"]
    item = meeting.agenda_items.get()
    client.force_login(people["chair"])

    act(client, meeting, "current_item", item=item.pk)
    act(client, meeting, "speaking_time", seconds="120")
    for code in ("KEN", "FRA"):
        act(client, meeting, "request_floor", entity=entity(code).pk)
    act(client, meeting, "request_floor", entity=entity("DEU").pk, point_of_order="1")
    assert queue_of(meeting) == ["Germany", "Kenya", "France"]  # a point of order jumps the queue

    act(client, meeting, "give_floor")
    page = act(client, meeting, "up", speaker=Speaker.objects.get(entity__code="FRA").pk).text
    assert queue_of(meeting) == ["France", "Kenya"]
    current = page[page.index('id="live-floor"') :]
    assert current.index("Germany") < current.index("France") < current.index("Kenya")
    assert "3. Testing" in page
    assert "Speaking time: 120 seconds." in page

    act(client, meeting, "give_floor")
    act(client, meeting, "announce", text="The round table resumes at 15:00.")
    page = client.get(reverse("live:live", kwargs={"pk": meeting.pk})).text
    assert "The round table resumes at 15:00." in page
    assert live.state(meeting)["floor"]["delegation"]["en"] == "France"
    assert list(Speaker.objects.filter(status="spoke").values_list("entity__code", "agenda_item")) == [("DEU", item.pk)]


def test_a_member_asks_for_the_floor_only_for_its_own_delegation(client, people):
    meeting = people["meeting"]
    client.force_login(people["member"])
    page = client.get(reverse("live:live", kwargs={"pk": meeting.pk})).text
    assert "Ask for the floor for France" in page
    assert "Running the meeting" not in page

    act(client, meeting, "request_floor", entity=entity("FRA").pk)
    assert act(client, meeting, "request_floor", entity=entity("KEN").pk).status_code == 403
    assert act(client, meeting, "give_floor").status_code == 403
    assert queue_of(meeting) == ["France"]

    client.force_login(people["chair"])
    act(client, meeting, "close_list")
    client.force_login(people["member"])
    act(client, meeting, "withdraw", speaker=Speaker.objects.get(entity__code="FRA").pk)
    assert "The list of speakers is closed." in act(client, meeting, "request_floor", entity=entity("FRA").pk).text
    assert queue_of(meeting) == []


def test_an_outsider_does_not_see_a_private_committees_meeting(client, people):
    client.force_login(people["outsider"])
    assert client.get(reverse("live:live", kwargs={"pk": people["meeting"].pk})).status_code == 404
    client.logout()
    assert client.get(reverse("live:live_display", kwargs={"pk": people["meeting"].pk})).status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_two_chairs_acting_at_once_never_corrupt_the_list(people):
    meeting = people["meeting"]
    codes = ["KEN", "FRA", "DEU", "ITA", "ESP", "BRA", "IND", "CHN", "JPN", "MEX"]
    start = threading.Barrier(len(codes))
    errors = []

    entities = {e.code: e for e in Entity.objects.filter(code__in=codes)}
    live.live_meeting(meeting)  # the meeting is live before the race

    def ask(code: str, chair) -> None:
        try:
            start.wait()
            live.request_floor(meeting=meeting, entity=entities[code], by=chair)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=(code, people["chair"] if i % 2 else people["second_chair"]))
        for i, code in enumerate(codes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    positions = list(Speaker.objects.filter(meeting=meeting).values_list("position", flat=True))
    assert sorted(positions) == list(range(1, len(codes) + 1))  # each its own place
    assert LiveMeeting.objects.get(meeting=meeting).version == len(codes)

    gives = [
        threading.Thread(target=lambda: (live.give_floor(meeting=meeting, by=people["chair"]), connection.close()))
        for _ in range(2)
    ]
    for thread in gives:
        thread.start()
    for thread in gives:
        thread.join()
    assert Speaker.objects.filter(meeting=meeting, status="speaking").count() == 1
    assert Speaker.objects.filter(meeting=meeting, status="spoke").count() == 1


# The websocket ---------------------------------------------------------------------------------------------


def socket_for(user, meeting: Meeting, path: str = "") -> WebsocketCommunicator:
    """A websocket as the user's browser opens it: with its session cookie, from the site's own pages."""
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if user is not None:
        client = Client()  # a browser of its own: signing in on one browser signs the last one out
        client.force_login(user)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path or f"/ws/meetings/{meeting.pk}/", headers=headers)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_the_socket_carries_each_change_and_refuses_outsiders(people):
    meeting = people["meeting"]
    chair, member, outsider = (socket_for(people[n], meeting) for n in ("chair", "member", "outsider"))
    kenya, france = entity("KEN").pk, entity("FRA").pk

    async def scenario():
        connected, code = await outsider.connect()
        assert not connected, code
        assert (await member.connect())[0]
        assert (await chair.connect())[0]
        first = (await member.receive_json_from())["state"]  # the state on connecting
        await chair.receive_json_from()
        assert first["queue"] == []

        await member.send_json_to({"action": "request_floor", "entity": kenya})
        assert "only for your own delegation" in (await member.receive_json_from())["error"]
        await member.send_json_to({"action": "request_floor", "entity": france})
        seen_by_chair = (await chair.receive_json_from())["state"]
        assert [s["delegation"]["en"] for s in seen_by_chair["queue"]] == ["France"]
        await member.receive_json_from()

        await chair.send_json_to({"action": "give_floor"})
        seen_by_member = (await member.receive_json_from())["state"]
        assert seen_by_member["floor"]["delegation"]["fr"] == "France"
        assert seen_by_member["version"] > first["version"]
        await member.send_json_to({"action": "give_floor"})
        assert "chair" in (await member.receive_json_from())["error"]
        await chair.disconnect()
        await member.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_client_that_reconnects_catches_up(people):
    meeting, kenya = people["meeting"], entity("KEN")

    async def scenario() -> tuple[dict, dict]:
        first = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await first.connect())[0]
        before = (await first.receive_json_from())["state"]
        await first.disconnect()  # the network drops
        await database_sync_to_async(live.request_floor)(meeting=meeting, entity=kenya, by=people["chair"])
        again = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await again.connect())[0]
        after = (await again.receive_json_from())["state"]
        await again.disconnect()
        return before, after

    before, after = async_to_sync(scenario)()
    assert after["version"] == before["version"] + 1
    assert [s["delegation"]["en"] for s in after["queue"]] == ["Kenya"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_watchers_come_and_go_and_the_rest_keep_receiving(people):
    """The process subscribes once for all its watchers of a meeting: one leaving, or all, cuts off no one after."""
    meeting, chair = people["meeting"], people["chair"]
    kenya, france = entity("KEN"), entity("FRA")

    async def change(delegation: Entity) -> None:
        await database_sync_to_async(live.request_floor)(meeting=meeting, entity=delegation, by=chair)

    async def opened() -> WebsocketCommunicator:
        watcher = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await watcher.connect())[0]
        await watcher.receive_json_from()
        return watcher

    async def scenario() -> tuple[list[list[str]], list[str]]:
        first, second, third = [await opened() for _ in range(3)]
        await second.disconnect()
        await change(kenya)
        states = [(await watcher.receive_json_from())["state"] for watcher in (first, third)]
        seen = [[s["delegation"]["en"] for s in state["queue"]] for state in states]
        assert await second.receive_nothing()
        await first.disconnect()
        await third.disconnect()
        latecomer = await opened()
        await change(france)
        late = [s["delegation"]["en"] for s in (await latecomer.receive_json_from())["state"]["queue"]]
        await latecomer.disconnect()
        return seen, late

    seen, late = async_to_sync(scenario)()
    assert seen == [["Kenya"], ["Kenya"]]
    assert late == ["Kenya", "France"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_watcher_that_falls_behind_is_closed_and_holds_up_no_one(people):
    """A socket that no longer drains (its client gone without closing) is closed once its backlog is full,
    and the others get every change meanwhile; garbled input is answered, and the socket carries on."""
    from committee.roles import watchers

    meeting, chair = people["meeting"], people["chair"]
    entities = list(Entity.objects.filter(kind=Entity.Kind.STATE).order_by("code")[: watchers.BACKLOG + 2])

    async def scenario() -> tuple[int, int, dict, bool]:
        stalled = await database_sync_to_async(socket_for)(people["member"], meeting)
        lively = await database_sync_to_async(socket_for)(people["member"], meeting)
        for watcher in (stalled, lively):
            assert (await watcher.connect())[0]
            await watcher.receive_json_from()
        group = watchers._registry()[events.meeting_group(meeting.pk)]
        consumer = next(iter(group.sockets))  # the first to connect: the stalled one

        async def never_drains(**kwargs) -> None:
            await asyncio.Event().wait()

        consumer.send = never_drains
        for delegation in entities:
            await database_sync_to_async(live.request_floor)(meeting=meeting, entity=delegation, by=chair)
        states = [(await lively.receive_json_from(timeout=5))["state"] for _ in entities]
        closed = await stalled.receive_output(timeout=5)
        await lively.send_to(text_data="not json")
        answer = await lively.receive_json_from()
        await lively.disconnect()
        return closed["code"], len(states[-1]["queue"]), answer, group.name in watchers._registry()

    code, queued, answer, still_subscribed = async_to_sync(scenario)()
    assert code == watchers.TOO_SLOW
    assert queued == watchers.BACKLOG + 2
    assert "error" in answer
    assert not still_subscribed  # the process left the group with its last watcher


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_watcher_whose_role_is_taken_away_is_cut_off(people):
    """The member of a private committee loses its role: its open socket closes, refused, at once."""
    from committee.roles.watchers import REFUSED

    meeting = people["meeting"]

    async def scenario() -> dict:
        watcher = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await watcher.connect())[0]
        await watcher.receive_json_from()
        await database_sync_to_async(Role.objects.filter(user=people["member"]).delete)()
        return await watcher.receive_output(timeout=5)

    assert async_to_sync(scenario)() == {"type": "websocket.close", "code": REFUSED}


def test_who_spoke_on_an_item_shows_beside_its_section_of_the_chairs_summary(client, people):
    meeting = people["meeting"]
    item = meeting.agenda_items.get()
    chair = people["chair"]
    live.set_current_item(meeting=meeting, item=item, by=chair)
    for code in ("DEU", "FRA", "DEU"):
        live.request_floor(meeting=meeting, entity=entity(code), by=chair)
        live.give_floor(meeting=meeting, by=chair)
    live.end_floor(meeting=meeting, by=chair)

    client.force_login(chair)
    page = client.get(reverse("reports:report", kwargs={"code": "TST/G/2"})).text
    testing = page[page.index(">Testing</h2>") :]
    assert "Took the floor on item 3:</strong> Germany, France" in testing
    assert page.count("Took the floor on item") == 1  # only beside the item's own section


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_new_comment_and_its_resolution_reach_everyone_reviewing(people):
    from documents.reports.models import Report, ReportParagraph
    from documents.reports.services import add_comment, open_review, resolve_comment

    report = Report.objects.get(session__code="TST/G/2")
    secretary = people["second_chair"]
    open_review(report=report, by=secretary)
    paragraph = ReportParagraph.objects.filter(section__report=report).first()
    session_id = report.session_id

    def socket(user) -> WebsocketCommunicator:
        return socket_for(user, people["meeting"], f"/ws/reports/{session_id}/")

    async def scenario() -> list[dict]:
        reviewer = await database_sync_to_async(socket)(secretary)
        outsider = await database_sync_to_async(socket)(people["outsider"])
        assert not (await outsider.connect())[0]
        assert (await reviewer.connect())[0]
        comment = await database_sync_to_async(add_comment)(
            paragraph=paragraph, author=people["member"], language="en", text="Say more."
        )
        first = await reviewer.receive_json_from()
        await database_sync_to_async(resolve_comment)(
            comment=comment, decision="answered", by=secretary, answer="Done."
        )
        second = await reviewer.receive_json_from()
        await reviewer.disconnect()
        return [first, second]

    assert async_to_sync(scenario)() == [{"paragraph": paragraph.pk}, {"paragraph": paragraph.pk}]
    client = Client()
    client.force_login(people["member"])
    fragment = client.get(reverse("reports:paragraph_comments", kwargs={"code": "TST/G/2", "pk": paragraph.pk}))
    assert "Say more." in fragment.text
    assert "Done." in fragment.text
    assert "Accept" not in fragment.text  # the member does not resolve comments


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_watcher_stays_connected_through_a_quiet_spell(people):
    """Longer than redis-py 8's default read timeout (5 s), which would close a quiet socket on the Redis layer."""
    meeting, kenya = people["meeting"], entity("KEN")

    async def scenario() -> dict:
        watcher = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await watcher.connect())[0]
        await watcher.receive_json_from()
        await asyncio.sleep(6)
        await database_sync_to_async(live.request_floor)(meeting=meeting, entity=kenya, by=people["chair"])
        state = (await watcher.receive_json_from(timeout=5))["state"]
        await watcher.disconnect()
        return state

    assert [s["delegation"]["en"] for s in async_to_sync(scenario)()["queue"]] == ["Kenya"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_the_socket_asks_as_the_pages_do(people):
    """Secretariat staff without their second factor are refused, and a chair who loses the role loses the controls."""
    from allauth.mfa.models import Authenticator

    meeting = people["meeting"]
    Authenticator.objects.filter(user=people["second_chair"]).delete()

    async def scenario() -> tuple[bool, str]:
        unprotected = await database_sync_to_async(socket_for)(people["second_chair"], meeting)
        refused = not (await unprotected.connect())[0]
        chair = await database_sync_to_async(socket_for)(people["chair"], meeting)
        assert (await chair.connect())[0]
        await chair.receive_json_from()
        await database_sync_to_async(Role.objects.filter(user=people["chair"]).update)(kind="member")  # still sees it
        await chair.send_json_to({"action": "announce", "text": "After my role went."})
        answer = await chair.receive_json_from()
        await chair.disconnect()
        return refused, answer.get("error", "")

    refused, error = async_to_sync(scenario)()
    assert refused
    assert "Only the chair or the secretariat" in error
    assert not meeting.announcements.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_the_history_records_who_acted_through_the_socket(people):
    """No request passes through the history's middleware on a websocket: the services record who acted."""
    meeting = people["meeting"]
    member, chair = socket_for(people["member"], meeting), socket_for(people["chair"], meeting)
    france = entity("FRA").pk

    async def scenario():
        for socket in (member, chair):
            assert (await socket.connect())[0]
            await socket.receive_json_from()
        await member.send_json_to({"action": "request_floor", "entity": france})
        await member.receive_json_from()
        queue = (await chair.receive_json_from())["state"]["queue"]
        await chair.send_json_to({"action": "withdraw", "speaker": queue[0]["id"]})  # the chair takes it off
        await chair.receive_json_from()
        await member.disconnect()
        await chair.disconnect()

    async_to_sync(scenario)()
    speaker = Speaker.objects.get(meeting=meeting)
    assert [row.history_user for row in speaker.history.order_by("history_id")] == [people["member"], people["chair"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_a_change_whose_message_was_lost_reaches_the_watchers_within_seconds(people, monkeypatch):
    """Redis away when the chair acts: the change is saved, its message never sent; the watchers, still
    connected, are given the new state by their own process's look at the database."""
    meeting, kenya = people["meeting"], entity("KEN")

    def redis_away(meeting_id, state):
        raise ConnectionError("Redis is not there")

    async def scenario() -> tuple[dict, dict]:
        watcher = await database_sync_to_async(socket_for)(people["member"], meeting)
        assert (await watcher.connect())[0]
        before = (await watcher.receive_json_from())["state"]
        monkeypatch.setattr(events, "send_meeting_state", redis_away)
        await database_sync_to_async(live.request_floor)(meeting=meeting, entity=kenya, by=people["chair"])
        after = (await watcher.receive_json_from(timeout=watchers.CATCH_UP_EVERY + 3))["state"]
        assert await watcher.receive_nothing(timeout=watchers.CATCH_UP_EVERY + 0.5)  # once, not at every look
        await watcher.disconnect()
        return before, after

    before, after = async_to_sync(scenario)()
    assert after["version"] == before["version"] + 1
    assert [s["delegation"]["en"] for s in after["queue"]] == ["Kenya"]

"""Pages served again from the cache (committee/kernel/page_cache.py) are the pages the data gives now: every way
of writing shows on the next read, a page kept for one reader is never another's, its forms post for whoever
reads it, and a message is shown once."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
import redis.exceptions
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committee.bodies.models import Committee
from committee.kernel import page_cache
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from tests.builders import make_session_file
from tests.meetings.programme.test_programme import programme_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_session():
    session = import_session(read_session_file(json.dumps(programme_file())))
    Committee.objects.filter(pk=session.committee_id).update(is_public=True)
    return session


@pytest.fixture
def secretariat_page(secretariat) -> tuple[str, str]:
    """The secretariat's public committee page, and the link on it that only the secretariat is shown."""
    committee = Committee.objects.get(code=make_session_file()["committees"][0]["code"])
    Committee.objects.filter(pk=committee.pk).update(is_public=True)
    return committee.get_absolute_url(), reverse("sessions:new_session", kwargs={"code": committee.code})


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_a_page_read_again_unchanged_is_served_without_a_query(client, public_session, django_assert_num_queries):
    address = public_session.committee.get_absolute_url()
    first = client.get(address).text
    with django_assert_num_queries(0):
        again = client.get(address).text
    assert without_tokens(again) == without_tokens(first)
    assert "page-cache-csrf-token" not in again


def test_every_way_of_writing_shows_on_the_next_read(client, public_session):
    committee = public_session.committee
    address = committee.get_absolute_url()
    assert "Group of Experts on Testing" in client.get(address).text

    committee.name = {"en": "Saved through the model"}
    committee.save()
    assert "Saved through the model" in client.get(address).text

    Committee.objects.filter(pk=committee.pk).update(name={"en": "Updated in bulk"})
    assert "Updated in bulk" in client.get(address).text

    written = json.dumps({"en": "Written in SQL"})
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Committee._meta.db_table} SET name = %s WHERE id = %s", [written, committee.pk])  # noqa: S608
    assert "Written in SQL" in client.get(address).text


def test_a_session_file_imported_again_shows_on_the_session_page(client, public_session):
    address = public_session.get_absolute_url()
    assert "Testing in practice" in client.get(address).text
    changed = programme_file()
    changed["session"]["meetings"][1]["title"] = {"en": "Testing, imported again"}
    import_session(read_session_file(json.dumps(changed)))
    page = client.get(address).text
    assert "Testing, imported again" in page


def test_a_page_kept_for_one_visitor_posts_for_another(public_session):
    address = public_session.committee.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(address)
    page = second.get(address).text  # from the cache: the first visitor's page, with the second's token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    chosen = second.post(reverse("set_language"), {"language": "fr", "next": address, "csrfmiddlewaretoken": token})
    assert chosen.status_code == 302
    assert 'lang="fr"' in second.get(address).text


def test_a_page_is_kept_for_its_reader_alone(client, secretariat, secretariat_page, django_user_model):
    address, new_session = secretariat_page
    client.force_login(secretariat)
    assert new_session in client.get(address).text

    assert new_session not in Client().get(address).text  # signed out
    other = Client()
    other.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "a-long-password"))
    assert new_session not in other.get(address).text


def test_a_message_shows_once_on_a_page_served_from_the_cache(client, cast, small_session):
    client.force_login(cast["secretariat"])
    code = small_session.code
    address = reverse("registration:registration", kwargs={"code": code})
    client.get(address)
    jean = small_session.participations.get(entity__code="FRA").delegates.get(name="Jean Essai")
    sheet = reverse("registration:attendance", kwargs={"code": code, "key": "closing"})
    saved = client.post(sheet, {"present": [jean.pk]}, follow=True)
    assert "1 present." in saved.text
    assert "1 present." not in client.get(address).text


def rendered(client: Client, address: str) -> bool:
    """Whether the page was rendered for this request (it read the database) rather than served from the cache."""
    with CaptureQueriesContext(connection) as queries:
        client.get(address)
    return len(queries) > 0


def test_a_new_minute_renders_the_page_again(client, public_session, monkeypatch):
    address = public_session.get_absolute_url()
    client.get(address)
    assert not rendered(client, address)
    now = page_cache.time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 60)
    assert rendered(client, address)


@pytest.fixture
def outage(monkeypatch):
    """The shared cache out of reach, as config.cache.ResilientRedisCache records it (a stand-in for its record on
    the local-memory cache of the first test run); set `down` to False to bring it back."""
    record = getattr(page_cache.cache, "_outage", None)
    if record is None:
        record = SimpleNamespace(down=False, worth_trying=lambda: not record.down)
        monkeypatch.setattr(page_cache.cache, "_outage", record, raising=False)
    monkeypatch.setattr(record, "down", True)
    monkeypatch.setattr(record, "retry_at", float("inf"), raising=False)  # no try of Redis meanwhile
    return record


def test_without_the_shared_cache_pages_are_rendered_every_time(client, public_session, outage):
    address = public_session.committee.get_absolute_url()
    client.get(address)
    assert rendered(client, address)


def test_writes_made_while_the_shared_cache_was_away_change_the_version_when_it_is_back(outage):
    Committee.objects.create(code="NEW", kind="commission", name={"en": "Written during the outage"})
    assert not page_cache.enabled()
    outage.down = False
    kept_before = page_cache.data_version()  # the shared cache's: the write went to the process's own memory
    assert page_cache.enabled()
    assert page_cache.data_version() != kept_before


def test_a_redis_that_refuses_writes_fails_neither_the_page_nor_the_write(client, public_session, monkeypatch):
    def refuse(*args, **kwargs):
        raise redis.exceptions.ReadOnlyError("You can't write against a read only replica.")

    for operation in ("incr", "add", "set"):
        monkeypatch.setattr(page_cache.cache, operation, refuse)
    Committee.objects.filter(pk=public_session.committee_id).update(name={"en": "Renamed on a replica"})
    page = client.get(public_session.committee.get_absolute_url())
    assert page.status_code == 200
    assert "Renamed on a replica" in page.text


def test_pages_kept_before_redis_refused_writes_are_not_served_after_a_write(client, public_session, monkeypatch):
    address = public_session.committee.get_absolute_url()
    client.get(address)

    def refuse(*args, **kwargs):
        raise redis.exceptions.ReadOnlyError("You can't write against a read only replica.")

    monkeypatch.setattr(page_cache.cache, "incr", refuse)
    Committee.objects.filter(pk=public_session.committee_id).update(name={"en": "Renamed after the failover"})
    assert "Renamed after the failover" in client.get(address).text


def test_a_signed_in_page_read_again_takes_no_query(client, secretariat, django_assert_num_queries):
    committee = Committee.objects.get(code=make_session_file()["committees"][0]["code"])
    client.force_login(secretariat)
    address = committee.get_absolute_url()
    first = client.get(address).text
    with django_assert_num_queries(0):
        again = client.get(address).text
    assert without_tokens(again) == without_tokens(first)


def test_a_session_signed_out_reads_no_page_kept_for_it(client, secretariat, secretariat_page):
    address, new_session = secretariat_page
    client.force_login(secretariat)
    assert new_session in client.get(address).text
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))

    replayed = Client()
    replayed.cookies[settings.SESSION_COOKIE_NAME] = cookie  # the old session's cookie, kept by someone
    assert new_session not in replayed.get(address).text


def test_a_kept_page_keeps_the_headers_of_a_rendered_one(client, public_session):
    address = public_session.committee.get_absolute_url()
    client.get(address)
    kept = client.get(address)
    assert kept["X-Frame-Options"] == "DENY"
    assert "Cookie" in kept["Vary"]


def test_the_live_page_served_again_gives_the_server_clock_of_its_request(
    client, cast, small_session, monkeypatch, django_assert_num_queries
):
    client.force_login(cast["secretariat"])
    address = reverse("live:live", kwargs={"pk": small_session.meetings.first().pk})
    monkeypatch.setattr(page_cache.time, "time", lambda: 1_800_000_000.0)  # one minute throughout
    client.get(address)  # the first look at a meeting may start its live record: a write
    client.get(address)
    later = timezone.now() + datetime.timedelta(seconds=40)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with django_assert_num_queries(0):
        page = client.get(address).text
    assert f'data-now="{later.isoformat()}"' in page


def test_while_one_request_renders_a_page_again_the_others_are_given_the_last_minutes(
    client, public_session, monkeypatch, django_assert_num_queries
):
    address = public_session.committee.get_absolute_url()
    monkeypatch.setattr(page_cache.time, "time", lambda: 1_800_000_030.0)
    client.get(address)
    client.get(address)  # kept for this minute
    monkeypatch.setattr(page_cache.time, "time", lambda: 1_800_000_090.0)  # the next minute
    add = page_cache.cache.add
    another_renders = True

    def add_unless_another_renders(key, *args, **kwargs):
        return False if another_renders and key.endswith(":rendering") else add(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "add", add_unless_another_renders)
    with django_assert_num_queries(0):
        assert "Group of Experts on Testing" in client.get(address).text
    another_renders = False
    assert rendered(client, address)  # the one that renders it

"""When Redis is down, people still sign in: the cache (allauth's rate limits, used TOTP codes) falls back to the
process's memory, logs that it did, and goes back to Redis when it answers again."""

import contextlib
import os
import runpy
import socket
from pathlib import Path

import pytest
import redis.exceptions
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password"  # noqa: S105 - the test's own
BASE_SETTINGS = Path(__file__).resolve().parent.parent / "config" / "settings" / "base.py"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def caches_for(monkeypatch, redis_url: str) -> dict:
    """The CACHES that config/settings/base.py builds for this REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    return runpy.run_path(str(BASE_SETTINGS))["CACHES"]


@pytest.fixture
def redis_down(settings, monkeypatch):
    settings.CACHES = caches_for(monkeypatch, f"redis://127.0.0.1:{closed_port()}/0")
    clear_what_is_left()
    yield
    clear_what_is_left()


def clear_what_is_left() -> None:
    """The rate limits that earlier tests left in the fallback's memory (a cache without one fails here)."""
    with contextlib.suppress(redis.exceptions.ConnectionError):
        cache.clear()


@pytest.fixture
def delegate(django_user_model):
    user = django_user_model.objects.create_user("delegate", "delegate@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client, password: str):
    client.raise_request_exception = False  # what a browser sees: a 500, not the test's exception
    return client.post(reverse("account_login"), {"login": "delegate@example.org", "password": password})


def test_sign_in_works_while_redis_is_down(redis_down, client, delegate, caplog):
    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("programme:calendars")).status_code == 200
    logged = [record for phase in ("setup", "call") for record in caplog.get_records(phase)]
    assert any(r.name == "config.cache" and "Redis cache unavailable" in r.getMessage() for r in logged)


def test_a_wrong_password_gets_the_form_again_while_redis_is_down(redis_down, client, delegate):
    response = sign_in(client, "not-the-password")

    assert response.status_code == 200
    assert "not correct" in response.text
    assert client.get(reverse("programme:calendars")).status_code == 302


def test_failed_sign_ins_are_still_rate_limited_while_redis_is_down(redis_down, client, delegate):
    for _ in range(5):
        sign_in(client, "not-the-password")

    response = sign_in(client, PASSWORD)

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.text or response.status_code == 429
    assert client.get(reverse("programme:calendars")).status_code == 302


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL): CI's second run")
def test_failed_sign_ins_are_rate_limited_in_redis_when_it_is_up(settings, monkeypatch, client, delegate):
    settings.CACHES = caches_for(monkeypatch, os.environ["REDIS_URL"])
    cache.clear()
    try:
        for _ in range(5):
            sign_in(client, "not-the-password")
        response = sign_in(client, PASSWORD)

        assert response.status_code in (200, 429)
        assert "Too many failed login attempts" in response.text or response.status_code == 429
        assert client.get(reverse("programme:calendars")).status_code == 302
        assert any(key.startswith(b":1:allauth:rl:") for key in cache._cache.get_client().keys("*"))  # in Redis
    finally:
        cache.clear()


def test_the_cache_goes_back_to_redis_when_it_answers_again(monkeypatch, caplog):
    from django.core.cache.backends.redis import RedisCache

    from config import cache as resilient

    backend = resilient.ResilientRedisCache(f"redis://:secret@127.0.0.1:{closed_port()}/0", {})
    backend.set("kept", "in memory")  # Redis refuses: kept in the process's memory
    assert backend.get("kept") == "in memory"
    assert "secret" not in caplog.text
    monkeypatch.setattr(RedisCache, "get", lambda self, key, default=None, version=None: "from Redis")

    assert backend.get("kept") == "in memory"  # not tried again before RETRY_AFTER
    monkeypatch.setattr(resilient.time, "monotonic", lambda: float("inf"))
    assert backend.get("kept") == "from Redis"
    assert [r.getMessage().split(" (")[0] for r in caplog.records if r.name == "config.cache"] == [
        f"Redis cache unavailable at {backend._outage.where}",
        f"Redis cache at {backend._outage.where} answers again",
    ]

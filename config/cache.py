"""The cache in Redis, which keeps working while Redis is unreachable.

The cache holds allauth's rate limits (failed sign-ins) and the TOTP codes already used, and allauth asks for it on
every sign-in: with Django's RedisCache alone, a Redis that is down or restarting makes the sign-in page answer 500.
Nothing in the cache must survive, so while Redis cannot be reached this backend keeps the same entries in the
process's memory (Django's local-memory cache): sign-in works, rate limits and used codes still count, per worker
instead of across all of them. The first failure is logged as a warning, the recovery as well; meanwhile Redis is
tried again every RETRY_AFTER seconds, so that requests do not each wait for a connection that fails.

Only failures to reach Redis (redis-py's ConnectionError and TimeoutError) fall back; any other error is a bug and
is raised.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

import redis.exceptions
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0  # seconds without trying Redis after it failed
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class _Outage:
    """Whether one Redis is down, and when to try it again: shared by the cache's instances (one per thread)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def failed(self, error: Exception) -> None:
        with self.lock:
            first, self.down, self.retry_at = not self.down, True, time.monotonic() + RETRY_AFTER
        if first:
            logger.warning(
                "Redis cache unavailable at %s (%s): using this process's memory until it answers again",
                self.where,
                error,
            )

    def answered(self) -> None:
        if self.down:
            with self.lock:
                recovered, self.down = self.down, False
            if recovered:
                logger.warning("Redis cache at %s answers again", self.where)

    def worth_trying(self) -> bool:
        return not self.down or time.monotonic() >= self.retry_at


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()
_clients: dict[tuple[str, ...], RedisCacheClient] = {}
_clients_lock = threading.Lock()


def _outage(where: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(where, _Outage(where))


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.scheme or url


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, falling back to the process's memory while Redis cannot be reached."""

    # Set by RedisCache.__init__ (django-stubs does not declare them).
    _servers: list[str]
    _options: dict
    _class: type[RedisCacheClient]

    def __init__(self, server, params):
        super().__init__(server, params)
        fallback_params = {key: value for key, value in params.items() if key not in ("LOCATION", "OPTIONS")}
        self._fallback = LocMemCache("rapporteur-redis-fallback", fallback_params)  # one per process
        self._outage = _outage(", ".join(_host(server) for server in self._servers))  # in the log: no password

    @cached_property
    def _cache(self) -> RedisCacheClient:
        """One client, and so one pool of connections, per process for each Redis. Django makes a new cache object
        for every request under ASGI (its handler keeps them per context), and each object's own pool opened and
        closed a connection to Redis for every request that touched the cache."""
        key = (*self._servers, repr(sorted(self._options.items())))
        with _clients_lock:
            if key not in _clients:
                _clients[key] = self._class(self._servers, **self._options)
            return _clients[key]

    def _either(self, method: str, *args, **kwargs):
        if self._outage.worth_trying():
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except UNREACHABLE as error:
                self._outage.failed(error)
            else:
                self._outage.answered()
                return result
        return getattr(self._fallback, method)(*args, **kwargs)

    # Every operation of RedisCache; BaseCache's others (get_or_set, decr, the async ones...) go through these.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._either("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._either("delete", key, version)

    def get_many(self, keys, version=None):
        return self._either("get_many", list(keys), version)

    def has_key(self, key, version=None):
        return self._either("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._either("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._either("delete_many", list(keys), version)

    def clear(self):
        return self._either("clear")

"""Pages served again without being rendered again, for as long as nothing they could show has changed.

Rendering is most of a page's cost (Django's templates, and compiling the queries they evaluate: the SQL itself is a
few percent), and most requests read pages that have not changed since the last reader. A page marked `cached_page`
is kept in the cache once rendered, and the middleware `serve_kept_pages` serves it again, before authentication
(no query at all), under a key made of:

- the **data version**, a number in the cache that every write to the database changes: every statement but a read
  (INSERT, UPDATE, DELETE, through the ORM, in bulk or in raw SQL: a wrapper around every query of every connection
  sees them), as it is made and again when its transaction commits, so that a page rendered in between is not kept
  past the commit;
- the **minute**: what a page shows of the time (today's meetings, what is under way) is at most a minute old, and
  no entry lives longer than PAGE_CACHE_SECONDS and a minute. When the minute turns, one request renders the page
  again, and those that come meanwhile are given the last minute's, of the same data (without it, every one of
  them would render it too, all at once);
- **whose page it is**: the session's (a digest of its cookie), or any visitor's without a session. A session is one
  person's: signing in starts a new one, and signing out, a password changed, a role or an authenticator added or
  removed are all writes, which change the version. The first reading of a page in a session goes through every
  check (two-factor authentication, access); a session that expires may read for at most a minute more what it read
  in that minute;
- the interface's language and time zone, and the address with its query.

Each form's CSRF token is put in on every request (the kept page holds a placeholder), so that a page kept for
one visitor posts for another. A request with a message to show is served fresh, and is not kept.

The cache must be the one every worker shares: while Redis cannot be reached (config/cache.py falls back to each
process's memory), pages are neither read nor kept, and a worker that wrote meanwhile changes the version when Redis
answers again (any other worker's page kept from before is at most a minute old); a Redis that refuses writes costs
only speed. PAGE_CACHE_SECONDS = 0 turns it all off.
"""

import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable

import redis.exceptions
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
VERSION_KEY = "page-cache:data-version"
# What a kept page holds in place of what is the request's own: each form's CSRF token, and the server's clock that
# the live meeting's countdown reads (data-now). Put back only where they stand, in these attributes, so that no
# text written in a page (its quotes escaped) can stand for them.
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"')
KEPT_CSRF_INPUT = b'name="csrfmiddlewaretoken" value="page-cache-csrf-token"'
_SERVER_CLOCK = re.compile(rb' data-now="[^"]*"')
KEPT_SERVER_CLOCK = b' data-now="page-cache-now"'
# Statements that change no data; any other is taken for a write (INSERT OR IGNORE, REPLACE, a migration's DDL...).
_READ = re.compile(r"\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|EXPLAIN|SHOW|SET)\b", re.IGNORECASE)
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
_missed_writes = False  # written while the shared cache could not be reached: its version is behind


def _shared() -> bool:
    """Whether the cache is the one every worker shares (not, while Redis cannot be reached, this process's own).
    When it is time to try Redis again, a read tries it, so that a worker that only reads sees it come back."""
    outage = getattr(cache, "_outage", None)
    if outage is not None and outage.down and outage.worth_trying():
        _cache_call(cache.get, VERSION_KEY)
    return outage is None or not outage.down


def _cache_call(operation: Callable, *args, **kwargs):
    """A cache operation whose failure costs only speed: Redis refusing it (read-only after a failover, out of
    memory) is logged and taken as a miss, and never fails the page or the write that asked."""
    try:
        return operation(*args, **kwargs)
    except redis.exceptions.RedisError as error:
        logger.warning("The page cache could not use Redis: %s", error)
        return None


def enabled() -> bool:
    """Whether pages are kept: turned on, and the cache shared. Back from an outage during which this process wrote,
    the version is changed first: the pages kept before it do not show those writes."""
    global _missed_writes
    if settings.PAGE_CACHE_SECONDS <= 0 or not _shared():
        return False
    if _missed_writes:
        _missed_writes = False
        data_changed()
    return not _missed_writes  # a version that cannot be changed (Redis refusing writes) serves nothing kept


def data_version() -> int | None:
    """The current data version (None if the cache refuses it). A new one is drawn from the clock when the cache has
    none (emptied, restarted), so that no page kept under an earlier number is read again."""
    version = _cache_call(cache.get, VERSION_KEY)
    if version is None:
        _cache_call(cache.add, VERSION_KEY, time.time_ns(), timeout=None)
        version = _cache_call(cache.get, VERSION_KEY)
    return version


def data_changed() -> None:
    """Every page kept so far is out of date. A change that could not reach the shared cache is recorded, and the
    version changed when it can be."""
    global _missed_writes
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: any new one differs from every page's
        _cache_call(cache.add, VERSION_KEY, time.time_ns(), timeout=None)
    except redis.exceptions.RedisError as error:
        logger.warning("The page cache could not record a change in Redis: %s", error)
        _missed_writes = True
        return
    _missed_writes = not _shared()


def _on_commit_callbacks(connection) -> list:
    return [callback for _savepoints, callback, _robust in connection.run_on_commit]


def _is_write(sql: object) -> bool:
    """Whether the statement may change what a page shows: any but a read. Sessions' writes count: signing out
    deletes the session's row, and its pages kept for it must go."""
    return isinstance(sql, str) and not _READ.match(sql)


def _notice_writes(execute, sql, params, many, context):
    """Around every query: a write changes the data version at once and, inside a transaction, once more when it
    commits (a transaction rolled back changed nothing, and the numbers it drew do no harm)."""
    result = execute(sql, params, many, context)
    if _is_write(sql):
        data_changed()
        connection = context["connection"]
        if connection.in_atomic_block and data_changed not in _on_commit_callbacks(connection):
            connection.on_commit(data_changed)
    return result


def _watch_connection(sender, connection, **kwargs) -> None:
    """Put the write watcher under any other wrapper (they are pushed and popped at the end of the list)."""
    if _notice_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _notice_writes)


def watch_writes() -> None:
    """Notice the writes of every database connection, those open already and those to come (AppConfig.ready)."""
    connection_created.connect(_watch_connection, dispatch_uid="page-cache-writes")
    for connection in connections.all(initialized_only=True):
        _watch_connection(None, connection)


def _has_messages(request: HttpRequest) -> bool:
    """Whether a message waits to be shown (counting them reads them without using them up)."""
    return len(messages.get_messages(request)) > 0


def _reader(request: HttpRequest) -> str:
    """Whose page it is: the session's, by a digest of its cookie (a key in Redis must not hold a credential), or
    any visitor's without one. A session is one person's for its life; signing in makes a new one, and signing
    out deletes its row, a write that changes the version."""
    session = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return "session-" + hashlib.sha256(session.encode()).hexdigest() if session else "anyone"


def _key(request: HttpRequest, version: int, minute: int) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    language, zone = translation.get_language(), timezone.get_current_timezone_name()
    return f"page-cache:{version}:{minute}:{_reader(request)}:{language}:{zone}:{address}"


def _lookup_keys(request: HttpRequest) -> tuple[str, str] | None:
    """The keys of the page asked for, this minute's and the last one's, if it is a page that is kept and may be
    served from the cache now."""
    if request.method not in ("GET", "HEAD") or CookieStorage.cookie_name in request.COOKIES or not enabled():
        return None  # a message in its cookie is shown fresh (one kept in the session is a session write)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if not getattr(match.func, "page_cache", False):
        return None
    version = data_version()
    if version is None:
        return None
    minute = int(time.time() // 60)
    return _key(request, version, minute), _key(request, version, minute - 1)


def rendering_mark(key: str) -> str:
    """The entry that says a request is rendering the page of `key` again."""
    return f"{key}:rendering"


def _served(request: HttpRequest, kept: tuple[int, dict[str, str], bytes]) -> HttpResponse:
    status, headers, content = kept
    if KEPT_CSRF_INPUT in content:
        token = get_token(request).encode()
        content = content.replace(KEPT_CSRF_INPUT, b'name="csrfmiddlewaretoken" value="' + token + b'"')
    if KEPT_SERVER_CLOCK in content:
        content = content.replace(KEPT_SERVER_CLOCK, b' data-now="' + timezone.now().isoformat().encode() + b'"')
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    patch_vary_headers(response, ("Cookie",))  # as a page rendered for the session says (it read the session)
    return response


def _kept_content(content: bytes) -> bytes:
    """The page with the request's own values replaced by what stands for them (KEPT_CSRF_INPUT, KEPT_SERVER_CLOCK)."""
    return _SERVER_CLOCK.sub(KEPT_SERVER_CLOCK, _CSRF_INPUT.sub(KEPT_CSRF_INPUT, content))


def serve_kept_pages(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware, after the session's, the language's and CSRF's and before authentication: a page kept for this
    session (or for any visitor without one) is served from here, with no query, neither the session's nor the
    user's. Any other request goes on, with the key its page is to be kept under (`cached_page` keeps it)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        keys = _lookup_keys(request)
        if keys is not None:
            key, last_minutes = keys
            kept = _cache_call(cache.get, key)
            if kept is None and not _cache_call(cache.add, rendering_mark(key), 1, timeout=60):
                # Another request renders it for this minute: meanwhile the last minute's page, of the same data.
                kept = _cache_call(cache.get, last_minutes)
            if kept is not None:
                return _served(request, kept)
            request.page_cache_key = key  # type: ignore[attr-defined]  # for cached_page
        return get_response(request)

    return middleware


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the view's page for its reader while the data and the minute are the same (see the module); the
    middleware `serve_kept_pages` serves it again."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = getattr(request, "page_cache_key", None)
        if key is None or _has_messages(request):
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming or response.cookies or _has_messages(request):
            return response
        content = _kept_content(response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
        kept = (response.status_code, headers, content)
        _cache_call(cache.set, key, kept, timeout=settings.PAGE_CACHE_SECONDS + 60)  # and a minute as the last one's
        return response

    wrapper.page_cache = True  # type: ignore[attr-defined]  # what serve_kept_pages looks for (wraps() copies it)
    return wrapper

"""Pages served again without being rendered again, for as long as nothing they could show has changed.

Rendering is most of a page's cost (Django's templates, and compiling the queries they evaluate: the SQL itself is a
few percent), and most requests read pages that have not changed since the last reader. A page marked `cached_page`
is kept in the cache, under a key made of:

- the **data version**, a number in the cache that every write to the database changes: every INSERT, UPDATE and
  DELETE, through the ORM, in bulk or in raw SQL (a wrapper around every query of every connection sees them), as
  it is made and again when its transaction commits, so that a page rendered in between is not kept past the
  commit;
- the **minute**: what a page shows of the time (today's meetings, what is under way) is at most a minute old, and
  no entry lives longer than PAGE_CACHE_SECONDS;
- **who reads it** (the account, or any signed-out visitor), the interface's language and time zone, and the
  address with its query.

Each form's CSRF token is put in on every request (the cached page holds a placeholder), so that a page kept for
one visitor posts for another. A request with a message still to show is served fresh, and is not kept.

The cache must be the one every worker shares: while Redis cannot be reached (config/cache.py falls back to each
process's memory), pages are neither read nor kept, and a worker that wrote meanwhile changes the version when Redis
answers again (any other worker's page kept from before is at most a minute old). PAGE_CACHE_SECONDS = 0 turns it
all off.
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
from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
VERSION_KEY = "page-cache:data-version"
# Tables whose writes change no page: who is signed in where.
UNSEEN_TABLES = frozenset({"django_session"})
CSRF_PLACEHOLDER = b"page-cache-csrf-token"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
# Statements that change no data; any other is taken for a write (INSERT OR IGNORE, REPLACE, a migration's DDL...).
_READ = re.compile(r"\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|EXPLAIN|SHOW|SET)\b", re.IGNORECASE)
_TABLE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)', re.IGNORECASE)
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


def _is_seen_write(sql: object) -> bool:
    """Whether the statement may change what a page shows: any but a read, and but a write to UNSEEN_TABLES."""
    if not isinstance(sql, str) or _READ.match(sql):
        return False
    table = _TABLE.match(sql)
    return table is None or table[1].strip('"').lower() not in UNSEEN_TABLES


def _notice_writes(execute, sql, params, many, context):
    """Around every query: a write changes the data version at once and, inside a transaction, once more when it
    commits (a transaction rolled back changed nothing, and the numbers it drew do no harm)."""
    result = execute(sql, params, many, context)
    if _is_seen_write(sql):
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


def _key(request: HttpRequest, version: int) -> str:
    reader = f"user-{request.user.pk}" if request.user.is_authenticated else "anyone"
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    minute = int(time.time() // 60)
    language, zone = translation.get_language(), timezone.get_current_timezone_name()
    return f"page-cache:{version}:{minute}:{reader}:{language}:{zone}:{address}"


def _served(request: HttpRequest, kept: tuple[int, dict[str, str], bytes]) -> HttpResponse:
    status, headers, content = kept
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the cache while the data and the minute are the same (see the module)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not enabled() or _has_messages(request):
            return view(request, *args, **kwargs)
        version = data_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = _key(request, version)
        kept = _cache_call(cache.get, key)
        if kept is not None:
            return _served(request, kept)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming or response.cookies or _has_messages(request):
            return response
        content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
        _cache_call(cache.set, key, (response.status_code, headers, content), timeout=settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper

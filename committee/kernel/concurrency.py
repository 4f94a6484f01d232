"""Writes that may meet another at the same moment.

PostgreSQL makes the second wait on the first's row lock, and reports a deadlock or a serialization
failure when waiting cannot help. SQLite, the embedded default, has no row locks: a writer that meets
another is refused ("database is locked", or "database table is locked" with the shared cache of the
in-memory database the tests use). Such a write, a whole transaction, is tried again after a short random
pause that grows each time, for as long as PATIENCE allows, however many attempts that takes on a loaded
machine; any other database error is let through at once.
"""

import functools
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

PATIENCE = 30.0  # seconds of trying again before a busy database's error is let through
LONGEST_PAUSE = 0.2  # seconds between two attempts, at the most
_BUSY = ("database is locked", "database table is locked", "deadlock detected", "could not serialize access")
T = TypeVar("T")


def is_busy(error: Exception) -> bool:
    """Did the database refuse because another writer holds what this one needs (worth trying again)?"""
    return isinstance(error, OperationalError) and any(words in str(error) for words in _BUSY)


def retrying(operation: Callable[[], T], *, also: tuple[type[Exception], ...] = ()) -> T:
    """Run `operation` (a whole transaction), again while the database is busy (or one of `also` is raised)."""
    retryable: tuple[type[Exception], ...] = (OperationalError, *also)
    deadline = time.monotonic() + PATIENCE
    attempt = 0
    while True:
        try:
            return operation()
        except retryable as error:
            if not (is_busy(error) or isinstance(error, also)) or time.monotonic() >= deadline:
                raise
            attempt += 1
            time.sleep(random.uniform(0, min(LONGEST_PAUSE, 0.005 * 2**attempt)))  # noqa: S311 - a pause, not a secret


def retried(function: Callable[..., T]) -> Callable[..., T]:
    """`retrying` as a decorator, for a function that is one transaction."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> T:
        return retrying(lambda: function(*args, **kwargs))

    return wrapper

"""Writes that may meet another at the same moment.

PostgreSQL makes the second wait on the first's row lock. SQLite, the embedded default, has no row
locks and refuses at once ("database is locked"): such a write is tried again after a short random
pause, a few times, before the error is let through.
"""

import functools
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

ATTEMPTS = 20
T = TypeVar("T")


def retrying(operation: Callable[[], T], *, also: tuple[type[Exception], ...] = ()) -> T:
    """Run `operation` (a whole transaction), again while the database is busy (or one of `also` is raised)."""
    retryable: tuple[type[Exception], ...] = (OperationalError, *also)
    for attempt in range(ATTEMPTS):
        try:
            return operation()
        except retryable:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # noqa: S311 - a pause, not a secret
    raise AssertionError("unreachable")


def retried(function: Callable[..., T]) -> Callable[..., T]:
    """`retrying` as a decorator, for a function that is one transaction."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> T:
        return retrying(lambda: function(*args, **kwargs))

    return wrapper

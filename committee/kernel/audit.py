"""Who made a change, for the history every audited model keeps (django-simple-history).

A change made through a page is recorded under the person signed in: simple-history's request
middleware hands the request to the history. Services also run where no request is there (the live
meeting's websocket, imports from the command line, tests), so each service that takes the person
acting as `by` is `@audited`: the history records `by` for every row the service writes.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from simple_history.models import HistoricalRecords

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class _Actor:
    """What the history reads from a request: its user."""

    user: Any


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Record `user` as the author of the history rows written inside the block.

    With no user (an import run by the system), the block keeps what is already recorded: the person
    signed in, if a page called it, else no one.
    """
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = _Actor(user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def audited(service: Callable[P, R]) -> Callable[P, R]:
    """Run `service` acting as its keyword argument `by`."""

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with acting_as(kwargs.get("by")):
            return service(*args, **kwargs)

    return run

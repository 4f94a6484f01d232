"""Writes that meet another are tried again while the database is busy, and only then."""

import pytest
from django.db import OperationalError

from committee.kernel import concurrency


class Flaky:
    """An operation refused `times` times with `message`, then done."""

    def __init__(self, times: int, message: str) -> None:
        self.times, self.message, self.calls = times, message, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.times:
            raise OperationalError(self.message)
        return "written"


@pytest.fixture(autouse=True)
def _no_pauses(monkeypatch):
    monkeypatch.setattr(concurrency.time, "sleep", lambda seconds: None)


@pytest.mark.parametrize("message", ["database is locked", "database table is locked", "deadlock detected"])
def test_a_busy_database_is_waited_for_however_many_attempts_it_takes(message):
    operation = Flaky(200, message)  # a loaded machine: far more refusals than a fixed number of attempts allowed

    assert concurrency.retrying(operation) == "written"
    assert operation.calls == 201


def test_another_database_error_is_let_through_at_once():
    operation = Flaky(1, "no such table: live_speaker")

    with pytest.raises(OperationalError, match="no such table"):
        concurrency.retrying(operation)
    assert operation.calls == 1


def test_a_database_busy_beyond_patience_gives_its_error(monkeypatch):
    clock = iter(range(0, 1000, 10))  # ten seconds pass at each attempt
    monkeypatch.setattr(concurrency.time, "monotonic", lambda: next(clock))
    operation = Flaky(1000, "database is locked")

    with pytest.raises(OperationalError, match="database is locked"):
        concurrency.retrying(operation)
    assert operation.calls == 3  # at 0, 10 and 20 seconds; refused again at 30, the patience, it gives up

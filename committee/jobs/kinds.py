"""The kinds of job, each a function from the job (its arguments, who asked) to its outcome, registered by the apps
that own the work (from their `AppConfig.ready()`), as the registry's generators are: this app knows none of them."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import ngettext

from committee.kernel.import_errors import ImportRejected

if TYPE_CHECKING:
    from committee.jobs.models import Job


class JobFailed(Exception):
    """The job cannot be done as asked; the message says why, to the person who asked (its first line, then each
    of the other lines as one point of a list)."""

    @classmethod
    def rejected(cls, filename: str, rejected: ImportRejected) -> "JobFailed":
        """An import refused: nothing was changed, and every problem with where it is."""
        summary = ngettext(
            "%(file)s was not imported. Nothing was changed: the file has %(count)d problem. Correct it and "
            "import it again.",
            "%(file)s was not imported. Nothing was changed: the file has %(count)d problems. Correct them and "
            "import it again.",
            len(rejected.problems),
        ) % {"file": filename, "count": len(rejected.problems)}
        return cls("\n".join([summary, *(str(problem) for problem in rejected.problems)]))


class TryLater(Exception):
    """The job could not be done now for a reason that passes (a mail server down): it is queued again, later,
    a few times, before it fails with this message."""


@dataclass(frozen=True)
class Outcome:
    """What a job leaves, any of: a file to download, the page where its result stands, a sentence on what it did."""

    file: bytes | None = None
    filename: str = ""
    url: str = ""
    message: str = ""


class Progress:
    """What a running job says of itself: the share of its work done and the step it is on. The job sets it; the
    worker's heartbeat writes it where the page that watches can read it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._percent = 0
        self._step = ""

    def __call__(self, done: int, of: int, step: str = "") -> None:
        """`done` parts of `of` are done; `step` says what is being done now."""
        with self._lock:
            self._percent = min(99, 100 * done // of) if of else 0  # 100 is for the job that is done
            self._step = str(step)[:300]

    @property
    def now(self) -> tuple[int, str]:
        with self._lock:
            return self._percent, self._step


JobFunction = Callable[["Job", Progress], Outcome]

_KINDS: dict[str, JobFunction] = {}


def register(kind: str, function: JobFunction) -> None:
    _KINDS[kind] = function


def function_for(kind: str) -> JobFunction:
    return _KINDS[kind]


def is_registered(kind: str) -> bool:
    return kind in _KINDS

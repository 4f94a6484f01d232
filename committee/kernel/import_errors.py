"""The shape of a rejected import: every problem found, each with where it is, and nothing written."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.management.base import CommandError, OutputWrapper

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Problem:
    where: str  # e.g. "session.participants[12].category" or "row 5, column category"
    message: "str | StrPromise"  # a lazy translation is said in the language of whoever reads it

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportRejected(Exception):
    """Raised before (or instead of) writing anything, with all the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@contextmanager
def reported_to_command_line(source: object, stderr: OutputWrapper) -> Iterator[None]:
    """In a management command: print every problem of a rejected import, one a line, then fail."""
    try:
        yield
    except ImportRejected as rejected:
        for problem in rejected.problems:
            stderr.write(f"{source}: {problem}")
        raise CommandError(
            f"{source} was not imported ({len(rejected.problems)} problems); nothing was changed."
        ) from None

"""The shape of a rejected import: every problem found, each with where it is, and nothing written."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str  # e.g. "session.participants[12].category" or "row 5, column category"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportRejected(Exception):
    """Raised before (or instead of) writing anything, with all the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

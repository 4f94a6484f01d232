"""What changed in a text between two of its versions, word by word."""

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[Change]:
    """The words of `new` against those of `old`, as runs of unchanged, removed and added text."""
    before, after = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            changes.append(Change("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            changes.append(Change("removed", "".join(before[i1:i2])))
        if j2 > j1:
            changes.append(Change("added", "".join(after[j1:j2])))
    return changes

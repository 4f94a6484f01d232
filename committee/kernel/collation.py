"""Sort names the way each language's lists are sorted, with the Unicode Collation Algorithm.

pyuca implements the UCA with its default table (DUCET, the CLDR root collation): accents and
case count only after the letters, so Égypte sorts among the E's, as French lists have it.
English and French need nothing more. Spanish, Russian and Arabic lists come out in their usual
order too; Chinese lists in UN documents follow stroke order, which needs a tailored table.
"""

from functools import cache

import pyuca


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def collation_key(text: str) -> tuple[int, ...]:
    """A sort key for `text` in the root collation order."""
    key: tuple[int, ...] = _collator().sort_key(text)  # pyuca is untyped
    return key

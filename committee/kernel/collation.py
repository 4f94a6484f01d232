"""Sort names the way each language's lists are sorted, with the Unicode Collation Algorithm.

pyuca implements the UCA with its default table (DUCET, the CLDR root collation): accents and
case count only after the letters, so Égypte sorts among the E's, as French lists have it.
English and French need nothing more. Spanish, Russian and Arabic lists come out in their usual
order too; Chinese lists in UN documents follow stroke order, which needs a tailored table.

The weights are pyuca's, but the walk through the text is done here: pyuca's own `sort_key` copies
the rest of the text at every collation element (``key[i:]`` in its trie's `find_prefix`, and
``pop(0)``), which makes a key take time in the square of the name's length (half a second for
8,000 characters, minutes for a list of such names). `collation_key` walks the text once, by index,
and gives the same keys. A key is computed once per name: keys are kept for the names met recently,
so that sorting the same participants again (the report, then the list of participants, then the
session's page) does not compute them again.
"""

import unicodedata
from functools import cache, lru_cache
from typing import Any

import pyuca


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def _collation_elements(text: str) -> list[list[int]]:
    """pyuca's `collation_elements` (longest match in the table, then the discontiguous matches of
    non-starters, else implicit weights), with an index into the text instead of copies of its rest."""
    collator = _collator()
    root = collator.table.root
    key = collator.build_lookup_key(unicodedata.normalize("NFD", text))
    elements: list[list[int]] = []
    start, end = 0, len(key)
    while start < end:
        # The longest prefix of key[start:] that the table holds.
        node, matched, value = root, 0, None
        for index in range(start, end):
            children = node.children
            if children is None or key[index] not in children:
                break
            node = children[key[index]]
            if node.value:
                matched, value = index + 1 - start, node.value
        prefix = key[start : start + matched]
        start += matched
        # A non-starter that is not blocked may extend the match (S + C), wherever it stands in the run.
        last_class = None
        for index in range(start, end):
            combining_class = unicodedata.combining(chr(key[index]))
            if combining_class == 0 or combining_class == last_class:
                break
            last_class = combining_class
            extended = _exact(root, [*prefix, key[index]])
            if extended is not None:
                # Take key[index] out: move what precedes it in the run one place on.
                key[start + 1 : index + 1] = key[start:index]
                start += 1
                value = extended
                break
        if not value:
            value = collator.implicit_weight(key[start])
            start += 1
        elements.extend(value)
    return elements


def _exact(root: Any, sequence: list[int]) -> list[list[int]] | None:  # pyuca's trie node, untyped
    """The table's value for exactly `sequence` (pyuca's find_prefix when nothing is left over)."""
    node = root
    for part in sequence:
        if node.children is None or part not in node.children:
            return None
        node = node.children[part]
    return node.value or None


@lru_cache(maxsize=4096)
def collation_key(text: str) -> tuple[int, ...]:
    """A sort key for `text` in the root collation order (computed once per text, in time linear in its length)."""
    key: tuple[int, ...] = _collator().sort_key_from_collation_elements(_collation_elements(text))  # pyuca is untyped
    return key

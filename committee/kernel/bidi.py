"""Names in running text, whatever their script: isolated, so that they neither reorder what surrounds them
nor are reordered by it (Unicode Bidirectional Algorithm, UAX #9).

A name comes from the data and is set inside a sentence written by the tool ("…elected Ms. X (State) as
Chair", "X, 12 March 2025"). Two things go wrong there without isolation:

- an explicit control in the name, such as U+202E RIGHT-TO-LEFT OVERRIDE pasted from a web page (or typed
  on purpose), stays open after the name and reverses everything after it up to the end of the paragraph;
- an Arabic (or Hebrew) name makes the digits after it Arabic numbers, which then join its right-to-left
  run: "محمد، 12" flips with the date beside it. A Latin name does the same to the digits after it in an
  Arabic document.

What a UN document needs is the name displayed as written, in its own direction, and the sentence around it
untouched. So a name is given here:

1. without the embedding and override controls U+202A–U+202E (LRE, RLE, PDF, LRO, RLO): no name needs them
   (the direction of a name's letters is their own), and an override reverses even the name's own letters;
   isolates (U+2066–U+2069) are kept where they open and close within the name, and dropped where unbalanced,
   since an unmatched U+2069 would close the isolate the name is wrapped in. The marks U+200E, U+200F and
   U+061C, which embed nothing and which Arabic names may need, are kept;
2. wrapped in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, which takes its direction from
   the name's first letter, so that an Arabic name reads right to left and the text after it is laid out
   as though the name were a neutral character (isolates are part of UAX #9 since Unicode 6.3).

A name whose characters are all left-to-right or neutral needs no isolate in a left-to-right document, and
gets none (its text stays as it is for the readers who search or copy it); in a right-to-left document a
name with Latin letters is, and a name in Arabic letters is not (it is the sentence's own direction, and
LibreOffice lays out the space or comma beside an isolate wrongly). Web pages isolate with `<bdi>` instead
(which the browser treats as these isolates), and take the names through `neutralized` first, in the `bdi`
filter of the `multilingual` tags.
"""

import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
# Bidirectional classes of characters that change the order of what follows them in a left-to-right line.
_RIGHT_TO_LEFT_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI", "LRI", "PDI"})


def neutralized(text: str) -> str:
    """`text` without embedding or override controls and without unbalanced isolates."""
    if not any(char in _EMBEDDINGS or "\u2066" <= char <= "\u2069" for char in text):
        return text
    kept: list[str] = []
    open_isolates: list[int] = []  # where in `kept` each isolate still open starts
    for char in text:
        if char in _EMBEDDINGS:
            continue
        if char in _ISOLATE_OPENERS:
            open_isolates.append(len(kept))
        elif char == POP_DIRECTIONAL_ISOLATE:
            if not open_isolates:
                continue  # closes nothing of the name's: it would close the isolate around it
            open_isolates.pop()
        kept.append(char)
    for start in reversed(open_isolates):  # never closed: dropped
        del kept[start]
    return "".join(kept)


def needs_isolation(text: str) -> bool:
    """Whether `text` holds a character that reorders the left-to-right text around it."""
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT_CLASSES for char in text)


def left_to_right_in(text: str) -> bool:
    """Whether `text` holds Latin (or other left-to-right) letters: what, set in a right-to-left sentence,
    would take the digits and punctuation around it into its own order unless isolated. Arabic text, with its
    digits, needs no isolate in an Arabic sentence; and LibreOffice lays out the space or comma beside an
    isolate wrongly, so none is added where none is needed."""
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def isolated(text: str, *, right_to_left: bool = False) -> str:
    """A name to set in running text: neutralized, and isolated if it needs it (in a right-to-left document,
    a name with Latin letters, which would reorder the digits after it)."""
    text = neutralized(text)
    if text and (left_to_right_in(text) if right_to_left else needs_isolation(text)):
        return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
    return text

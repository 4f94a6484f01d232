"""The inline markup of drafted texts, turned into runs and footnotes for the document.

``*italics*`` (operative verbs, titles of publications), ``[^text of a footnote]`` and ``\\*`` for a
literal asterisk. In a paragraph of the summary, each line after the first is a lettered sub-item. Whatever
else a text holds is kept as it is, except the characters that XML cannot carry (most control characters),
which are dropped: no text can break the document.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Characters XML 1.0 refuses: C0 controls but tab and line feed, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Where a marker may start (a backslash, a bracket, an asterisk); and, for notes, a bracket or a backslash with the
# character it escapes.
_MAYBE_MARKER = re.compile(r"[\\\[*]")
_BRACKET_OR_ESCAPE = re.compile(r"\\[\s\S]?|\[\^?|\]")


def xml_safe(text: str) -> str:
    """`text` with the characters a Word document cannot hold removed."""
    return _NOT_XML.sub("", text)


@dataclass
class Segment:
    """A stretch of text in one style, or a footnote (whose own text is a list of segments)."""

    text: str = ""
    italic: bool = False
    footnote: list["Segment"] | None = field(default=None)


# Notes written inside notes become their text; past this depth their markers are kept as written.
MAX_NOTE_DEPTH = 16


def parse(text: str, *, _depth: int = 0) -> list[Segment]:
    """Split `text` into styled segments and footnotes. Unbalanced markers stay as written.

    Linear in the text's length (times the depth of notes written in notes): where each note closes, and
    whether an asterisk is still to come, are found in one pass each rather than by a search from every marker.
    """
    text = xml_safe(text)
    if not any(marker in text for marker in "*[\\"):
        return [Segment(text)] if text else []
    closing = _closing_brackets(text) if _depth < MAX_NOTE_DEPTH else {}
    last_star = _last_unescaped_star(text)
    segments: list[Segment] = []
    italic = False
    buffer: list[str] = []
    position = 0

    def flush() -> None:
        if buffer:
            segments.append(Segment("".join(buffer), italic))
            buffer.clear()

    def star_ahead(start: int) -> bool:
        """Whether text[start:], escaped asterisks left out, still holds an asterisk."""
        return start < len(text) and (text[start] == "*" or last_star > start)

    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text) and text[position + 1] in "*[]\\":
            buffer.append(text[position + 1])
            position += 2
        elif text.startswith("[^", position) and (end := closing.get(position + 2)) is not None:
            flush()
            note = _flatten(parse(text[position + 2 : end], _depth=_depth + 1))
            if any(segment.text.strip() for segment in note):  # an empty note is no note
                segments.append(Segment(footnote=note))
            position = end + 1
        elif char == "*" and (italic or star_ahead(position + 1)):
            flush()
            italic = not italic
            position += 1
        else:  # this character, and those after it up to the next that may be a marker
            following = _MAYBE_MARKER.search(text, position + 1)
            end = following.start() if following else len(text)
            buffer.append(text[position:end])
            position = end
    if italic:  # an opening asterisk never closed: it was a literal one
        tail = "".join(buffer)
        buffer.clear()
        italic = False
        segments.append(Segment("*" + tail))
        return _merge(segments)
    flush()
    return _merge(segments)


def _flatten(segments: list[Segment]) -> list[Segment]:
    """A note cannot hold notes: a note written inside one becomes part of its text."""
    flat: list[Segment] = []
    for segment in segments:
        flat.extend(_flatten(segment.footnote) if segment.footnote is not None else [segment])
    return flat


def _last_unescaped_star(text: str) -> int:
    """The last asterisk that text[i:].replace("\\*", "") keeps for any i before it: one not after a backslash,
    nor first (-1 if none)."""
    place = text.rfind("*")
    while place > 0 and text[place - 1] == "\\":
        place = text.rfind("*", 0, place)
    return place if place > 0 else -1


def _closing_brackets(text: str) -> dict[int, int]:
    """For each place just after a "[^", the place of the "]" that closes it: the first one not escaped by a
    backslash and not closing a "[" opened after that place. One pass over the brackets and backslashes, keeping
    the places still open by the number of brackets open there."""
    found: dict[int, int] = {}
    waiting: dict[int, list[int]] = {}
    depth = 0
    for bracket in _BRACKET_OR_ESCAPE.finditer(text):
        mark = bracket.group()
        if mark[0] == "\\":
            continue
        if mark[0] == "[":
            depth += 1
            if mark == "[^" and bracket.end() < len(text):
                waiting.setdefault(depth, []).append(bracket.end())
        else:
            for start in waiting.pop(depth, ()):
                found[start] = bracket.start()
            depth -= 1
    return found


def _merge(segments: list[Segment]) -> list[Segment]:
    """Adjacent text in the same style as one segment: their texts gathered, then joined once each (joining
    them one by one would take time in the square of their number)."""
    runs: list[tuple[Segment, list[str]]] = []
    for segment in segments:
        if segment.footnote is None and not segment.text:
            continue
        if runs and segment.footnote is None and runs[-1][0].footnote is None and runs[-1][0].italic == segment.italic:
            runs[-1][1].append(segment.text)
        else:
            runs.append((segment, [segment.text]))
    return [first if first.footnote is not None else Segment("".join(texts), first.italic) for first, texts in runs]


def to_markup(segments: list[Segment], *, _in_note: bool = False) -> str:
    """The markup that `parse` reads back as `segments`: the inverse of `parse`, for texts that come back in
    another form (a translation returned as XLIFF or Word) and are stored as markup again."""
    parts: list[str] = []
    for segment in segments:
        if segment.footnote is not None:
            parts.append("[^" + to_markup(segment.footnote, _in_note=True) + "]")
        elif segment.italic:
            parts.append("*" + _escaped(segment.text, in_note=_in_note) + "*")
        else:
            parts.append(_escaped(segment.text, in_note=_in_note))
    return "".join(parts)


def _escaped(text: str, *, in_note: bool) -> str:
    """`text` with the characters the markup would read as markers escaped by a backslash."""
    text = re.sub(r"\\(?=[*\[\]\\]|$)", r"\\\\", text)  # a backslash that would escape what follows
    text = text.replace("*", "\\*").replace("[^", "\\[^")
    return text.replace("]", "\\]") if in_note else text


def plain(text: str) -> str:
    """The text as the contents list it: no markers, no notes."""
    return "".join(segment.text for segment in parse(text) if segment.footnote is None)


def sub_items(text: str) -> tuple[str, list[str]]:
    """A paragraph's lead and its lettered sub-items, (a), (b)…: one on each further line of its text, blank
    lines left out."""
    lines = [line.strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    return (lines[0], lines[1:]) if lines else ("", [])


MARKUP_HELP = _(
    "Mark italics (operative verbs, titles of publications) with *asterisks* and footnotes with "
    "[^the note's text]; write \\* for a literal asterisk."
)

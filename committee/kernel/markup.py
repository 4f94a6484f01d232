"""The inline markup of drafted texts, turned into runs and footnotes for the document.

``*italics*`` (operative verbs, titles of publications), ``[^text of a footnote]`` and ``\\*`` for a
literal asterisk. Whatever else a text holds is kept as it is, except the characters that XML
cannot carry (most control characters), which are dropped: no text can break the document.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Characters XML 1.0 refuses: C0 controls but tab and line feed, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with the characters a Word document cannot hold removed."""
    return _NOT_XML.sub("", text)


@dataclass
class Segment:
    """A stretch of text in one style, or a footnote (whose own text is a list of segments)."""

    text: str = ""
    italic: bool = False
    footnote: list["Segment"] | None = field(default=None)


def parse(text: str) -> list[Segment]:
    """Split `text` into styled segments and footnotes. Unbalanced markers stay as written."""
    text = xml_safe(text)
    if not any(marker in text for marker in "*[\\"):
        return [Segment(text)] if text else []
    segments: list[Segment] = []
    italic = False
    buffer: list[str] = []
    position = 0

    def flush() -> None:
        if buffer:
            segments.append(Segment("".join(buffer), italic))
            buffer.clear()

    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text) and text[position + 1] in "*[]\\":
            buffer.append(text[position + 1])
            position += 2
        elif text.startswith("[^", position) and (end := _closing_bracket(text, position + 2)) is not None:
            flush()
            note = _flatten(parse(text[position + 2 : end]))
            if any(segment.text.strip() for segment in note):  # an empty note is no note
                segments.append(Segment(footnote=note))
            position = end + 1
        elif char == "*" and (italic or "*" in text[position + 1 :].replace("\\*", "")):
            flush()
            italic = not italic
            position += 1
        else:
            buffer.append(char)
            position += 1
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


def _closing_bracket(text: str, start: int) -> int | None:
    depth = 0
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return position
            depth -= 1
        position += 1
    return None


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if segment.footnote is None and not segment.text:
            continue
        if merged and segment.footnote is None and merged[-1].footnote is None and merged[-1].italic == segment.italic:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.italic)
        else:
            merged.append(segment)
    return merged


def plain(text: str) -> str:
    """The text as the contents list it: no markers, no notes."""
    return "".join(segment.text for segment in parse(text) if segment.footnote is None)


MARKUP_HELP = _(
    "Mark italics (operative verbs, titles of publications) with *asterisks* and footnotes with "
    "[^the note's text]; write \\* for a literal asterisk."
)

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from committee.kernel.markup import parse

register = template.Library()


@register.filter
def drafted_html(text: str) -> str:
    """Drafted text as the document shows it: *italics* in italics, a [^footnote] as a small note in brackets."""
    return _segments_html(parse(text or ""))


def _segments_html(segments) -> str:
    parts = []
    for segment in segments:
        if segment.footnote is not None:
            parts.append(
                format_html('<small class="text-body-secondary">[{}]</small>', _segments_html(segment.footnote))
            )
        elif segment.italic:
            parts.append(format_html("<em>{}</em>", segment.text))
        else:
            parts.append(conditional_escape(segment.text))
    return mark_safe("".join(parts))  # noqa: S308 - each part is escaped


@register.filter
def editable_html(text: str) -> str:
    """Drafted text for the in-place editor (static/reports/editor.js): italics in <em>, each footnote in a
    <span class="footnote"> the editor turns back into [^text] when it saves."""
    parts = []
    for segment in parse(text or ""):
        if segment.footnote is not None:
            inner = "".join(
                format_html("<em>{}</em>", s.text) if s.italic else conditional_escape(s.text) for s in segment.footnote
            )
            parts.append(format_html('<span class="footnote">{}</span>', mark_safe(inner)))  # noqa: S308 - escaped
        elif segment.italic:
            parts.append(format_html("<em>{}</em>", segment.text))
        else:
            parts.append(conditional_escape(segment.text))
    return mark_safe("".join(parts))  # noqa: S308 - each part is escaped

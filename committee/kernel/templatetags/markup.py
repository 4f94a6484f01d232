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

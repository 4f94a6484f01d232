import contextlib

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override, pgettext

from committee.kernel.markup import Segment, parse, sub_items
from committee.kernel.outline import letter_label

register = template.Library()


@register.filter
def drafted_html(text: str, language: str = "") -> SafeString:
    """Drafted text as the document shows it: *italics* in italics, a [^footnote] as a small note in brackets,
    each further line as a lettered sub-item labelled as `language` labels them."""
    return _with_sub_items(text, language, lambda line: _segments_html(parse(line)))


@register.filter
def printed_html(text: str, language: str = "") -> SafeString:
    """Drafted text as it prints, for the editor's preview: a footnote as its number, its text below a rule."""
    notes: list[SafeString] = []

    def line_html(line: str) -> SafeString:
        parts = []
        for segment in parse(line):
            if segment.footnote is not None:
                notes.append(_segments_html(segment.footnote))
                parts.append(format_html("<sup>{}</sup>", len(notes)))
            else:
                parts.append(_segments_html([segment]))
        return mark_safe("".join(parts))  # noqa: S308 - each part is escaped

    body = _with_sub_items(text, language, line_html)
    if not notes:
        return body
    listed = format_html_join("", "<li>{}</li>", ((note,) for note in notes))
    return format_html('{}<hr class="w-25 my-1"><ol class="small mb-0 ps-3">{}</ol>', body, listed)


@register.filter
def editable_html(text: str) -> SafeString:
    """Drafted text for the in-place editor (static/reports/editor.js): italics in <em>, each footnote in a
    <span class="footnote">, the sub-items in a list, all of which the editor turns back into markup."""

    def line_html(line: str) -> SafeString:
        parts = []
        for segment in parse(line):
            if segment.footnote is not None:
                parts.append(format_html('<span class="footnote">{}</span>', _segments_html(segment.footnote)))
            else:
                parts.append(_segments_html([segment]))
        return mark_safe("".join(parts))  # noqa: S308 - each part is escaped

    lead, items = sub_items(text)
    if not items:
        return line_html(lead)
    listed = format_html_join("", "<li>{}</li>", ((line_html(item),) for item in items))
    return format_html('{}<ol class="sub-items">{}</ol>', line_html(lead), listed)


def _with_sub_items(text: str, language: str, line_html) -> SafeString:
    lead, items = sub_items(text)
    if not items:
        return line_html(lead)
    labels = [sub_item_label(letter_label(index), language) for index in range(len(items))]
    listed = format_html_join(
        "",
        '<li class="d-flex gap-2"><span class="text-body-secondary">{}</span><span>{}</span></li>',
        ((label, line_html(item)) for label, item in zip(labels, items, strict=True)),
    )
    return format_html('{}<ol class="list-unstyled ms-3 mb-0 mt-1">{}</ol>', line_html(lead), listed)


@register.filter
def sub_item_label(letter: str, language: str = "") -> str:
    """ "(a)" in English, "a)" in French and Spanish: a sub-item's label as `language` writes it."""
    with override(language) if language else contextlib.nullcontext():
        return pgettext("report sub-item", "(%(letter)s)") % {"letter": letter}


def _segments_html(segments: list[Segment]) -> SafeString:
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

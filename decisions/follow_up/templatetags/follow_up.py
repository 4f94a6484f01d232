from django import template
from django.utils.html import format_html

from decisions.follow_up.charts import STATUS_STYLE, UNREPORTED, status_label

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> str:
    """The status in words, beside a swatch of its colour in the charts: never the colour alone."""
    known = status if status in STATUS_STYLE else UNREPORTED
    return format_html(
        '<span class="badge rounded-pill text-bg-light border fw-normal status-{}">'
        '<span class="d-inline-block rounded-circle me-1 align-baseline status-swatch status-swatch-{}"'
        ' aria-hidden="true"></span>{}</span>',
        status,
        known,
        status_label(status),
    )


@register.filter
def status_tint(status: str) -> str:
    """The class of a light background of the status's colour (static/rapporteur.css), for a table cell that also
    says the status in words."""
    return f"status-tint-{status if status in STATUS_STYLE else UNREPORTED}"

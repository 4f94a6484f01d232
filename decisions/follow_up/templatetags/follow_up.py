from django import template
from django.utils.html import format_html

from decisions.follow_up.charts import STATUS_STYLE, status_label

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> str:
    """The status in words, beside a swatch of its colour in the charts: never the colour alone."""
    colour, _hatch = STATUS_STYLE.get(status, ("#ffffff", ""))
    return format_html(
        '<span class="badge rounded-pill text-bg-light border fw-normal status-{}">'
        '<span class="d-inline-block rounded-circle me-1 align-baseline" style="width:.6em;height:.6em;'
        'background:{}" aria-hidden="true"></span>{}</span>',
        status,
        colour,
        status_label(status),
    )


@register.filter
def status_tint(status: str) -> str:
    """A light background of the status's colour, for a table cell that also says the status in words."""
    colour, _hatch = STATUS_STYLE.get(status, ("#ffffff", ""))
    return f"background-color: {colour}33"

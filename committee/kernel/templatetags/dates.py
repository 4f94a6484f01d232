"""Dates on the pages and in the mails, in the active language, as the documents write them
(`committee.kernel.dates`): {{ session.start_date|long_date }}, {% date_span start end %}."""

import datetime

from django import template
from django.utils.translation import get_language

from committee.kernel.dates import DateForms, dates_in

register = template.Library()


def _forms() -> DateForms:
    return dates_in((get_language() or "en").split("-")[0])


@register.filter
def long_date(value: datetime.date | None) -> str:
    return _forms().date(value) if value else ""


@register.filter
def weekday_date(value: datetime.date | None) -> str:
    return _forms().weekday_date(value) if value else ""


@register.filter
def short_date(value: datetime.date | None) -> str:
    return _forms().short_date(value) if value else ""


@register.filter
def month_year(value: datetime.date | None) -> str:
    return _forms().month_year(value) if value else ""


@register.filter
def moment(value: datetime.datetime | None) -> str:
    return _forms().moment(value) if value else ""


@register.simple_tag
def date_span(start: datetime.date | None, end: datetime.date | None) -> str:
    """4–6 October 2017; one date if the range has one end, nothing if none."""
    if start and end:
        return _forms().date_span(start, end)
    only = start or end
    return _forms().date(only) if only else ""


@register.filter
def iso_date(value: datetime.date | None) -> str:
    """2025-01-20: the value a date input takes, whatever the language."""
    return value.isoformat() if value else ""

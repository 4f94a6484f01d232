"""Dates in every UN language, for the pages, the mails, the calendars and the documents alike.

CLDR (through babel) gives the month and weekday names and each language's forms; on top of it the UN's
usage: day, month, year in English and French ("4 October 2017", "1er octobre 2017"), ranges that drop
what their ends share ("4–6 October 2017"). Languages without rules of their own yet use CLDR's forms.
"""

import datetime

from babel.dates import format_date, format_datetime, format_interval
from django.utils import timezone


class DateForms:
    """CLDR's own forms, for a language without rules of its own."""

    def __init__(self, code: str, babel_locale: str | None = None) -> None:
        self.code = code
        self.babel_locale = babel_locale or code

    def date(self, value: datetime.date) -> str:
        """4 October 2017."""
        return format_date(value, "long", locale=self.babel_locale)

    def weekday_date(self, value: datetime.date) -> str:
        """A day of a timetable: Wednesday, 18 April 2018."""
        return format_date(value, "full", locale=self.babel_locale)

    def date_span(self, start: datetime.date, end: datetime.date) -> str:
        """A session's dates: 4–6 October 2017."""
        return format_interval(start, end, "yMMMMd", locale=self.babel_locale)

    def range_ends(self, start: datetime.date, end: datetime.date) -> tuple[str, str]:
        """The two ends of a date range, for "from … to …"."""
        return self.date(start), self.date(end)

    def short_date(self, value: datetime.date) -> str:
        """A date in a list or a table: 4 Oct 2017."""
        return format_date(value, "medium", locale=self.babel_locale)

    def month_year(self, value: datetime.date) -> str:
        """Oct 2017."""
        return format_date(value, "MMM y", locale=self.babel_locale)

    def moment(self, value: datetime.datetime) -> str:
        """When something was done, in the current time zone: 4 Oct 2017, 14:05."""
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{self.short_date(local)}, {format_datetime(local, 'HH:mm', locale=self.babel_locale)}"


class DayMonthYear(DateForms):
    """Day, month, year, and ranges that drop what their ends share, as UN documents write them."""

    weekday_separator = ", "

    def day(self, value: datetime.date) -> str:
        return str(value.day)

    def date(self, value: datetime.date) -> str:
        return f"{self.day(value)} {format_date(value, 'MMMM y', locale=self.babel_locale)}"

    def day_month(self, value: datetime.date) -> str:
        return f"{self.day(value)} {format_date(value, 'MMMM', locale=self.babel_locale)}"

    def weekday_date(self, value: datetime.date) -> str:
        weekday = format_date(value, "EEEE", locale=self.babel_locale)
        return f"{weekday}{self.weekday_separator}{self.date(value)}"

    def date_span(self, start: datetime.date, end: datetime.date) -> str:
        """4–6 October 2017, 30 September–2 October 2017."""
        first, last = self.range_ends(start, end)
        return first if first == last else f"{first}\u2013{last}"

    def range_ends(self, start: datetime.date, end: datetime.date) -> tuple[str, str]:
        """The two ends of a range, the first without what it shares with the second."""
        if start == end:
            return self.date(start), self.date(end)
        if (start.year, start.month) == (end.year, end.month):
            return self.day(start), self.date(end)
        if start.year == end.year:
            return self.day_month(start), self.date(end)
        return self.date(start), self.date(end)


class FrenchDates(DayMonthYear):
    weekday_separator = " "  # mercredi 18 avril 2018

    def day(self, value: datetime.date) -> str:
        return "1er" if value.day == 1 else str(value.day)


def dates_in(code: str) -> DateForms:
    """The date forms of language `code`."""
    if code == "en":
        return DayMonthYear("en", "en_GB")  # day month year, as UN English writes dates
    if code == "fr":
        return FrenchDates("fr")
    return DateForms(code)

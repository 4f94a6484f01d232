"""Dates in every UN language, for the pages, the mails, the calendars and the documents alike.

CLDR (through babel) gives the month and weekday names and each language's forms; on top of it the UN's
usage: day, month, year in English and French ("4 October 2017", "1er octobre 2017"), ranges that drop
what their ends share ("4–6 October 2017"); in the other four UN languages the forms their documents print
(evidence in documents/builders/CONVENTIONS.md, "Other languages"): "4 a 6 de octubre de 2017",
"4–6 октября 2017 года", "2017年10月4日至6日", "4-6 تشرين الأول/أكتوبر 2017".
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

    moment_separator = ", "  # between the date and the time

    def moment(self, value: datetime.datetime) -> str:
        """When something was done, in the current time zone: 4 Oct 2017, 14:05."""
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        time = format_datetime(local, "HH:mm", locale=self.babel_locale)
        return f"{self.short_date(local)}{self.moment_separator}{time}"


class DayMonthYear(DateForms):
    """Day, month, year, and ranges that drop what their ends share, as UN documents write them."""

    weekday_separator = ", "
    range_separator = "\u2013"  # en dash
    wide_range_separator = "\u2013"  # between ends that are more than a day's number

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
        if first == last:
            return first
        return f"{first}{self.range_separator if first.isdigit() else self.wide_range_separator}{last}"

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


class SpanishDates(DayMonthYear):
    """4 de octubre de 2017; a range "4 a 6 de octubre de 2017", "30 de septiembre a 2 de octubre de 2017"."""

    weekday_separator = ", "  # miércoles, 18 de abril de 2018
    range_separator = wide_range_separator = " a "

    def date(self, value: datetime.date) -> str:
        return format_date(value, "d 'de' MMMM 'de' y", locale=self.babel_locale)

    def day_month(self, value: datetime.date) -> str:
        return format_date(value, "d 'de' MMMM", locale=self.babel_locale)


class RussianDates(DayMonthYear):
    """4 октября 2017 года (the month in the genitive, "года" written out); "4–6 октября 2017 года"; across
    months "30 сентября – 2 октября 2017 года", the dash spaced as Russian sets it between word groups."""

    wide_range_separator = " \u2013 "

    def date(self, value: datetime.date) -> str:
        return f"{self.day_month(value)} {value.year} года"

    def day_month(self, value: datetime.date) -> str:
        return format_date(value, "d MMMM", locale=self.babel_locale)  # MMMM: the genitive, "октября"


class ChineseDates(DateForms):
    """2017年10月4日; a range keeps the start whole and drops from the end what it shares: "2017年10月4日至6日",
    "2017年9月30日至10月2日"."""

    moment_separator = " "

    def date(self, value: datetime.date) -> str:
        return f"{value.year}年{value.month}月{value.day}日"

    def weekday_date(self, value: datetime.date) -> str:
        return f"{self.date(value)}{format_date(value, 'EEEE', locale=self.babel_locale)}"

    def range_ends(self, start: datetime.date, end: datetime.date) -> tuple[str, str]:
        if start == end:
            return self.date(start), self.date(end)
        if (start.year, start.month) == (end.year, end.month):
            return self.date(start), f"{end.day}日"
        if start.year == end.year:
            return self.date(start), f"{end.month}月{end.day}日"
        return self.date(start), self.date(end)

    def date_span(self, start: datetime.date, end: datetime.date) -> str:
        first, last = self.range_ends(start, end)
        return first if start == end else f"{first}至{last}"


# The months as UN Arabic documents name them: the Levantine name and the other, paired ("13 آذار/مارس 2003"),
# with the UN's own spellings يونيه and يوليه (CLDR's Egyptian names are يونيو and يوليو).
ARABIC_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


class ArabicDates(DayMonthYear):
    """13 آذار/مارس 2003, in European digits as UN Arabic documents print them; "4-6 تشرين الأول/أكتوبر 2017"."""

    weekday_separator = moment_separator = "، "
    range_separator = "-"
    wide_range_separator = " - "

    def date(self, value: datetime.date) -> str:
        return f"{self.day_month(value)} {value.year}"

    def day_month(self, value: datetime.date) -> str:
        return f"{value.day} {ARABIC_MONTHS[value.month - 1]}"

    def short_date(self, value: datetime.date) -> str:
        return self.date(value)

    def month_year(self, value: datetime.date) -> str:
        return f"{ARABIC_MONTHS[value.month - 1]} {value.year}"


def dates_in(code: str) -> DateForms:
    """The date forms of language `code` (a data code, "zh", or the interface's, "zh-hans")."""
    code = code.split("-")[0].lower()
    forms: dict[str, DateForms] = {
        "en": DayMonthYear("en", "en_GB"),  # day month year, as UN English writes dates
        "fr": FrenchDates("fr"),
        "es": SpanishDates("es"),
        "ru": RussianDates("ru"),
        "zh": ChineseDates("zh"),
        "ar": ArabicDates("ar"),
    }
    return forms.get(code) or DateForms(code)

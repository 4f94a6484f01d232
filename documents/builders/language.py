"""What a report's language decides beyond its wording: dates (committee.kernel.dates, as on the pages),
ordinals, articles, typography.

Wording (every sentence the tool writes) is in the gettext catalogs under the "report" contexts;
this module holds the grammar that a catalog cannot: CLDR data for dates, month names, language
names and ordinal words (babel, unicode-rbnf), and the few rules of each language's typography
and articles. A language the catalogs do not cover yet writes English wording around its data.
"""

import datetime
import re
from functools import cache

from babel import Locale
from babel.numbers import format_decimal
from unicode_rbnf import FormatPurpose, RbnfEngine

from committee.kernel.dates import DateForms, dates_in
from committee.kernel.multilingual import RIGHT_TO_LEFT

# A piece of text with its style: "" (plain), "italic" or "superscript".
Run = tuple[str, str]


class ReportLanguage:
    """The defaults every language starts from: CLDR's own date forms, English articles."""

    code = "en"
    babel_locale = "en"
    ordinal_ruleset = "spellout-ordinal"
    font = "Times New Roman"

    @property
    def right_to_left(self) -> bool:
        return self.code in RIGHT_TO_LEFT

    # Dates: the same forms as the pages' (committee.kernel.dates) -------------------------------

    @property
    def dates(self) -> DateForms:
        return dates_in(self.code)

    def date(self, value: datetime.date) -> str:
        return self.dates.date(value)

    def weekday_date(self, value: datetime.date) -> str:
        """A day of a timetable: Wednesday, 18 April 2018."""
        return self.dates.weekday_date(value)

    def date_span(self, start: datetime.date, end: datetime.date) -> str:
        """A session's dates under its name in the masthead."""
        return self.dates.date_span(start, end)

    def range_ends(self, start: datetime.date, end: datetime.date) -> tuple[str, str]:
        """The two ends of a date range, for "from … to …"."""
        return self.dates.range_ends(start, end)

    # Numbers and names -------------------------------------------------------------------------

    def ordinal(self, number: int) -> str:
        """The spelled-out ordinal that qualifies "session": first, twenty-first.

        Where a language has no rules of its own yet, the feminine form ("session" is feminine in
        French, Spanish and Russian), else CLDR's first form, else the figure.
        """
        try:
            forms = _rbnf(self.code).format_number(number, FormatPurpose.ORDINAL).text_by_ruleset
        except Exception:  # noqa: BLE001 - a language unicode-rbnf does not know
            return str(number)
        if self.ordinal_ruleset in forms:
            return forms[self.ordinal_ruleset]
        return next((text for name, text in forms.items() if name.endswith("-feminine")), next(iter(forms.values())))

    def number(self, value: int) -> str:
        """A count as CLDR writes it in this language: 1,234 in English, 1 234 in French."""
        return format_decimal(value, locale=self.babel_locale)

    def language_name(self, code: str) -> str:
        """The name of language `code` in this language, as CLDR has it: English, anglais."""
        name: str = Locale.parse(self.babel_locale).languages.get(code, code)
        return name

    # Articles ---------------------------------------------------------------------------------

    def definite(self, name: str, gender: str | None) -> str:
        """A body's name with its definite article: the Group."""
        return f"the {name}"

    def organization(self, acronym: str, gender: str | None) -> str:
        """An organization named by its acronym, as a sentence names it: UNCTAD (no article in English)."""
        return acronym

    def of(self, phrase: str) -> str:
        """'of' before a phrase that carries its article: of the Group."""
        return f"of {phrase}"

    def at(self, phrase: str) -> str:
        """'at' before a place that carries its article where it has one: at the Palais des Nations."""
        return f"at {phrase}"

    def in_city(self, city: str) -> str:
        """The city as it follows a venue: Geneva (English needs no preposition there)."""
        return city

    def definite_plural(self, noun: str, *, plural: bool, gender: str) -> str:
        return f"the {noun}"

    # Typography -------------------------------------------------------------------------------

    quotes = ("\u201c", "\u201d")  # “ ”: English double quotation marks

    def typography(self, text: str) -> str:
        """Typographic apostrophes and quotation marks, as UN documents print them (’, “ ”); web and e-mail
        addresses are left as they are."""
        parts = _ADDRESS.split(text)
        for index in range(0, len(parts), 2):
            parts[index] = _curled(parts[index], self.quotes)
        return "".join(parts)

    def courtesy(self, courtesy: str) -> list[Run]:
        return [({"mr": "Mr.", "ms": "Ms."}.get(courtesy, ""), "")]


class English(ReportLanguage):
    code = "en"
    babel_locale = "en_GB"

    def ordinal(self, number: int) -> str:
        """British usage, as in UN documents: "one hundred and first" (CLDR: "one hundred first")."""
        return re.sub(r"(hundred|thousand) (?=\w)", r"\1 and ", super().ordinal(number))


class French(ReportLanguage):
    code = "fr"
    babel_locale = "fr"
    ordinal_ruleset = "spellout-ordinal-feminine"  # la session

    def ordinal(self, number: int) -> str:
        """CLDR's ordinal in the traditional spelling UN French keeps.

        CLDR writes "vingt-et-unième", "quatre-vingt-et-unième", "cent-et-unième"; UN French
        writes "vingt et unième" (and so to "soixante et onzième"), "quatre-vingt-unième",
        "cent unième".
        """
        text = super().ordinal(number)
        text = re.sub(r"(?<!quatre-)(vingt|trente|quarante|cinquante|soixante)-et-", r"\1 et ", text)
        text = text.replace("quatre-vingt-et-", "quatre-vingt-")
        return re.sub(r"(cent|mille)-et-", r"\1 ", text)

    def definite(self, name: str, gender: str | None) -> str:
        if _elides(name):
            return f"l'{name}"
        return f"{'la' if gender == 'f' else 'le'} {name}"

    def organization(self, acronym: str, gender: str | None) -> str:
        return self.definite(acronym, gender)  # la CNUCED, l'OMC

    def of(self, phrase: str) -> str:
        return _contract("de", phrase)

    def at(self, phrase: str) -> str:
        return _contract("à", phrase)

    def in_city(self, city: str) -> str:
        return _contract("à", city[0].lower() + city[1:] if re.match(r"(Le|La|Les) ", city) else city)

    def definite_plural(self, noun: str, *, plural: bool, gender: str) -> str:
        if plural:
            return f"les {noun}"
        return self.definite(noun, gender)

    quotes = ("«", "»")

    def typography(self, text: str) -> str:
        """Apostrophes and quotation marks as French prints them (’, « »), and non-breaking spaces before : ; ? !
        % and inside « », as French typography requires.

        Web addresses and e-mail addresses are left as they are.
        """
        parts = _ADDRESS.split(text)
        for index in range(0, len(parts), 2):
            part = re.sub(r"[ \u202f]([:;?!»%])", "\u00a0\\1", _curled(parts[index], self.quotes))
            part = re.sub(r"(?<=[^\s\u00a0(])([;?!])(?=\s|$)", "\u00a0\\1", part)
            part = re.sub(r"(?<=[^\s\u00a0\d(/])(:)(?=\s|$)", "\u00a0\\1", part)
            part = re.sub(r"«[ \u202f]?", "«\u00a0", part)
            parts[index] = re.sub(r"(?<=[^\s\u00a0])»", "\u00a0»", part)
        return "".join(parts)

    def courtesy(self, courtesy: str) -> list[Run]:
        if courtesy == "ms":
            return [("M", ""), ("me", "superscript")]
        return [("M.", "")] if courtesy == "mr" else [("", "")]


# An e-mail address starts where its word starts (where `\S+@` found it: leftmost), at a first character then
# anything up to the word's first @ after it: anchored so, the search is linear in the text's length. Without
# the anchor, a long word without spaces was scanned again from each of its characters, in time that grows as
# its square (a second for a 20,000-character word).
_ADDRESS = re.compile(r"((?:https?://|www\.)\S+|(?<!\S)\S[^\s@]*@\S+\.\w+)")
_ELIDING = re.compile(r"^[aeiouyàâäéèêëîïôöûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒÆ]")


_OPENING = re.compile(r'(^|[\s(\[\u00a0\u2068])"(?=\S)')  # a quotation mark that opens: at the start or after a space


def _curled(text: str, quotes: tuple[str, str]) -> str:
    """Straight apostrophes and quotation marks made typographic: ' as ’ (U+2019, the UN's apostrophe), "…" as
    the language's opening and closing marks. A mark that opens a quotation follows a space (or starts the text);
    any other closes one."""
    if "'" not in text and '"' not in text:
        return text
    text = text.replace("'", "\u2019")
    text = _OPENING.sub(lambda found: found.group(1) + quotes[0], text)
    return text.replace('"', quotes[1])


def _elides(word: str) -> bool:
    """Whether French elides the article before `word` (l'Organisation, l'OMC)."""
    return bool(_ELIDING.match(word))


def _contract(preposition: str, phrase: str) -> str:
    """French preposition and article together: de + le Groupe = du Groupe, à + le Palais = au Palais."""
    contractions = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    article, _, rest = phrase.partition(" ")
    if (preposition, article) in contractions:
        return f"{contractions[preposition, article]} {rest}"
    if preposition == "de" and _elides(phrase) and not phrase.startswith(("l'", "la ")):
        return f"d'{phrase}"
    return f"{preposition} {phrase}"


@cache
def _rbnf(code: str) -> RbnfEngine:
    return RbnfEngine.for_language(code)


LANGUAGES: dict[str, type[ReportLanguage]] = {"en": English, "fr": French}
# The languages whose report wording is written (in the gettext catalogs): the ones offered for download.
WORDED_LANGUAGES = ("en", "fr")


def report_language(code: str) -> ReportLanguage:
    """The grammar of `code`; languages without their own rules yet use the defaults with CLDR data."""
    language = LANGUAGES.get(code)
    if language is not None:
        return language()
    default: type[ReportLanguage] = type(f"Language_{code}", (ReportLanguage,), {"code": code, "babel_locale": code})
    return default()

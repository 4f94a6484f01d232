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
from committee.kernel.outline import letter_label

# A piece of text with its style: "" (plain), "italic" or "superscript".
Run = tuple[str, str]


class Inflected(str):
    """A word in its usual form, with the other forms a translated sentence may ask for.

    A translation asks for a form with a tag written before the placeholder: in Russian "о работе ее
    {gen}%(ordinal)s сессии" takes the genitive, "первой"; in Arabic "الاجتماع {m}%(ordinal)s" the masculine.
    Where no tag is written, or the tag is unknown, the word keeps its usual form.
    """

    forms: dict[str, str]

    def __new__(cls, text: str, forms: dict[str, str] | None = None) -> "Inflected":
        word = super().__new__(cls, text)
        word.forms = forms or {}
        return word


# {m:принял|f:приняла|n:приняло}: the words that agree with the body's grammatical gender, one per gender.
_AGREEMENT = re.compile(r"\{((?:[mfn]:[^{}|]*\|?)+)\}")
# A placeholder and the tag of the form it asks for: {gen}%(ordinal)s.
PLACEHOLDER = re.compile(r"(?:\{([\w.]+)\})?%\((\w+)\)s")


class ReportLanguage:
    """The defaults every language starts from: CLDR's own date forms, English articles."""

    code = "en"
    babel_locale = "en"
    ordinal_ruleset = "spellout-ordinal"
    # Other forms a translation may ask for, by tag: tag -> CLDR rule set (see Inflected).
    ordinal_forms: dict[str, str] = {}
    font = "Times New Roman"
    # The fonts of the scripts other than Latin, and the language tag Word files carry for the text.
    east_asian_font = "Noto Serif CJK SC"
    complex_font = "Noto Naskh Arabic"
    word_language = "en-GB"
    # Russian, Chinese and Arabic documents keep the masthead's distribution, date, language and "Original"
    # lines in English (documents/builders/CONVENTIONS.md, "Other languages").
    masthead_in_english = False
    # Punctuation the builders add themselves: an agenda item's full stop, the comma after the body that opens a
    # text adopted ("The Group of Experts,").
    stop = "."
    comma = ","
    semicolon = "; "
    sentence_space = " "  # between two sentences

    @property
    def right_to_left(self) -> bool:
        return self.code in RIGHT_TO_LEFT

    # Agreement -----------------------------------------------------------------------------------

    def agree(self, template: str, gender: str | None) -> str:
        """`template` with each {m:…|f:…|n:…} choice made for a body of `gender` (masculine where unknown)."""

        def choose(found: re.Match[str]) -> str:
            words = dict(option.split(":", 1) for option in found.group(1).split("|") if ":" in option)
            return words.get(gender or "m") or words.get("m") or next(iter(words.values()), "")

        return _AGREEMENT.sub(choose, template) if "{" in template else template

    # Labels: chapters, sections, paragraphs, sub-items, annexes ----------------------------------

    def chapter_label(self, number: int) -> str:
        """I., II.: the number of a chapter (or of a part of the agenda)."""
        return f"{roman_numeral(number)}."

    def section_label(self, index: int) -> str:
        """A., B.: a chapter's sections, from index 0."""
        return f"{letter_label(index).upper()}."

    def paragraph_label(self, number: int | str) -> str:
        """1., 2.: a numbered paragraph or an item of a list."""
        return f"{number}."

    def sub_item_letter(self, index: int) -> str:
        """a, b: the letter of a sub-item, from index 0 (its brackets are the catalog's)."""
        return letter_label(index)

    def annex_number(self, number: int) -> str:
        """I, II: the number after "Annex"."""
        return roman_numeral(number)

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

    def ordinal(self, number: int) -> Inflected:
        """The spelled-out ordinal that qualifies "session": first, twenty-first, with the other forms the
        language's sentences need (see Inflected).

        Where a language has no rules of its own yet, the feminine form ("session" is feminine in
        French and Russian), else CLDR's first form, else the figure.
        """
        try:
            spelled = _rbnf(self.code).format_number(number, FormatPurpose.ORDINAL).text_by_ruleset
        except Exception:  # noqa: BLE001 - a language unicode-rbnf does not know
            return Inflected(str(number))
        spelled = {name: " ".join(text.split()) for name, text in spelled.items()}  # CLDR's Arabic doubles spaces
        if self.ordinal_ruleset in spelled:
            usual = spelled[self.ordinal_ruleset]
        else:
            feminine = (text for name, text in spelled.items() if name.endswith("-feminine"))
            usual = next(feminine, next(iter(spelled.values())))
        forms = {tag: spelled[rules] for tag, rules in self.ordinal_forms.items() if rules in spelled}
        return Inflected(usual, forms)

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
        parts = _outside_addresses(text)
        for index in range(0, len(parts), 2):
            parts[index] = _curled(parts[index], self.quotes)
        return "".join(parts)

    def courtesy(self, courtesy: str) -> list[Run]:
        return [({"mr": "Mr.", "ms": "Ms."}.get(courtesy, ""), "")]


def roman_numeral(number: int) -> str:
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
        (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return text


class English(ReportLanguage):
    code = "en"
    babel_locale = "en_GB"

    def ordinal(self, number: int) -> Inflected:
        """British usage, as in UN documents: "one hundred and first" (CLDR: "one hundred first")."""
        return Inflected(re.sub(r"(hundred|thousand) (?=\w)", r"\1 and ", super().ordinal(number)))


class French(ReportLanguage):
    code = "fr"
    babel_locale = "fr"
    ordinal_ruleset = "spellout-ordinal-feminine"  # la session

    def ordinal(self, number: int) -> Inflected:
        """CLDR's ordinal in the traditional spelling UN French keeps.

        CLDR writes "vingt-et-unième", "quatre-vingt-et-unième", "cent-et-unième"; UN French
        writes "vingt et unième" (and so to "soixante et onzième"), "quatre-vingt-unième",
        "cent unième".
        """
        text = str(super().ordinal(number))
        text = re.sub(r"(?<!quatre-)(vingt|trente|quarante|cinquante|soixante)-et-", r"\1 et ", text)
        text = text.replace("quatre-vingt-et-", "quatre-vingt-")
        return Inflected(re.sub(r"(cent|mille)-et-", r"\1 ", text))

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
        parts = _outside_addresses(text)
        for index in range(0, len(parts), 2):
            part = _curled(parts[index], self.quotes)
            if _FRENCH_SPACED.isdisjoint(part):  # most texts: nothing to space
                parts[index] = part
                continue
            part = _SPACE_BEFORE_SIGN.sub("\u00a0\\1", part)
            part = _SIGN_AFTER_WORD.sub("\u00a0\\1", part)
            part = _COLON_AFTER_WORD.sub("\u00a0\\1", part)
            part = _AFTER_OPENING_GUILLEMET.sub("«\u00a0", part)
            parts[index] = _CLOSING_GUILLEMET.sub("\u00a0»", part)
        return "".join(parts)

    def courtesy(self, courtesy: str) -> list[Run]:
        if courtesy == "ms":
            return [("M", ""), ("me", "superscript")]
        return [("M.", "")] if courtesy == "mr" else [("", "")]


class WithoutArticles(ReportLanguage):
    """A language whose names take no article and no preposition from the tool: the translated sentence places
    the name as it stands (Russian gives it in the genitive after "of" from the data; Chinese and Arabic need
    nothing), and its prepositions are the sentence's own."""

    def definite(self, name: str, gender: str | None) -> str:
        return name

    def of(self, phrase: str) -> str:
        return phrase

    def at(self, phrase: str) -> str:
        return phrase

    def definite_plural(self, noun: str, *, plural: bool, gender: str) -> str:
        return noun


class Spanish(ReportLanguage):
    code = "es"
    babel_locale = "es"
    word_language = "es-ES"
    # "primer período de sesiones", "vigésimo primer período": the masculine form set before its noun;
    # {f} for a feminine noun, "primera reunión".
    ordinal_ruleset = "spellout-ordinal-masculine-adjective"
    ordinal_forms = {"f": "spellout-ordinal-feminine", "m": "spellout-ordinal-masculine-adjective"}

    def definite(self, name: str, gender: str | None) -> str:
        return f"{'la' if gender == 'f' else 'el'} {name}"

    def organization(self, acronym: str, gender: str | None) -> str:
        return self.definite(acronym, gender)  # la UNCTAD, la OMC

    def of(self, phrase: str) -> str:
        return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"

    def at(self, phrase: str) -> str:
        return f"en {phrase}"

    def definite_plural(self, noun: str, *, plural: bool, gender: str) -> str:
        if plural:
            return f"{'las' if gender == 'f' else 'los'} {noun}"
        return self.definite(noun, gender)

    def courtesy(self, courtesy: str) -> list[Run]:
        return [({"mr": "Sr.", "ms": "Sra."}.get(courtesy, ""), "")]


class Russian(WithoutArticles):
    """Russian declines: a body's name after "of" is in the genitive, which the data gives (a body's
    name_genitive); an ordinal takes the case and gender its sentence asks for ({gen}, {n.loc}: see Inflected).
    Sections and sub-items keep the Latin letters, "A.", "b)", as UN Russian texts print them."""

    code = "ru"
    babel_locale = "ru"
    word_language = "ru-RU"
    masthead_in_english = True
    ordinal_ruleset = "spellout-ordinal-feminine"  # сессия
    ordinal_forms = {
        (f"{gender}.{case}" if gender and case else gender or case): "spellout-ordinal-"
        + {"": "feminine", "n": "neuter", "m": "masculine"}[gender]
        + {"": "", "gen": "-genitive", "dat": "-dative", "acc": "-accusative", "ins": "-ablative", "loc": "-locative"}[
            case
        ]
        for gender in ("", "n", "m")
        for case in ("", "gen", "dat", "acc", "ins", "loc")
        if gender or case
    }
    quotes = ("«", "»")

    def courtesy(self, courtesy: str) -> list[Run]:
        return [({"mr": "г-н", "ms": "г-жа"}.get(courtesy, ""), "")]


class Chinese(WithoutArticles):
    """No articles, no inflection; chapters numbered 一., 二. and annexes 附件一; the ordinal carries its
    第 ("第一届会议")."""

    code = "zh"
    babel_locale = "zh_Hans"
    word_language = "zh-CN"
    masthead_in_english = True
    stop = "。"
    comma = "，"
    semicolon = "；"
    sentence_space = ""
    ordinal_ruleset = "spellout-ordinal"

    def chapter_label(self, number: int) -> str:
        return f"{self.numeral(number)}."

    def annex_number(self, number: int) -> str:
        return self.numeral(number)

    def numeral(self, number: int) -> str:
        return str(_rbnf("zh").format_number(number).text_by_ruleset.get("spellout-cardinal", number))

    def courtesy(self, courtesy: str) -> list[Run]:
        return [("", "")]  # Chinese lists name people without Mr. or Ms.


# Chapters: "أولا -", "ثانيا -"…, as UN Arabic documents number them (A/74/L.75, A/71/1007).
_ARABIC_CHAPTERS = (
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
    "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر", "ثامن عشر", "تاسع عشر",
    "عشرون",
)  # fmt: skip
# Sections: the names of the letters in abjad order, "ألف -", "باء -"; sub-items "(أ)", "(ب)": the letters.
_ARABIC_SECTIONS = (
    "ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون",
    "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين",
)  # fmt: skip
_ARABIC_LETTERS = (
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
    "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
)  # fmt: skip


class Arabic(WithoutArticles):
    """Right to left, in Naskh (the complex-script font; Latin text keeps the Latin one); chapters "أولا -",
    sections "ألف -", paragraphs "1 -", sub-items "(أ)", annexes "المرفق الأول"; the ordinal of "الدورة" is
    feminine, {m} gives the masculine."""

    code = "ar"
    babel_locale = "ar"
    word_language = "ar-SA"
    masthead_in_english = True
    comma = "،"
    semicolon = "؛ "
    ordinal_ruleset = "spellout-ordinal-feminine"
    ordinal_forms = {"m": "spellout-ordinal-masculine", "f": "spellout-ordinal-feminine"}

    def chapter_label(self, number: int) -> str:
        word = _ARABIC_CHAPTERS[number - 1] if number <= len(_ARABIC_CHAPTERS) else str(number)
        return f"{word} -"

    def section_label(self, index: int) -> str:
        return f"{_ARABIC_SECTIONS[index % len(_ARABIC_SECTIONS)]} -"

    def paragraph_label(self, number: int | str) -> str:
        return f"{number} -"

    def sub_item_letter(self, index: int) -> str:
        return _ARABIC_LETTERS[index % len(_ARABIC_LETTERS)] * (index // len(_ARABIC_LETTERS) + 1)

    def annex_number(self, number: int) -> str:
        return self.ordinal(number).forms.get("m", str(number)) if number else ""

    def courtesy(self, courtesy: str) -> list[Run]:
        return [({"mr": "السيد", "ms": "السيدة"}.get(courtesy, ""), "")]


# An e-mail address starts where its word starts (where `\S+@` found it: leftmost), at a first character then
# anything up to the word's first @ after it: anchored so, the search is linear in the text's length. Without
# the anchor, a long word without spaces was scanned again from each of its characters, in time that grows as
# its square (a second for a 20,000-character word).
_ADDRESS = re.compile(r"((?:https?://|www\.)\S+|(?<!\S)\S[^\s@]*@\S+\.\w+)")
# French spacing: the signs that take a non-breaking space before them, and the guillemets.
_FRENCH_SPACED = frozenset(":;?!%«»")
_SPACE_BEFORE_SIGN = re.compile(r"[ \u202f]([:;?!»%])")
_SIGN_AFTER_WORD = re.compile(r"(?<=[^\s\u00a0(])([;?!])(?=\s|$)")
_COLON_AFTER_WORD = re.compile(r"(?<=[^\s\u00a0\d(/])(:)(?=\s|$)")
_AFTER_OPENING_GUILLEMET = re.compile(r"«[ \u202f]?")
_CLOSING_GUILLEMET = re.compile(r"(?<=[^\s\u00a0])»")


def _outside_addresses(text: str) -> list[str]:
    """`text` split around its web and e-mail addresses, the addresses at odd places (typography leaves them be);
    the text alone where it holds none, as most do."""
    if "@" not in text and "www." not in text and "://" not in text:
        return [text]
    return _ADDRESS.split(text)


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


LANGUAGES: dict[str, type[ReportLanguage]] = {
    "en": English,
    "fr": French,
    "es": Spanish,
    "ru": Russian,
    "zh": Chinese,
    "ar": Arabic,
}
# The languages whose report wording is written (in the gettext catalogs): the ones offered for download.
WORDED_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


def report_language(code: str) -> ReportLanguage:
    """The grammar of `code`; languages without their own rules yet use the defaults with CLDR data."""
    language = LANGUAGES.get(code)
    if language is not None:
        return language()
    default: type[ReportLanguage] = type(f"Language_{code}", (ReportLanguage,), {"code": code, "babel_locale": code})
    return default()

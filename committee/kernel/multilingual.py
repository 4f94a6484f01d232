"""Text in the six official languages of the United Nations, kept as one JSON object per field.

A value is a plain ``dict`` from language code to text, e.g. ``{"en": "Geneva", "fr": "Genève"}``.
One column per field (rather than one per language) lets a session, a report or a name gain
Spanish, Russian, Chinese or Arabic without a migration.

Each language's text has a maximum length, checked by the model (``full_clean``), the form field
(and its inputs' ``maxlength``) and the session file's schema: ``NAME_MAX_LENGTH`` for names and
other short texts, ``TITLE_MAX_LENGTH`` for titles, ``TEXT_MAX_LENGTH`` for paragraphs, annotations
and other long texts. They are far above what a secretariat writes (the longest names of UN bodies
are about 200 characters, a paragraph of a report a few thousand) and keep what is done with a text
(collation, typography, building a document) within bounds.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "zh", "ar")
LANGUAGE_NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "es": _("Spanish"),
    "ru": _("Russian"),
    "zh": _("Chinese"),
    "ar": _("Arabic"),
}
RIGHT_TO_LEFT = frozenset({"ar"})
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
# Shown open in forms; the other languages fold away until they have text.
WORKING_LANGUAGES = ("en", "fr")

# Characters per language (code points, as Python and PostgreSQL count them).
NAME_MAX_LENGTH = 300
TITLE_MAX_LENGTH = 1_000
TEXT_MAX_LENGTH = 20_000


def pick(text: Mapping[str, str] | None, language: str, *, fallback: Iterable[str] = LANGUAGES) -> str:
    """Return `text` in `language`, else in the first fallback language that has it, else ''."""
    if not text:
        return ""
    language = language.split("-")[0]
    if text.get(language):
        return text[language]
    return next((text[code] for code in fallback if text.get(code)), "")


def in_each_language(text) -> dict[str, str]:
    """A translatable interface string as a multilingual value: its translation in each interface language."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(text)
    return values


def validate_multilingual(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Expected an object of texts by language."))
    for code, text in value.items():
        if code not in LANGUAGES:
            raise ValidationError(
                _("%(code)s is not one of the languages %(languages)s."),
                params={"code": code, "languages": ", ".join(LANGUAGES)},
            )
        if not isinstance(text, str):
            raise ValidationError(_("The %(code)s text must be a string."), params={"code": code})


def check_lengths(value: Mapping[str, Any], max_length: int) -> None:
    """Refuse a text longer than `max_length` characters in any language, naming the language."""
    errors = [
        ValidationError(
            _("The %(language)s text has %(length)d characters; at most %(limit)d are allowed."),
            code="max_length",
            params={"language": LANGUAGE_NAMES[code], "length": len(text), "limit": max_length},
        )
        for code, text in value.items()
        if isinstance(text, str) and len(text) > max_length and code in LANGUAGE_NAMES
    ]
    if errors:
        raise ValidationError(errors)


class MultilingualWidget(forms.MultiWidget):
    """One input per language, each labelled, for the admin and the app's forms."""

    template_name = "widgets/multilingual.html"

    def __init__(
        self, *, long: bool = False, max_length: int | None = None, attrs: dict[str, Any] | None = None
    ) -> None:
        limit = {"maxlength": str(max_length)} if max_length else {}

        def one() -> forms.Widget:
            if long:
                return forms.Textarea(attrs={"rows": 3, **limit, **(attrs or {})})
            return forms.TextInput(attrs={"size": 60, **limit, **(attrs or {})})

        widgets = {code: one() for code in LANGUAGES}
        for code, widget in widgets.items():
            widget.attrs["lang"] = code
            if code in RIGHT_TO_LEFT:
                widget.attrs["dir"] = "rtl"
        super().__init__({**widgets})

    def decompress(self, value: Any) -> list[str]:
        value = value or {}
        return [value.get(code, "") for code in LANGUAGES]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        shown: list[dict[str, Any]] = []
        folded: list[dict[str, Any]] = []
        for code, subwidget in zip(LANGUAGES, context["widget"]["subwidgets"], strict=True):
            subwidget["language"] = LANGUAGE_NAMES[code]
            (shown if code in WORKING_LANGUAGES or subwidget["value"] else folded).append(subwidget)
        context["widget"]["shown"], context["widget"]["folded"] = shown, folded
        return context


class MultilingualFormField(forms.MultiValueField):
    def __init__(self, *, long: bool = False, max_length: int | None = None, **kwargs: Any) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        self.max_length = max_length or (TEXT_MAX_LENGTH if long else NAME_MAX_LENGTH)
        fields = [forms.CharField(required=False, strip=True) for _code in LANGUAGES]
        super().__init__(
            fields,
            widget=MultilingualWidget(long=long, max_length=self.max_length),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dict[str, str]:
        return {code: text for code, text in zip(LANGUAGES, data_list or [], strict=False) if text}

    def validate(self, value: dict[str, str]) -> None:
        if self.required and not value:
            raise ValidationError(_("Give the text in at least one language."), code="required")
        check_lengths(value, self.max_length)


class MultilingualField(models.JSONField):
    """A text per UN language. ``blank=False`` means at least one language is required.

    `long` texts (paragraphs, annotations) are edited in text areas; `max_length` is the limit of each
    language's text: by default ``TEXT_MAX_LENGTH`` for a long text, ``NAME_MAX_LENGTH`` otherwise.
    """

    def __init__(self, *args: Any, long: bool = False, max_length: int | None = None, **kwargs: Any) -> None:
        self.long = long
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)
        self.max_length = max_length or (TEXT_MAX_LENGTH if long else NAME_MAX_LENGTH)
        self.validators.append(validate_multilingual)

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        if self.long:
            kwargs["long"] = True
        kwargs["max_length"] = self.max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        if not self.blank and not any(value.values()):
            raise ValidationError(_("Give the text in at least one language."), code="blank")
        if isinstance(value, dict) and self.max_length is not None:
            check_lengths(value, self.max_length)

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field:
        return MultilingualFormField(
            long=self.long,
            max_length=self.max_length,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )

from django import template
from django.utils.translation import get_language

from committee.kernel.multilingual import LANGUAGE_NAMES, pick

register = template.Library()


@register.filter
def in_language(text: dict | None, language: str | None = None) -> str:
    """A multilingual value in the given language, else the interface language (with fallback)."""
    return pick(text, language or get_language() or "en")


@register.filter
def only_in(text: dict | None, language: str) -> str:
    """A multilingual value in exactly `language`: empty where that language has no text yet."""
    return (text or {}).get(language, "")


@register.filter
def language_name(code: str) -> str:
    """The name of a UN language, in the interface language."""
    return str(LANGUAGE_NAMES.get(code, code))


@register.filter
def max_length(instance: object, field: str) -> int | str:
    """The longest text `instance`'s `field` takes (per language for a multilingual field), for an input's
    maxlength: {{ paragraph|max_length:"text" }}, or a related model's: {{ paragraph|max_length:"comments.text" }}."""
    meta = instance._meta  # type: ignore[attr-defined]
    *relations, name = field.split(".")
    for relation in relations:
        meta = meta.get_field(relation).related_model._meta
    return meta.get_field(name).max_length or ""

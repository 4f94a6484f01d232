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

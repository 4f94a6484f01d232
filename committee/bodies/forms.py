from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from committee.bodies.models import Entity
from committee.kernel.collation import collation_key

# static/searchable.js adds a filter box, with this label, above such a select
SEARCHABLE = {"data-searchable": gettext_lazy("Type to filter the list")}


class _ByName(ModelChoiceIterator):
    """The entities by their names in the reader's language, in its alphabetical order."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for entity in sorted(self.queryset, key=lambda entity: collation_key(str(entity))):
            yield self.choice(entity)


class EntitySelect(forms.Select):
    """A list of hundreds of States and organizations, written out directly: Django renders each option through a
    template of its own, which made such a list most of the time of a page that has one (the committee's page for
    its secretariat, the registration page)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), mark_safe(" selected") if str(key) in chosen else "", label) for key, label in self.choices),  # noqa: S308 - a constant
        )
        return format_html(
            "<select{}>{}</select>", flatatt({**self.build_attrs(self.attrs, attrs), "name": name}), options
        )


class EntityChoiceField(forms.ModelChoiceField):
    """A State or organization, chosen by its name in the reader's language (never its code, never in code
    order), from a list a filter box narrows where JavaScript runs."""

    iterator = _ByName

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", EntitySelect(attrs=SEARCHABLE))
        super().__init__(queryset=Entity.objects.all() if queryset is None else queryset, **kwargs)


def states() -> Any:
    return Entity.objects.filter(kind__in=[Entity.Kind.STATE, Entity.Kind.TERRITORY])

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
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


class EntityChoiceField(forms.ModelChoiceField):
    """A State or organization, chosen by its name in the reader's language (never its code, never in code
    order), from a list a filter box narrows where JavaScript runs."""

    iterator = _ByName

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Select(attrs=SEARCHABLE))
        super().__init__(queryset=Entity.objects.all() if queryset is None else queryset, **kwargs)


def states() -> Any:
    return Entity.objects.filter(kind__in=[Entity.Kind.STATE, Entity.Kind.TERRITORY])

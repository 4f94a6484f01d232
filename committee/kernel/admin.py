from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db import models
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest

M = TypeVar("M", bound=models.Model)
F = TypeVar("F", bound="ModelChoiceField[Any]")  # and so ModelMultipleChoiceField

if TYPE_CHECKING:
    from django.contrib.admin.options import BaseModelAdmin

    _AdminMixin = BaseModelAdmin[Any]
else:
    _AdminMixin = object


class ChoicesOncePerRequest(_AdminMixin):
    """For inlines: every row shares one evaluation of a relation's choices.

    Without it, each row of an inline runs its own query to list the same choices.
    """

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        return self._evaluated(super().formfield_for_foreignkey(db_field, request, **kwargs), db_field, request)

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        return self._evaluated(super().formfield_for_manytomany(db_field, request, **kwargs), db_field, request)

    def _evaluated(self, field: F | None, db_field: models.Field[Any, Any], request: HttpRequest) -> F | None:
        if field is not None and db_field.name not in self.get_autocomplete_fields(request):
            field.choices = list(field.choices)  # type: ignore[arg-type]  # a model choice iterator, of pairs
        return field


class ExistingRowsInline(admin.TabularInline):
    """The rows already there, with their foreign keys shown as text: no query per row.

    Pair it with a NewRowsInline of the same model, through which rows are added.
    """

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        # Rows show their foreign keys and their own name (which may name the parent): load them all.
        relations = [field.name for field in self.model._meta.concrete_fields if field.is_relation]
        return super().get_queryset(request).select_related(*relations)


class NewRowsInline(admin.TabularInline):
    """Blank rows to add to an ExistingRowsInline of the same model."""

    extra = 1

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).none()


def object_being_edited(request: HttpRequest, model: type[M]) -> M | None:
    """The object of the admin change page this request is for, if any."""
    object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
    return model._default_manager.filter(pk=object_id).first() if object_id else None


def add_inlines(model: type[models.Model], *inlines: type[InlineModelAdmin]) -> None:
    """Add an app's inlines to the admin of a model of an app below it (which cannot name them itself)."""
    model_admin = admin.site.get_model_admin(model)
    # On the registered admin itself; the stubs declare `inlines` a class variable.
    model_admin.inlines = [*model_admin.inlines, *inlines]  # type: ignore[misc]  # see above

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db import models
from django.forms import Field
from django.http import HttpRequest


class ChoicesOncePerRequest:
    """For inlines: every row shares one evaluation of a relation's choices.

    Without it, each row of an inline runs its own query to list the same choices.
    """

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs) -> Field | None:
        return self._evaluated(super().formfield_for_foreignkey(db_field, request, **kwargs), db_field, request)

    def formfield_for_manytomany(self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs):
        return self._evaluated(super().formfield_for_manytomany(db_field, request, **kwargs), db_field, request)

    def _evaluated(self, field: Field | None, db_field: models.Field, request: HttpRequest) -> Field | None:
        if field is not None and db_field.name not in self.get_autocomplete_fields(request):
            field.choices = list(field.choices)
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


def object_being_edited(request: HttpRequest, model: type[models.Model]) -> models.Model | None:
    """The object of the admin change page this request is for, if any."""
    object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
    return model.objects.filter(pk=object_id).first() if object_id else None


def add_inlines(model: type[models.Model], *inlines: type[InlineModelAdmin]) -> None:
    """Add an app's inlines to the admin of a model of an app below it (which cannot name them itself)."""
    model_admin = admin.site.get_model_admin(model)
    model_admin.inlines = [*model_admin.inlines, *inlines]

from django.contrib import admin
from django.db import models
from django.forms import Field
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from committee.models import Committee, Entity, Invitation, Membership, Role


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


class RoleInline(ExistingRowsInline):
    model = Role
    fields = ["user", "kind", "entity", "includes_subcommittees"]
    readonly_fields = ["user"]


class NewRoleInline(NewRowsInline):
    model = Role
    fields = ["user", "kind", "entity", "includes_subcommittees"]
    autocomplete_fields = ["user", "entity"]
    verbose_name_plural = _("give roles")


class MembershipInline(ExistingRowsInline):
    model = Membership
    fields = ["entity", "status", "since", "until"]
    readonly_fields = ["entity"]


class NewMembershipInline(NewRowsInline):
    model = Membership
    fields = ["entity", "status", "since", "until"]
    autocomplete_fields = ["entity"]
    verbose_name_plural = _("add members")


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name__en", "name__fr", "short_name__en", "short_name__fr"]
    autocomplete_fields = ["parent", "secretariat"]
    list_select_related = ["parent"]
    inlines = [MembershipInline, NewMembershipInline, RoleInline, NewRoleInline]


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "organization_type", "iso2", "m49"]
    list_filter = ["kind", "organization_type"]
    search_fields = ["code", "iso2", "name__en", "name__fr", "acronym__en", "acronym__fr"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "committee", "entity", "includes_subcommittees"]
    list_filter = ["kind", "committee"]
    search_fields = ["user__email", "user__username", "committee__code"]
    autocomplete_fields = ["user", "committee", "entity"]
    list_select_related = ["user", "committee", "entity"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "committee", "invited_by", "created_at", "accepted_at"]
    list_filter = ["kind", "committee"]
    search_fields = ["email"]
    list_select_related = ["committee", "invited_by"]
    readonly_fields = ["token", "invited_by", "created_at", "accepted_at", "accepted_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are sent from the committee's page, which emails them

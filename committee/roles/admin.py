from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from committee.bodies.models import Committee
from committee.kernel.admin import ExistingRowsInline, NewRowsInline, add_inlines
from committee.roles.models import Invitation, Role


class RoleInline(ExistingRowsInline):
    model = Role
    fields = ["user", "kind", "entity", "includes_subcommittees"]
    readonly_fields = ["user"]


class NewRoleInline(NewRowsInline):
    model = Role
    fields = ["user", "kind", "entity", "includes_subcommittees"]
    autocomplete_fields = ["user", "entity"]
    verbose_name_plural = _("give roles")


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


add_inlines(Committee, RoleInline, NewRoleInline)

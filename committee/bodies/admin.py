from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.admin import ExistingRowsInline, NewRowsInline


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
    inlines = [MembershipInline, NewMembershipInline]  # roles adds its own (add_inlines)


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "organization_type", "iso2", "m49"]
    list_filter = ["kind", "organization_type"]
    search_fields = ["code", "iso2", "name__en", "name__fr", "acronym__en", "acronym__fr"]

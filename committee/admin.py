from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committee.models import Committee, Entity, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["entity"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name__en", "name__fr", "short_name__en", "short_name__fr"]
    autocomplete_fields = ["parent", "secretariat"]
    inlines = [MembershipInline]


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "kind", "organization_type", "iso2", "m49"]
    list_filter = ["kind", "organization_type"]
    search_fields = ["code", "iso2", "name__en", "name__fr", "acronym__en", "acronym__fr"]

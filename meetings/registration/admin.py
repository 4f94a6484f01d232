from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from committee.kernel.admin import ExistingRowsInline, NewRowsInline, add_inlines
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session


class ParticipationInline(ExistingRowsInline):
    """The session's participants as a list; each opens on its own page with its delegates."""

    model = Participation
    fields = ["entity", "category"]
    readonly_fields = ["entity", "category"]
    show_change_link = True


class NewParticipationInline(NewRowsInline):
    model = Participation
    fields = ["entity", "category"]
    autocomplete_fields = ["entity"]
    verbose_name_plural = _("add participants")


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "category"]
    list_filter = ["category", "session"]
    search_fields = ["entity__code", "entity__name__en", "entity__name__fr", "name__en", "name__fr", "delegates__name"]
    autocomplete_fields = ["entity"]
    list_select_related = ["entity", "session"]
    inlines = [DelegateInline]


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "courtesy", "function", "participation"]
    search_fields = ["name", "email", "function"]
    list_select_related = ["participation__entity"]


add_inlines(Session, ParticipationInline, NewParticipationInline)

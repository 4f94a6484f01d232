from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import Agenda, AgendaItem, BureauMember, Delegate, Meeting, Participation, Session


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0


class BureauInline(admin.TabularInline):
    model = BureauMember
    extra = 0
    autocomplete_fields = ["state"]


class AgendaInline(admin.TabularInline):
    model = Agenda
    extra = 0
    show_change_link = True
    fields = ["kind", "adopted_on", "adopted_at"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["entity"]
    show_change_link = True
    fields = ["entity", "category"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "committee", "number", "start_date", "end_date", "status"]
    list_filter = ["status", "committee"]
    search_fields = ["code", "committee__code", "committee__name__en", "committee__name__fr"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["committee", "country"]
    inlines = [MeetingInline, BureauInline, AgendaInline, ParticipationInline]


def _agenda_being_edited(request) -> Agenda | None:
    object_id = request.resolver_match.kwargs.get("object_id")
    return Agenda.objects.filter(pk=object_id).first() if object_id else None


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["parent", "position", "title"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            agenda = _agenda_being_edited(request)
            kwargs["queryset"] = AgendaItem.objects.filter(agenda=agenda, parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Agenda)
class AgendaAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "kind", "adopted_on"]
    list_filter = ["kind"]
    search_fields = ["session__code"]
    inlines = [AgendaItemInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "adopted_at":
            agenda = _agenda_being_edited(request)
            kwargs["queryset"] = Meeting.objects.filter(session=agenda.session_id if agenda else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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

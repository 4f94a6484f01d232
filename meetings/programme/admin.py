from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from committee.kernel.admin import ChoicesOncePerRequest, add_inlines, object_being_edited
from documents.registry.models import Document
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot, BureauMember, Meeting, MeetingPerson
from meetings.programme.services import publish_change, shown_in_calendars
from meetings.sessions.models import Session


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0
    # The committee is the session's; the rest is on the meeting's own screen.
    exclude = ["committee", "sequence", "agenda_items", "documents"]
    show_change_link = True  # its people, on the meeting's own screen


class SessionMeetingChoices(ChoicesOncePerRequest):
    """An inline of the session's screen whose `meeting_field` offers the session's own meetings only."""

    meeting_field = ""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == self.meeting_field:
            kwargs["queryset"] = Meeting.objects.filter(session=object_being_edited(request, Session))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BureauInline(SessionMeetingChoices, admin.TabularInline):
    model = BureauMember
    extra = 0
    meeting_field = "elected_at"


class AgendaInline(SessionMeetingChoices, admin.TabularInline):
    model = Agenda
    extra = 0
    show_change_link = True
    fields = ["kind", "adopted_on", "adopted_at", "as_amended"]
    meeting_field = "adopted_at"


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "committee", "number", "start_date", "end_date", "status"]
    list_filter = ["status", "committee"]
    search_fields = ["code", "committee__code", "committee__name__en", "committee__name__fr"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["committee", "country"]
    list_select_related = ["committee"]
    inlines = [MeetingInline, BureauInline, AgendaInline]  # registration adds its own (add_inlines)


class AgendaItemInline(ChoicesOncePerRequest, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["parent", "position", "title", "purpose", "annotation"]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("agenda", "parent")

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "parent":
            agenda = object_being_edited(request, Agenda)
            kwargs["queryset"] = AgendaItem.objects.filter(agenda=agenda, parent__isnull=True).select_related("agenda")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AgendaSlotInline(ChoicesOncePerRequest, admin.TabularInline):
    model = AgendaSlot
    extra = 0
    fields = ["date", "period", "items", "note"]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        if db_field.name == "items":
            agenda = object_being_edited(request, Agenda)
            kwargs["queryset"] = AgendaItem.objects.filter(agenda=agenda, parent__isnull=True).select_related("agenda")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Agenda)
class AgendaAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "kind", "adopted_on"]
    list_filter = ["kind"]
    search_fields = ["session__code"]
    list_select_related = ["session"]
    inlines = [AgendaItemInline, AgendaSlotInline]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "adopted_at":
            agenda = object_being_edited(request, Agenda)
            kwargs["queryset"] = Meeting.objects.filter(session=agenda.session_id if agenda else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MeetingPersonInline(admin.TabularInline):
    model = MeetingPerson
    extra = 0
    autocomplete_fields = ["entity"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    """Every meeting, those outside any session (a dedicated discussion, a virtual meeting) included."""

    list_display = ["__str__", "committee", "session", "date", "start_time", "kind", "status"]
    list_filter = ["kind", "status", "committee"]
    search_fields = ["key", "title__en", "title__fr", "session__code", "committee__code"]
    date_hierarchy = "date"
    list_select_related = ["committee", "session"]
    autocomplete_fields = ["committee", "session"]
    exclude = ["sequence"]
    inlines = [MeetingPersonInline]

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:
        # What calendars showed before this edit, to tell once its people and agenda items are saved too.
        request.shown_in_calendars = shown_in_calendars(obj) if change else None  # type: ignore[attr-defined]  # for save_related
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        publish_change(meeting=form.instance, before=request.shown_in_calendars)  # type: ignore[attr-defined]  # from save_model

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        if db_field.name == "agenda_items":
            meeting = object_being_edited(request, Meeting)
            kwargs["queryset"] = AgendaItem.objects.filter(
                agenda__session=meeting.session_id if meeting else None, parent__isnull=True
            ).select_related("agenda")
        if db_field.name == "documents":
            meeting = object_being_edited(request, Meeting)
            kwargs["queryset"] = Document.objects.filter(session=meeting.session_id if meeting else None)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class DocumentAgendaItemsInline(ChoicesOncePerRequest, admin.TabularInline):
    """On a document's page in the registry: the items of its session's agendas that it is for."""

    model = AgendaItem.documents.through
    extra = 0
    verbose_name = _("agenda item")
    verbose_name_plural = _("agenda items the document is for")

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "agendaitem":
            document = object_being_edited(request, Document)
            kwargs["queryset"] = AgendaItem.objects.referable(document.session_id if document else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


add_inlines(Document, DocumentAgendaItemsInline)

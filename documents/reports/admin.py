from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelChoiceField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from committee.kernel.admin import ChoicesOncePerRequest, object_being_edited
from documents.reports.models import Report, ReportParagraph, ReportSection
from meetings.programme.models import AgendaItem


class ReportSectionInline(ChoicesOncePerRequest, admin.StackedInline):
    model = ReportSection
    extra = 0
    fields = ["parent", "position", "title", "numbered", "agenda_item"]
    show_change_link = True

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        report = object_being_edited(request, Report)
        if db_field.name == "parent":
            kwargs["queryset"] = ReportSection.objects.filter(report=report, parent__isnull=True)
        elif db_field.name == "agenda_item":
            kwargs["queryset"] = AgendaItem.objects.referable(report.session_id if report else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "document"]
    search_fields = ["session__code", "document__symbol"]
    list_select_related = ["session", "document"]
    inlines = [ReportSectionInline]


class ReportParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 0


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "parent", "position"]
    search_fields = ["title__en", "title__fr", "report__session__code"]
    list_filter = ["report"]
    list_select_related = ["report__session", "parent"]
    inlines = [ReportParagraphInline]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        section = object_being_edited(request, ReportSection)
        if db_field.name == "parent":
            kwargs["queryset"] = ReportSection.objects.filter(
                report=section.report_id if section else None, parent__isnull=True
            )
        elif db_field.name == "agenda_item":
            kwargs["queryset"] = AgendaItem.objects.referable(section.report.session_id if section else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

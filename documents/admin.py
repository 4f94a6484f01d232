from django.contrib import admin
from django.db import models
from django.forms import Field
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from committee.admin import ChoicesOncePerRequest, object_being_edited
from documents.forms import DocumentFileForm
from documents.models import Document, DocumentFile, Report, ReportParagraph, ReportSection
from meetings.models import AgendaItem


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 0


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "__str__", "kind", "distribution", "issued_on", "original_language"]
    list_filter = ["kind", "distribution", "original_language"]
    search_fields = ["symbol", "title__en", "title__fr"]
    autocomplete_fields = ["session"]
    filter_horizontal = ["agenda_items"]
    inlines = [DocumentFileInline]

    def formfield_for_manytomany(self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs) -> Field:
        if db_field.name == "agenda_items":
            document = object_being_edited(request, Document)
            kwargs["queryset"] = AgendaItem.objects.referable(document.session_id if document else None)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReportSectionInline(ChoicesOncePerRequest, admin.StackedInline):
    model = ReportSection
    extra = 0
    fields = ["parent", "position", "title", "numbered", "agenda_item"]
    show_change_link = True

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs) -> Field | None:
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

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs) -> Field | None:
        section = object_being_edited(request, ReportSection)
        if db_field.name == "parent":
            kwargs["queryset"] = ReportSection.objects.filter(
                report=section.report_id if section else None, parent__isnull=True
            )
        elif db_field.name == "agenda_item":
            kwargs["queryset"] = AgendaItem.objects.referable(section.report.session_id if section else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

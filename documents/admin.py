from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agenda_items":
            # Only the items of the document's own session, once it has one.
            document = Document.objects.filter(pk=request.resolver_match.kwargs.get("object_id")).first()
            items = AgendaItem.objects.select_related("parent", "agenda")
            kwargs["queryset"] = (
                items.filter(agenda__session=document.session_id) if document and document.session_id else items.none()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0
    fields = ["parent", "position", "title", "numbered", "agenda_item"]
    show_change_link = True


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "document"]
    search_fields = ["session__code", "document__symbol"]
    inlines = [ReportSectionInline]


class ReportParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 0


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "parent", "position"]
    search_fields = ["title__en", "title__fr", "report__session__code"]
    list_filter = ["report"]
    inlines = [ReportParagraphInline]

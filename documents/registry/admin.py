from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from documents.registry.forms import DocumentFileForm
from documents.registry.models import Document, DocumentFile


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
    inlines = [DocumentFileInline]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import Decision, Paragraph


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0
    fields = ["kind", "parent", "position", "text"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Paragraph.objects.filter(decision_id=object_id, parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "kind", "adopted_on"]
    list_filter = ["kind", "session"]
    search_fields = ["session__code", "title__en", "title__fr", "paragraphs__text__en", "paragraphs__text__fr"]
    inlines = [ParagraphInline]

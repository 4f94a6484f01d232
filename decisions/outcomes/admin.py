from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelChoiceField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from committee.kernel.admin import ChoicesOncePerRequest, object_being_edited
from decisions.outcomes.models import Decision, Paragraph


class ParagraphInline(ChoicesOncePerRequest, admin.StackedInline):
    model = Paragraph
    extra = 0
    fields = ["kind", "parent", "position", "text"]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "parent":
            decision = object_being_edited(request, Decision)
            kwargs["queryset"] = Paragraph.objects.filter(decision=decision, parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "kind", "method", "adopted_on"]
    list_filter = ["kind", "session"]
    search_fields = ["session__code", "title__en", "title__fr", "paragraphs__text__en", "paragraphs__text__fr"]
    list_select_related = ["session"]
    inlines = [ParagraphInline]
    # How it was adopted is recorded on its own page, which checks it (decisions.outcomes.services).
    readonly_fields = ["adopted_at", "method", "silence_ends_on"]

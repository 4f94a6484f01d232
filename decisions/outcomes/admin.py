from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelChoiceField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from committee.kernel.admin import ChoicesOncePerRequest, object_being_edited
from decisions.outcomes.models import Decision, Paragraph, StatePosition
from meetings.programme.models import Meeting


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


class StatePositionInline(admin.TabularInline):
    model = StatePosition
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "kind", "method", "adopted_on"]
    list_filter = ["kind", "session"]
    search_fields = ["session__code", "title__en", "title__fr", "paragraphs__text__en", "paragraphs__text__fr"]
    list_select_related = ["session"]
    inlines = [ParagraphInline, StatePositionInline]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "adopted_at":  # a meeting of the decision's session
            decision = object_being_edited(request, Decision)
            kwargs["queryset"] = (
                Meeting.objects.filter(session__decisions=decision) if decision else Meeting.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.outcomes.models import Decision, StatePosition
from meetings.proceedings.forms import StepForm


class AdoptionForm(StepForm):
    """How the session adopted a text; for a recorded vote or a silence procedure, the States' positions are
    chosen in the table of States that follows (one select per State, named `position-<pk>`)."""

    method = forms.ChoiceField(label=_("Adopted"), choices=Decision.Method.choices, required=False)
    silence_ends_on = forms.DateField(
        label=_("Silence procedure ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    field_order = ["method", "meeting", "on", "silence_ends_on"]


POSITION_CHOICES = [("", "—"), *StatePosition.Position.choices]

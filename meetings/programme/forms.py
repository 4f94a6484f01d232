from typing import cast

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from meetings.programme.models import Agenda, AgendaItem, AgendaSlot, Meeting, MeetingPerson
from meetings.sessions.models import Session


class MeetingForm(forms.ModelForm):
    """A meeting of the programme, as the secretariat schedules or changes it."""

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "date",
            "start_time",
            "end_time",
            "room",
            "online_link",
            "agenda_items",
            "next_date",
            "next_topic",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            "next_date": forms.DateInput(attrs={"type": "date"}),
            "agenda_items": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, session: Session | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        items = AgendaItem.objects.referable(session.pk).order_by("position") if session else AgendaItem.objects.none()
        field = cast(forms.ModelMultipleChoiceField, self.fields["agenda_items"])  # the model's many-to-many
        field.queryset = items
        field.label_from_instance = lambda item: f"{item.position}. {item.title_text}"  # type: ignore[method-assign,assignment]  # read off the field


MeetingPeopleFormSet: "type[BaseInlineFormSet[MeetingPerson, Meeting, forms.ModelForm[MeetingPerson]]]" = (
    forms.inlineformset_factory(
        Meeting,
        MeetingPerson,
        fields=["role", "courtesy", "name", "entity", "function"],
        extra=1,
        can_delete=True,
    )
)


class HalfDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.ChoiceField(label=_("Half-day"), choices=AgendaSlot.Period.choices)
    note = forms.CharField(
        label=_("Note (e.g. Opening plenary)"), required=False, max_length=AgendaSlot._meta.get_field("note").max_length
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Items taken up"),
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agenda: Agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["items"])  # declared above
        field.queryset = agenda.items.filter(parent__isnull=True).order_by("position")
        field.label_from_instance = lambda item: f"{item.position}. {item}"  # type: ignore[method-assign,assignment]  # read off the field

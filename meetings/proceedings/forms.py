from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committee.bodies.forms import EntityChoiceField, states
from meetings.proceedings.models import Proceeding
from meetings.programme.models import BureauMember, Courtesy, Meeting
from meetings.sessions.models import Session


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj} ({obj.date.isoformat()})" if obj.date else str(obj)


def session_meetings(session: Session):
    return session.meetings.order_by("date", "start_time", "position")


class StepForm(forms.Form):
    """Where a step happened: at one of the session's meetings, or on a day (a meeting's day by default)."""

    meeting = MeetingChoice(label=_("At the meeting"), queryset=Meeting.objects.none(), required=False)
    on = forms.DateField(
        label=pgettext_lazy("the day a step was taken", "On"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the meeting's day."),
    )

    def __init__(self, *args, session: Session, meetings: list[Meeting] | None = None, **kwargs) -> None:
        """`meetings`: the session's, read once for the several forms of a page."""
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, MeetingChoice)
        field.queryset = session_meetings(session)
        if meetings is not None:
            field.choices = [("", field.empty_label), *((m.pk, field.label_from_instance(m)) for m in meetings)]


class ReportAdoptionForm(StepForm):
    rapporteur_authorized = forms.BooleanField(
        label=_("The rapporteur is authorized to finalize the report after the session"), required=False
    )


class NextSessionForm(StepForm):
    """The announcement of the next session: when it opens and closes, and where."""

    starts_on = forms.DateField(label=_("The next session opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("and closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    place = Proceeding._meta.get_field("next_place").formfield()


class OfficerForm(StepForm):
    role = forms.ChoiceField(label=_("Office"), choices=BureauMember.Role.choices)
    courtesy = forms.ChoiceField(label=_("Courtesy title"), choices=Courtesy.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    state = EntityChoiceField(label=_("State"), queryset=states(), required=False)

    field_order = ["role", "courtesy", "name", "state", "meeting", "on"]

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.bodies.forms import EntityChoiceField, states
from meetings.sessions.models import Session


class SessionForm(forms.ModelForm):
    country = EntityChoiceField(label=_("Country"), queryset=states(), required=False)  # by name, not by code

    class Meta:
        model = Session
        fields = ["number", "code", "status", "start_date", "end_date", "venue", "city", "country", "time_zone"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True  # its documents' symbols begin with it
            self.fields["code"].help_text = _("It stays as given: its documents' symbols begin with it.")
        else:
            del self.fields["status"]  # a new session is planned
            self.fields["code"].help_text = _("Its documents' symbols begin with it: TD/B/EDE/2/1, TD/B/EDE/2/INF.1…")

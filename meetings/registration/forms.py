import hashlib
from typing import Any, cast

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from committee.bodies.forms import SEARCHABLE
from committee.bodies.models import Entity
from committee.kernel.collation import collation_key
from committee.kernel.forms import SpreadsheetForm
from meetings.registration.models import Delegate, Participation

LEAVE_OUT = "leave-out"


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["role", "courtesy", "name", "title", "function", "organization", "email", "language"]


class DelegationForm(forms.Form):
    """A delegation to register: among `entities` (those the person may register), not yet registered."""

    entity = forms.TypedChoiceField(label=_("State or organization"), coerce=int, widget=forms.Select(attrs=SEARCHABLE))
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("From the membership of the body")), *Participation.Category.choices],
        help_text=_("Where the session lists it; left blank, the body's membership decides."),
    )

    def __init__(self, *args, entities: list[Entity], choose_category: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not choose_category:  # a delegation registering itself takes the category its membership gives
            del self.fields["category"]
        language = (get_language() or "en")[:2]
        self.entities = {entity.pk: entity for entity in entities}
        named = sorted(
            ((entity.name_in(language), entity.pk) for entity in entities), key=lambda e: collation_key(e[0])
        )
        cast(forms.ChoiceField, self.fields["entity"]).choices = [("", "—"), *((pk, name) for name, pk in named)]

    def clean_entity(self) -> Entity:
        return self.entities[self.cleaned_data["entity"]]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        entity, category = data.get("entity"), data.get("category")
        if entity and category and entity.is_state != (category in Participation.STATE_CATEGORIES):
            self.add_error("category", _("This category is not one for %(entity)s.") % {"entity": entity})
        return data


class AttendanceForm(forms.Form):
    """Who attended one meeting: a box per registered delegate."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, delegates: list[Delegate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["present"]).choices = [
            (delegate.pk, delegate.name) for delegate in delegates
        ]


class RegistrationsFileForm(SpreadsheetForm):
    file = forms.FileField(
        label=_("Registrations file"),
        help_text=_(
            "A CSV or Excel (.xlsx) spreadsheet with one delegate a row (columns entity, category, role, courtesy, "
            "name, title, function, organization, email), or Indico's registrant export. Every row or none is imported."
        ),
    )


class ResolutionForm(forms.Form):
    """For each name of the file that matches nothing: the State or organization it is, or leave its rows out.

    Each answer is keyed by the name itself (a digest of it), so that an answer never lands on another name
    if the names to resolve change between the page and its submission.
    """

    def __init__(self, *args, unmatched: dict[str, list[int]], entities: list[Entity], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        named = sorted(((e.name_in(language), e.pk) for e in entities), key=lambda e: collation_key(e[0]))
        choices = [("", "—"), (LEAVE_OUT, _("Leave these rows out")), *((pk, name) for name, pk in named)]
        self.values = {self.field_name(value): value for value in unmatched}
        for name, value in self.values.items():
            rows = unmatched[value]
            self.fields[name] = forms.ChoiceField(
                label=value,
                choices=choices,
                help_text=ngettext("Row %(rows)s", "Rows %(rows)s", len(rows)) % {"rows": ", ".join(map(str, rows))},
            )

    @staticmethod
    def field_name(value: str) -> str:
        return "entity_" + hashlib.sha256(value.encode()).hexdigest()[:16]

    def resolutions(self) -> dict[str, int | None]:
        return {
            value: None if self.cleaned_data[name] == LEAVE_OUT else int(self.cleaned_data[name])
            for name, value in self.values.items()
        }

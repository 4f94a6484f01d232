from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from committee.collation import collation_key
from committee.models import Entity
from meetings.models import Delegate, Participation


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["role", "courtesy", "name", "title", "function", "organization", "email"]


class DelegationForm(forms.Form):
    """A delegation to register: among `entities` (those the person may register), not yet registered."""

    entity = forms.TypedChoiceField(label=_("State or organization"), coerce=int)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("From the membership of the body")), *Participation.Category.choices],
        help_text=_("Where the session lists it; left blank, the body's membership decides."),
    )

    def __init__(self, *args, entities: list[Entity], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        self.entities = {entity.pk: entity for entity in entities}
        named = sorted(
            ((entity.name_in(language), entity.pk) for entity in entities), key=lambda e: collation_key(e[0])
        )
        self.fields["entity"].choices = [(pk, name) for name, pk in named]

    def clean_entity(self) -> Entity:
        return self.entities[self.cleaned_data["entity"]]


class AttendanceForm(forms.Form):
    """Who attended one meeting: a box per registered delegate."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, delegates: list[Delegate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(delegate.pk, delegate.name) for delegate in delegates]

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext_lazy as _

from committee.bodies.forms import EntityChoiceField
from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.uploads import check_image
from committee.roles.access import managed_committees


class FrenchGenderForm(forms.ModelForm):
    """Asks the grammatical gender of a French name in words, and keeps it as the model stores it: {"fr": …}."""

    name_gender = forms.ChoiceField(
        label=_("Gender of the French name"),
        choices=[
            ("", "—"),
            ("m", _("masculine (le Groupe, le PNUD)")),
            ("f", _("feminine (la Commission, la CNUCED)")),
        ],
        required=False,
        help_text=_("French documents make their articles agree with it."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("name_gender", (self.instance.name_gender or {}).get("fr", ""))

    def clean_name_gender(self) -> dict[str, str]:
        kept = {language: gender for language, gender in (self.instance.name_gender or {}).items() if language != "fr"}
        gender = self.cleaned_data["name_gender"]
        return kept | {"fr": gender} if gender else kept


class CommitteeForm(FrenchGenderForm):
    """A body's own settings: its names in each language, its place among the bodies, its symbols."""

    class Meta:
        model = Committee
        fields = [
            "code",
            "kind",
            "parent",
            "name",
            "name_gender",
            "short_name",
            "symbol_series",
            "mandate",
            "secretariat",
            "time_zone",
            "is_public",
            "delegations_register_themselves",
            "organizations_in_english_order",
        ]

    def __init__(self, *args, user: User | AnonymousUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)  # the model's foreign key
        below = self.instance.with_descendants() if self.instance.pk else []
        # Its current place stays on offer, below a body whose secretariat it may not be.
        parent.queryset = (managed_committees(user) | Committee.objects.filter(pk=self.instance.parent_id)).exclude(
            pk__in=below
        )
        if self.instance.pk:
            self.fields["code"].disabled = True  # pages, calendars and files refer to it
            self.fields["code"].help_text = _("It stays as given: addresses, calendars and files refer to it.")


class MembershipForm(forms.ModelForm):
    entity = EntityChoiceField(label=_("State or organization"))

    class Meta:
        model = Membership
        fields = ["entity", "status", "since", "until"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}), "until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a row of the membership table, its inputs tied to the row's own form
            self.fields["entity"].disabled = True
            for field in self.fields.values():
                field.widget.attrs["form"] = f"change-{self.instance.pk}"


class OrganizationForm(FrenchGenderForm):
    emblem_file = forms.FileField(
        label=_("Emblem"),
        required=False,
        help_text=_("PNG or JPEG, up to 1 MB: printed in the masthead of the documents of the bodies it services."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
    )
    remove_emblem = forms.BooleanField(label=_("Remove the emblem"), required=False)

    class Meta:
        model = Entity
        fields = ["code", "name", "acronym", "name_gender", "organization_type"]

    def clean_emblem_file(self) -> bytes | None:
        """The image's bytes, checked; None where none is sent."""
        upload = self.cleaned_data.get("emblem_file")
        return check_image(upload) if upload else None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kind = Entity.Kind.ORGANIZATION  # what the model's checks need to hold
        self.fields["organization_type"].required = True
        if self.instance.pk:
            self.fields["code"].disabled = True

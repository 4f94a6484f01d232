from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext_lazy as _

from committee.bodies.forms import EntityChoiceField
from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.multilingual import LANGUAGE_NAMES
from committee.kernel.uploads import check_image
from committee.roles.access import managed_committees

# The languages whose documents make words agree with a name's gender, and the genders each has.
GENDERED_LANGUAGES = {
    "fr": (("m", _("masculine (le Groupe, le PNUD)")), ("f", _("feminine (la Commission, la CNUCED)"))),
    "es": (("m", _("masculine (el Grupo)")), ("f", _("feminine (la Comisión)"))),
    "ru": (("m", _("masculine (Комитет)")), ("f", _("feminine (Группа)")), ("n", _("neuter (Совещание)"))),
    "ar": (("m", _("masculine (الفريق)")), ("f", _("feminine (اللجنة)"))),
}


class GenderForm(forms.ModelForm):
    """Asks the grammatical gender of the name in each language whose documents agree with it, in words, and
    keeps it as the model stores it: {"fr": "m", "ru": "f"}. The French one is the field `name_gender`, the
    others `name_gender_<code>`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance.name_gender or {}
        for language, genders in GENDERED_LANGUAGES.items():
            field = self.gender_field(language)
            self.fields[field] = forms.ChoiceField(
                label=_("Gender of the %(language)s name") % {"language": LANGUAGE_NAMES[language]},
                choices=[("", "—"), *genders],
                required=False,
                help_text=_("Documents in that language make their articles and verbs agree with it."),
            )
            self.initial.setdefault(field, stored.get(language, ""))
        # The genders beside the French one, where the form has it.
        names = list(self.fields)
        others = [self.gender_field(language) for language in GENDERED_LANGUAGES if language != "fr"]
        place = names.index("name_gender") + 1
        kept = [name for name in names if name not in others]
        self.order_fields(kept[:place] + others + kept[place:])

    @staticmethod
    def gender_field(language: str) -> str:
        return "name_gender" if language == "fr" else f"name_gender_{language}"

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        genders = {
            language: gender
            for language, gender in (self.instance.name_gender or {}).items()
            if language not in GENDERED_LANGUAGES
        }
        for language in GENDERED_LANGUAGES:
            gender = cleaned.pop(self.gender_field(language), "")
            if gender:
                genders[language] = gender
        cleaned["name_gender"] = genders
        self.instance.name_gender = genders
        return cleaned


class CommitteeForm(GenderForm):
    """A body's own settings: its names in each language, its place among the bodies, its symbols."""

    class Meta:
        model = Committee
        fields = [
            "code",
            "kind",
            "parent",
            "name",
            "name_gender",
            "name_genitive",
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


class OrganizationForm(GenderForm):
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

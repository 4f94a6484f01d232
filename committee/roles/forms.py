from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from committee.bodies.forms import EntityChoiceField
from committee.roles.models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices, initial=Role.Kind.MEMBER)
    entity = EntityChoiceField(
        label=_("On behalf of"),
        required=False,
        help_text=_("For a member or observer: the State or organization they represent."),
    )
    includes_subcommittees = forms.BooleanField(label=_("Also on its sub-committees"), required=False)


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise forms.ValidationError(_("The two passwords differ."))
        if data.get("password1"):
            validate_password(data["password1"])
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What it is for, so that you know which to revoke.")
    )

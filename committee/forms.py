from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from committee.models import Entity, Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices, initial=Role.Kind.MEMBER)
    entity = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Entity.objects.all(),
        required=False,
        help_text=_("For a member or observer: the State or organization they represent."),
    )
    includes_subcommittees = forms.BooleanField(label=_("Also on its sub-committees"), required=False)


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise forms.ValidationError(_("The two passwords differ."))
        if data.get("password1"):
            validate_password(data["password1"])
        return data


class SpreadsheetForm(forms.Form):
    """A spreadsheet to import: CSV or Excel (.xlsx), within the size limit, and what its name says."""

    file = forms.FileField(label=_("Spreadsheet (CSV or Excel)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SPREADSHEET_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("%(name)s is larger than %(limit)s."),
                params={"name": upload.name, "limit": filesizeformat(settings.SPREADSHEET_UPLOAD_MAX_BYTES)},
            )
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix not in (".csv", ".txt", ".xlsx"):
            raise forms.ValidationError(
                _("%(name)s: only .csv and .xlsx files are read."), params={"name": upload.name}
            )
        if (suffix == ".xlsx") != upload.read(4).startswith(b"PK\x03\x04"):
            raise forms.ValidationError(_("%(name)s is not what its name says."), params={"name": upload.name})
        upload.seek(0)
        return upload

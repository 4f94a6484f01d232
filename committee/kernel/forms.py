from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


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

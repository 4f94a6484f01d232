import zipfile
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentFile

# What a language version may be, and how its first bytes must look.
_ZIP = b"PK\x03\x04"
ACCEPTED_FORMATS = {
    ".pdf": (b"%PDF-",),
    ".docx": (_ZIP,),
    ".odt": (_ZIP,),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def check_document_upload(upload) -> None:
    """Refuse a file that is too large, of another format, or not what its name says."""
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in ACCEPTED_FORMATS:
        raise forms.ValidationError(
            _("%(name)s: only %(formats)s files are accepted."),
            params={"name": upload.name, "formats": ", ".join(sorted(ACCEPTED_FORMATS))},
        )
    if upload.size > settings.DOCUMENT_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(settings.DOCUMENT_UPLOAD_MAX_BYTES)},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ACCEPTED_FORMATS[suffix]):
        raise forms.ValidationError(
            _("%(name)s is not a valid %(format)s file."), params={"name": upload.name, "format": suffix[1:].upper()}
        )
    if head.startswith(_ZIP) and not zipfile.is_zipfile(upload):
        raise forms.ValidationError(_("%(name)s is damaged."), params={"name": upload.name})
    upload.seek(0)


class DocumentFileForm(forms.ModelForm):
    class Meta:
        model = DocumentFile
        fields = ["language", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_document_upload(upload)
        return upload


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
    proposed_text = forms.CharField(
        label=_("Proposed text (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

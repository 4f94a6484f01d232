from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.kernel.uploads import DOCUMENT_FORMATS, check_upload
from documents.registry.models import Document, DocumentFile
from documents.registry.services import MODIFICATIONS, Series


class DocumentFileForm(forms.ModelForm):
    class Meta:
        model = DocumentFile
        fields = ["language", "file", "issued_on"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload, DOCUMENT_FORMATS)
        return upload


class AllocationForm(forms.ModelForm):
    """What the registry needs to give a new document of a session its symbol."""

    series = forms.ChoiceField(label=_("Series"), choices=Series.choices, initial=Series.MAIN)

    class Meta:
        model = Document
        fields = ["series", "parent", "kind", "title", "distribution", "original_language"]

    def __init__(self, *args, session, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])  # the model's foreign key
        parent.queryset = Document.objects.filter(session=session).order_by("symbol")
        parent.required = False

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("series") in MODIFICATIONS) != bool(cleaned.get("parent")):
            raise forms.ValidationError(
                _("Choose the document modified for an addendum, corrigendum or revision, and only for them.")
            )
        return cleaned

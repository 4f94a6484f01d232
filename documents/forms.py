from django import forms
from django.utils.translation import gettext_lazy as _

from committee.uploads import DOCUMENT_FORMATS, check_upload
from documents.models import Document, DocumentFile
from documents.registry import MODIFICATIONS, Series
from meetings.models import Agenda, AgendaItem, AgendaSlot


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
        self.fields["parent"].queryset = Document.objects.filter(session=session).order_by("symbol")
        self.fields["parent"].required = False

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("series") in MODIFICATIONS) != bool(cleaned.get("parent")):
            raise forms.ValidationError(
                _("Choose the document modified for an addendum, corrigendum or revision, and only for them.")
            )
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
    proposed_text = forms.CharField(
        label=_("Proposed text (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class HalfDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.ChoiceField(label=_("Half-day"), choices=AgendaSlot.Period.choices)
    note = forms.CharField(label=_("Note (e.g. Opening plenary)"), required=False)
    items = forms.ModelMultipleChoiceField(
        label=_("Items taken up"),
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agenda: Agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = agenda.items.filter(parent__isnull=True).order_by("position")
        self.fields["items"].label_from_instance = lambda item: f"{item.position}. {item}"

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.models import Entity
from committee.uploads import EVIDENCE_FORMATS, check_upload
from decisions.models import Action, ProgressUpdate, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "responsible", "responsible_entity", "due_on", "due_by_next_session"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, paragraph, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.paragraph = paragraph
        self.fields["responsible_entity"].queryset = Entity.objects.order_by("code")


class ProgressForm(forms.ModelForm):
    """A report of progress: the status reached, what was done, and the evidence (a document of the registry by
    its symbol, a link, or a file)."""

    evidence_symbol = forms.CharField(
        label=_("Document symbol"),
        required=False,
        max_length=80,
        help_text=_("A document of the registry, e.g. TD/B/EDE/2/2."),
    )

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "status", "narrative", "evidence_link", "evidence_file"]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, action: Action, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = action.status if action.status != Status.NOT_STARTED else Status.IN_PROGRESS
        self.fields["evidence_file"].help_text = _("PDF, Word, spreadsheet or photograph.")

    def clean_evidence_symbol(self):
        symbol = self.cleaned_data["evidence_symbol"].strip()
        if not symbol:
            return None
        registry = ProgressUpdate._meta.get_field("evidence_document").related_model
        document = registry.objects.filter(symbol=symbol).first()
        if document is None:
            raise forms.ValidationError(
                _("No document of the registry has the symbol %(symbol)s."), params={"symbol": symbol}
            )
        return document

    def clean_evidence_file(self):
        upload = self.cleaned_data["evidence_file"]
        if upload and hasattr(upload, "content_type"):
            check_upload(upload, EVIDENCE_FORMATS)
        return upload

    def save(self, commit: bool = True) -> ProgressUpdate:
        self.instance.evidence_document = self.cleaned_data.get("evidence_symbol")
        return super().save(commit=commit)

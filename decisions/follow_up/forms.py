from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.bodies.models import Entity
from committee.kernel.uploads import EVIDENCE_FORMATS, check_upload
from decisions.follow_up.models import Action, ProgressUpdate, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "responsible", "responsible_entity", "due_on", "due_by_next_session"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, paragraph, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.paragraph = paragraph
        cast(forms.ModelChoiceField, self.fields["responsible_entity"]).queryset = Entity.objects.order_by("code")


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

    def __init__(self, *args, action: Action, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["status"].initial = action.status if action.status != Status.NOT_STARTED else Status.IN_PROGRESS
        self.fields["evidence_file"].help_text = _("PDF, Word, spreadsheet or photograph.")

    def clean_evidence_symbol(self):
        symbol = self.cleaned_data["evidence_symbol"].strip()
        if not symbol:
            return None
        registry = ProgressUpdate._meta.get_field("evidence_document").related_model
        document = registry.objects.select_related("session__committee").filter(symbol=symbol).first()
        committee = document.session.committee if document is not None and document.session_id else None
        readable = committee is not None and registry.objects.readable_by(self.user, committee).filter(pk=document.pk)
        if not readable or not readable.exists():  # what the person may not read is not there for them
            raise forms.ValidationError(
                _("No document of the registry has the symbol %(symbol)s."), params={"symbol": symbol}
            )
        return document

    def clean_reported_on(self):
        reported_on = self.cleaned_data["reported_on"]
        if reported_on > timezone.localdate():
            raise forms.ValidationError(_("Progress is reported as of today or an earlier date."))
        return reported_on

    def clean_evidence_file(self):
        upload = self.cleaned_data["evidence_file"]
        if upload and hasattr(upload, "content_type"):
            check_upload(upload, EVIDENCE_FORMATS)
        return upload

    def save(self, commit: bool = True) -> ProgressUpdate:
        self.instance.evidence_document = self.cleaned_data.get("evidence_symbol")
        return super().save(commit=commit)

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import LANGUAGE_CHOICES
from committee.roles.access import visible_committees
from documents.search.models import SearchEntry
from documents.search.query import Filters
from documents.search.terms import MAX_QUERY_LENGTH
from meetings.sessions.models import Session


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    committee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Committee"), queryset=None, to_field_name="code", required=False, empty_label=_("All")
    )
    session = forms.CharField(
        label=_("Session"),
        max_length=Session._meta.get_field("code").max_length,
        required=False,
        help_text=_("e.g. TD/B/EDE/1"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *SearchEntry.Kind.choices], required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("All")), *LANGUAGE_CHOICES], required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = visible_committees(user).order_by("code")  # type: ignore[attr-defined]
        # What is typed is searched for as far as it spells words: control characters (NUL among them) are
        # dropped by clean_q, not refused.
        query = self.fields["q"]
        query.validators = [v for v in query.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def clean_q(self) -> str:
        return "".join(c for c in self.cleaned_data["q"] if c.isprintable() or c == " ")

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            committee=data.get("committee"),
            session=(data.get("session") or "").strip().upper(),
            kind=data.get("kind") or "",
            language=data.get("language") or "",
            since=data.get("since"),
            until=data.get("until"),
        )

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.builders.language import WORDED_LANGUAGES
from documents.builders.schemes import USUAL_TITLES, Holds
from documents.schemes.models import ReportScheme

# What a part holds, as the scheme page names it.
PART_CHOICES = [
    (Holds.DECISIONS, _("The texts adopted (recommendations, conclusions, decisions)")),
    (Holds.DECISIONS_WITH_ACTIONS, _("The texts adopted, with who is to act and by when")),
    (Holds.DRAFTED, _("The drafted text, in lettered sections (a Chair's summary, proceedings)")),
    (Holds.DRAFTED_CHAPTERS, _("The drafted text, each section a chapter (one per agenda item)")),
    (Holds.SECTIONS, _("Procedural sections (organizational matters)")),
    (Holds.NEXT_AGENDA, _("The provisional agenda of the next session")),
]
SECTION_CHOICES = [
    (Holds.OPENING, pgettext_lazy("report", "Opening of the session")),
    (Holds.ELECTION_OF_OFFICERS, pgettext_lazy("report", "Election of officers")),
    (Holds.ADOPTION_OF_AGENDA, pgettext_lazy("report", "Adoption of the agenda and organization of work")),
    (Holds.CREDENTIALS, pgettext_lazy("report", "Credentials")),
    (Holds.STATUS_OF_MEMBERSHIP, pgettext_lazy("report", "Status of membership")),
    (Holds.ATTENDANCE, pgettext_lazy("report", "Attendance")),
    (Holds.OTHER_MATTERS, pgettext_lazy("report", "Other matters")),
    (Holds.NEXT_SESSION, pgettext_lazy("report", "Date and venue of the next session")),
    (Holds.NEXT_SESSION_AGENDA, pgettext_lazy("report", "Provisional agenda of the next session")),
    (Holds.ADOPTION_OF_OUTCOME, pgettext_lazy("report", "Adoption of the outcome of the session")),
    (Holds.ADOPTION_OF_REPORT, pgettext_lazy("report", "Adoption of the report")),
    (Holds.CLOSING, pgettext_lazy("report", "Closing of the session")),
]


def usual_titles() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The usual title of each kind of part, and of each entry of the presets' catalogue, in each language the
    reports are worded in: what a part without a title of its own is called."""
    by_kind = dict(SECTION_CHOICES) | {
        Holds.DECISIONS: pgettext_lazy("report", "Agreed recommendations and decisions"),
        Holds.DECISIONS_WITH_ACTIONS: pgettext_lazy("report", "Agreed recommendations and decisions"),
        Holds.DRAFTED: pgettext_lazy("report, masculine", "Chair's summary"),
        Holds.SECTIONS: pgettext_lazy("report", "Organizational matters"),
        Holds.NEXT_AGENDA: pgettext_lazy("report", "Provisional agenda of the next session"),
    }
    return _in_each_language(by_kind), _in_each_language(USUAL_TITLES)


def _in_each_language(titles: dict) -> dict[str, dict[str, str]]:
    translated: dict[str, dict[str, str]] = {key: {} for key in titles}
    for language in WORDED_LANGUAGES:
        with translation.override(language):
            for key, title in titles.items():
                translated[key][language] = str(title)
    return translated


class SchemeSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportScheme
        fields = ["title_pattern", "masthead", "agenda_item_line", "attendance", "statements", "rapporteur_line"]

"""Each body's report scheme: the chapters and annexes of its session reports (documents/builders/schemes.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Committee
from documents.builders.schemes import Attendance, Masthead, TitlePattern


def canonical_part(part: dict) -> dict:
    """A stored part with its keys in one order, whatever the database kept (PostgreSQL's jsonb sorts them):
    what it holds, whether an annex, its titles by language, its usual title, its sections."""
    ordered: dict = {"holds": part["holds"]}
    if part.get("annex"):
        ordered["annex"] = True
    if part.get("title"):
        ordered["title"] = dict(sorted(part["title"].items()))
    if part.get("usual"):
        ordered["usual"] = part["usual"]
    if "sections" in part:
        ordered["sections"] = [canonical_part(section) for section in part["sections"]]
    return ordered


class ReportScheme(models.Model):
    """A body's scheme, as the secretariat set it from a preset. A body with none reports as an UNCTAD
    intergovernmental expert group does (the first preset)."""

    class Preset(models.TextChoices):
        UNCTAD_EXPERT_GROUP = "unctad_expert_group", _("UNCTAD intergovernmental group of experts")
        UN_PLENARY = "un_plenary", _("UN plenary body (a conference, an assembly)")
        COMMITTEE_MEETING = "committee_meeting", _("Committee meeting report (as WTO committees write them)")
        REGIONAL_OUTCOMES = "regional_outcomes", _("Regional committee's outcomes document")

    class Title(models.TextChoices):
        SESSION = TitlePattern.SESSION, _("Report of … on its first session")
        WORK_OF_SESSION = TitlePattern.WORK_OF_SESSION, _("Report of … on the work of its first session")
        MEETING = TitlePattern.MEETING, _("Report of … on its first meeting")
        OUTCOMES = TitlePattern.OUTCOMES, _("Outcomes of the first meeting of …")

    class MastheadStyle(models.TextChoices):
        UN = Masthead.UN, _("“United Nations” above the organization (a UN body)")
        ORGANIZATION = Masthead.ORGANIZATION, _("The organization alone (a body outside the UN system)")

    class AttendanceStyle(models.TextChoices):
        LIST = Attendance.LIST, _("A list by category, the States in two columns")
        TEXT = Attendance.TEXT, _("Running text with the counts of States and organizations")

    committee = models.OneToOneField(
        Committee, verbose_name=_("body"), on_delete=models.CASCADE, related_name="report_scheme"
    )
    preset = models.CharField(_("started from"), max_length=30, choices=Preset.choices, blank=True)
    title_pattern = models.CharField(
        _("title of the report"), max_length=20, choices=Title.choices, default=Title.SESSION
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStyle.choices, default=AttendanceStyle.LIST
    )
    masthead = models.CharField(_("masthead"), max_length=20, choices=MastheadStyle.choices, default=MastheadStyle.UN)
    agenda_item_line = models.BooleanField(
        _("an agenda item line in the masthead"),
        default=False,
        help_text=_("“Agenda item 6”: the item of the session's agenda under which it adopts its report."),
    )
    statements = models.BooleanField(
        _("who took the floor on each item"),
        default=False,
        help_text=_(
            "Under each item, the delegations that spoke on it, as the live meeting's list of speakers has them."
        ),
    )
    rapporteur_line = models.BooleanField(
        _("a line naming the rapporteur under the title"), default=False, help_text=_("Rapporteur: Ms. … (State)")
    )
    parts = models.JSONField(_("chapters and annexes"), default=list)
    revision = models.PositiveIntegerField(
        _("revision"), default=1, help_text=_("Goes up with every saved change, so that two editors never collide.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report scheme")
        verbose_name_plural = _("report schemes")

    def __str__(self) -> str:
        return str(_("Report scheme of %(body)s") % {"body": self.committee})

    def as_dict(self) -> dict:
        """The scheme as stored and exchanged (report_scheme.schema.json)."""
        return {
            "preset": self.preset,
            "title_pattern": self.title_pattern,
            "attendance": self.attendance,
            "rapporteur_line": self.rapporteur_line,
            "agenda_item_line": self.agenda_item_line,
            "statements": self.statements,
            "masthead": self.masthead,
            "parts": [canonical_part(part) for part in self.parts],
        }

"""What a session adopts (recommendations, conclusions and decisions, paragraph by paragraph), what is done
about it afterwards (follow-up actions and their progress), and the strategies a committee monitors."""

from string import ascii_lowercase

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.models import Committee, Entity, Membership, outline_order, validate_outline_parent
from committee.multilingual import MultilingualField, pick
from meetings.models import Session, WebAddressField

MARKUP_HELP = _(
    "Mark italics (operative verbs, titles of publications) with *asterisks* and footnotes with "
    "[^the note's text]; write \\* for a literal asterisk."
)


class Decision(models.Model):
    class Kind(models.TextChoices):
        AGREED_RECOMMENDATIONS = "agreed_recommendations", _("Agreed recommendations")
        AGREED_CONCLUSIONS = "agreed_conclusions", _("Agreed conclusions")
        DECISION = "decision", _("Decision")
        RESOLUTION = "resolution", _("Resolution")

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=30, blank=True, help_text=_("e.g. 1/1, where the body numbers them.")
    )
    title = MultilingualField(_("title"), blank=True, long=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["session_id", "position"]

    def __str__(self) -> str:
        return pick(self.title, get_language() or "en") or f"{self.session} — {self.get_kind_display()}"


class Paragraph(models.Model):
    """A preambular or operative paragraph, or a lettered sub-item of one."""

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular", _("Preambular")
        OPERATIVE = "operative", _("Operative")

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="sub_items", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    text = MultilingualField(_("text"), long=True, help_text=MARKUP_HELP)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Goes up with every saved change, so that two editors never overwrite each other."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["decision_id", *outline_order()]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "position"], condition=Q(parent__isnull=True), name="paragraph_unique_position"
            ),
            models.UniqueConstraint(
                fields=["parent", "position"], condition=Q(parent__isnull=False), name="sub_item_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return pick(self.text, get_language() or "en")[:80]

    def clean(self) -> None:
        validate_outline_parent(self, "decision")

    @property
    def letter(self) -> str:
        index = self.position - 1
        return ascii_lowercase[index % 26] * (index // 26 + 1)


class Status(models.TextChoices):
    """How far the implementation of an action, or of a strategy's measure, has come."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    ONGOING = "ongoing", _("Ongoing")
    DISCONTINUED = "discontinued", _("Discontinued")


STILL_DUE = (Status.NOT_STARTED, Status.IN_PROGRESS)  # past its date, an action in these is overdue (not ongoing work)


class Action(models.Model):
    """What is to be done about an operative paragraph (or one of its sub-items), by whom and by when."""

    class Responsible(models.TextChoices):
        SECRETARIAT = "secretariat", _("The secretariat")
        MEMBER = "member", _("A member")
        PARTNER = "partner", _("A partner organization")

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    description = MultilingualField(_("what is to be done"), long=True)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    responsible_entity = models.ForeignKey(
        Entity,
        verbose_name=_("member or organization"),
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        help_text=_("The member State or partner organization responsible."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_by_next_session = models.BooleanField(
        _("due by the next session"), default=False, help_text=_("Due when the committee next meets.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        help_text=_("As of its latest published progress."),
    )
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Example data (as in the demo), not real figures.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["paragraph_id", "position", "pk"]

    def __str__(self) -> str:
        return pick(self.description, get_language() or "en")[:80]

    @property
    def top_paragraph_id(self) -> int:
        """The operative paragraph it belongs to, itself or the one whose sub-item it is on: its page's."""
        return self.paragraph.parent_id or self.paragraph_id

    def clean(self) -> None:
        if self.responsible == self.Responsible.SECRETARIAT and self.responsible_entity_id:
            raise ValidationError({"responsible_entity": _("The secretariat is responsible: name no member.")})
        if self.responsible != self.Responsible.SECRETARIAT and not self.responsible_entity_id:
            raise ValidationError({"responsible_entity": _("Name the member or organization responsible.")})
        if self.due_on and self.due_by_next_session:
            raise ValidationError({"due_on": _('Give a date or "by the next session", not both.')})
        top = (self.paragraph.parent or self.paragraph) if self.paragraph_id else None
        if top is not None and top.kind != Paragraph.Kind.OPERATIVE:
            raise ValidationError(_("Only operative paragraphs (and their sub-items) carry follow-up actions."))


class ProgressUpdate(models.Model):
    """Progress on an action at a date: the status it has reached, what was done, and the evidence.

    A member reports on its own actions and the secretariat publishes; the action takes the status of
    its latest published update, so that the updates are the history of its status.
    """

    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("as of"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    narrative = MultilingualField(_("progress"), long=True, help_text=_("What was done, in a few sentences."))
    evidence_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="evidence_of",
        null=True,
        blank=True,
    )
    evidence_link = WebAddressField(_("link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["action_id", "reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.action} — {self.reported_on}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Strategy(models.Model):
    """A strategy or roadmap whose implementation a committee monitors, measure by measure and member by member."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="strategies"
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short, for addresses and imports."))
    title = MultilingualField(_("title"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Example data (as in the demo), not real figures.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [models.UniqueConstraint(fields=["committee", "code"], name="strategy_unique_code")]

    def __str__(self) -> str:
        return pick(self.title, get_language() or "en")


def reporting_members(committee: Committee) -> models.QuerySet:
    """The memberships whose States or organizations report on a strategy's measures (members and associates)."""
    return committee.memberships.filter(status__in=[Membership.Status.MEMBER, Membership.Status.ASSOCIATE])


class PolicyArea(models.Model):
    strategy = models.ForeignKey(Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"))
    title = MultilingualField(_("title"))

    class Meta:
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
        ordering = ["strategy_id", "number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="area_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {pick(self.title, get_language() or 'en')}"


class Measure(models.Model):
    area = models.ForeignKey(
        PolicyArea, verbose_name=_("policy area"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As the strategy numbers it, e.g. 3.2."))
    position = models.PositiveSmallIntegerField(_("position"))
    text = MultilingualField(_("text"), long=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["area__number", "position"]
        constraints = [models.UniqueConstraint(fields=["area", "number"], name="measure_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {pick(self.text, get_language() or 'en')[:70]}"


class Indicator(models.Model):
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators")
    name = MultilingualField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, number of laws"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure_id", "pk"]

    def __str__(self) -> str:
        return pick(self.name, get_language() or "en")


class MemberStatus(models.Model):
    """Where a member stands with a measure, as reported at a date; the latest report is the current status."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="statuses")
    member = models.ForeignKey(
        Entity, verbose_name=_("member"), on_delete=models.PROTECT, related_name="measure_statuses"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    reported_on = models.DateField(_("as of"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member status")
        verbose_name_plural = _("member statuses")
        ordering = ["measure_id", "member_id", "reported_on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "member", "reported_on"], name="member_status_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.measure.number} {self.member}: {self.get_status_display()} ({self.reported_on})"

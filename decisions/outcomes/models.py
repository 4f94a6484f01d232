"""What a session adopts (recommendations, conclusions, decisions), paragraph by paragraph."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from committee.kernel.markup import MARKUP_HELP
from committee.kernel.multilingual import TITLE_MAX_LENGTH, MultilingualField, pick
from committee.kernel.outline import letter_label, outline_order, validate_outline_parent
from meetings.programme.models import Meeting
from meetings.sessions.models import Session


class Decision(models.Model):
    class Method(models.TextChoices):
        """How the session adopted the text, as the report words it; blank until it is recorded."""

        NOT_RECORDED = "", _("Not recorded yet")
        CONSENSUS = "consensus", _("By consensus")
        WITHOUT_VOTE = "without_vote", _("Without a vote")
        RECORDED_VOTE = "recorded_vote", _("By a recorded vote")
        SILENCE = "silence", _("Under a silence procedure")

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
    title = MultilingualField(_("title"), blank=True, long=True, max_length=TITLE_MAX_LENGTH)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.ForeignKey(
        Meeting, verbose_name=_("adopted at"), on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    method = models.CharField(_("adopted"), max_length=20, choices=Method.choices, blank=True)
    silence_ends_on = models.DateField(
        _("silence procedure ends on"), null=True, blank=True, help_text=_("The deadline for objections.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["session_id", "position"]

    def __str__(self) -> str:
        return pick(self.title, get_language() or "en") or f"{self.session} — {self.get_kind_display()}"

    @property
    def is_adopted(self) -> bool:
        """Recorded as adopted, how or when (the report holds only these), and not undone by an objection."""
        return bool(self.method or self.adopted_on or self.adopted_at_id) and not self.silence_broken

    @property
    def silence_broken(self) -> bool:
        """Under a silence procedure, one objection is enough for the text not to be adopted (`votes` prefetched
        or not)."""
        return self.method == self.Method.SILENCE and any(
            vote.position == StatePosition.Position.OBJECTION for vote in self.votes.all()
        )


class StatePosition(models.Model):
    """How a State voted on a text put to a recorded vote, or that it objected under a silence procedure."""

    class Position(models.TextChoices):
        IN_FAVOUR = "in_favour", _("In favour")
        AGAINST = "against", _("Against")
        ABSTAINING = "abstaining", _("Abstaining")
        OBJECTION = "objection", _("Objected")

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="votes")
    state = models.ForeignKey(
        Entity,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [Entity.Kind.STATE, Entity.Kind.TERRITORY]},
    )
    position = models.CharField(pgettext_lazy("a State's vote", "position"), max_length=20, choices=Position.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position of a State")
        verbose_name_plural = _("positions of the States")
        constraints = [models.UniqueConstraint(fields=["decision", "state"], name="one_position_per_state")]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_position_display()}"


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
        return letter_label(self.position - 1)

"""What is done about what was decided: actions on operative paragraphs and the progress reported on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from committee.kernel.fields import WebAddressField
from committee.kernel.multilingual import MultilingualField, pick
from decisions.outcomes.models import Paragraph
from documents.registry.models import Document


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
        Document,
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

"""What a session did, step by step and at the meeting where it did it: the record the report is written from.

The election of officers is recorded on the bureau, the adoption of the agenda and the approval of the next
session's agenda on those agendas (`meetings.programme`); the other procedural steps are recorded here."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.kernel.multilingual import MultilingualField
from meetings.programme.models import Meeting
from meetings.sessions.models import Session


class Proceeding(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening of the session")
        ORGANIZATION_OF_WORK = "organization_of_work", _("Organization of work")
        CREDENTIALS = "credentials", _("Approval of the report on credentials")
        STATUS_OF_MEMBERSHIP = "status_of_membership", _("Status of membership")
        OTHER_MATTERS = "other_matters", _("Other matters: none taken up")
        NEXT_SESSION = "next_session", _("Date and venue of the next session announced")
        ADOPTION_OF_REPORT = "adoption_of_report", _("Adoption of the report")
        CLOSING = "closing", _("Closing of the session")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="proceedings"
    )
    kind = models.CharField(_("step"), max_length=30, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("at"), on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    held_on = models.DateField(_("on"), null=True, blank=True)
    rapporteur_authorized = models.BooleanField(
        _("the rapporteur is authorized to finalize the report after the session"), default=False
    )
    next_starts_on = models.DateField(_("the next session opens on"), null=True, blank=True)
    next_ends_on = models.DateField(_("and closes on"), null=True, blank=True)
    next_place = MultilingualField(_("in"), blank=True, help_text=_("The city, where it was announced."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step of the proceedings")
        verbose_name_plural = _("proceedings")
        ordering = ["session_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "kind"], name="proceeding_unique_kind")]

    def __str__(self) -> str:
        return str(self.get_kind_display())  # shown beside its session: naming the session would query it

    @property
    def date(self):
        """The day it happened: the one recorded, else its meeting's."""
        return self.held_on or (self.meeting.date if self.meeting else None)

    def clean(self) -> None:
        if self.kind == self.Kind.NEXT_SESSION and self.next_starts_on is None:
            raise ValidationError({"next_starts_on": _("Give the day the next session opens.")})
        if self.next_starts_on and self.next_ends_on and self.next_ends_on < self.next_starts_on:
            raise ValidationError({"next_ends_on": _("It cannot close before it opens.")})

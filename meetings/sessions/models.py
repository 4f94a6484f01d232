"""A committee's sessions: number, code, dates, venue and status."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Committee, Entity
from committee.kernel.fields import validate_time_zone
from committee.kernel.multilingual import MultilingualField

symbol_validator = RegexValidator(
    r"^[A-Z0-9][A-Za-z0-9./()\-]*$",
    _("A UN symbol: capital letters, digits and the characters / . ( ) -, e.g. TD/B/EDE/1."),
)


class SessionQuerySet(models.QuerySet["Session"]):
    def latest_first(self) -> "SessionQuerySet":
        """A committee's sessions from the last to the first (numbers follow the years)."""
        return self.order_by("-number")


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1 for the first session."))
    code = models.CharField(
        _("code"), max_length=60, unique=True, validators=[symbol_validator], help_text=_("e.g. TD/B/EDE/1")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    venue = MultilingualField(_("venue"), blank=True, help_text=_("e.g. Palais des Nations"))
    city = MultilingualField(_("city"), blank=True)
    country = models.ForeignKey(
        Entity,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind__in": [Entity.Kind.STATE, Entity.Kind.TERRITORY]},
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["committee__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="session_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"code": self.code})

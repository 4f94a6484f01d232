"""The strategies a committee monitors: policy areas, measures, indicators and each member's status."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.multilingual import TITLE_MAX_LENGTH, MultilingualField, pick
from decisions.follow_up.models import Status


class Strategy(models.Model):
    """A strategy or roadmap whose implementation a committee monitors, measure by measure and member by member."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="strategies"
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short, for addresses and imports."))
    title = MultilingualField(_("title"), max_length=TITLE_MAX_LENGTH)
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
    title = MultilingualField(_("title"), max_length=TITLE_MAX_LENGTH)

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
    name = MultilingualField(_("indicator"), max_length=TITLE_MAX_LENGTH)
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

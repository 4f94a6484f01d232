"""A meeting as it happens: the item under discussion, the list of speakers, announcements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from meetings.programme.models import AgendaItem, Meeting


class LiveMeeting(models.Model):
    """A meeting as it happens: the item taken up, the list of speakers' state, the speaking time.

    Every change goes through `meetings.live`, which locks this row and raises `version`, so that two
    chairs acting at once apply one after the other, and a client can tell a newer state from an older.
    """

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="live")
    current_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("item taken up"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    list_open = models.BooleanField(_("list of speakers open"), default=True)
    speaking_time = models.PositiveIntegerField(
        _("speaking time (seconds)"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("live meeting")
        verbose_name_plural = _("live meetings")

    def __str__(self) -> str:
        return str(self.meeting)


class Speaker(models.Model):
    """A delegation on the list of speakers of a meeting, for the item then taken up; kept for the report."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Has the floor")
        SPOKE = "spoke", _("Spoke")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="speakers")
    entity = models.ForeignKey(Entity, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        related_name="speakers",
        null=True,
        blank=True,
    )
    point_of_order = models.BooleanField(_("point of order"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    position = models.PositiveIntegerField(_("place in the list"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("given the floor at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("list of speakers")
        ordering = ["meeting_id", "position", "pk"]

    def __str__(self) -> str:
        return str(self.entity)


class Announcement(models.Model):
    """A short notice posted during a meeting, shown to everyone watching it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="announcements"
    )
    text = models.CharField(_("text"), max_length=300)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.SET_NULL, related_name="+", null=True
    )
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["meeting_id", "-posted_at", "-pk"]

    def __str__(self) -> str:
        return self.text

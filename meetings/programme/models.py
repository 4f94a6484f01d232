"""A session's programme: its agendas, its meetings with their people and the documents taken up, its bureau."""

import datetime
import secrets
from string import ascii_lowercase
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Committee, Entity
from committee.kernel.fields import WebAddressField
from committee.kernel.multilingual import TITLE_MAX_LENGTH, MultilingualField, pick
from committee.kernel.outline import outline_order, validate_outline_parent
from documents.registry.models import Document
from meetings.sessions.models import Session


class Courtesy(models.TextChoices):
    """How a person is addressed; also gives the grammatical gender of French titles."""

    MR = "mr", _("Mr.")
    MS = "ms", _("Ms.")


UPCOMING_LISTED = 10  # coming meetings a page lists


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> "MeetingQuerySet":
        """From today on, in the server's time zone (a day's difference at the date line is acceptable here)."""
        return self.filter(date__gte=timezone.localdate())

    def on_day_or_undated(self, day: datetime.date) -> "MeetingQuerySet":
        """One day of a programme, and the meetings whose date is still to be announced."""
        return self.filter(Q(date=day) | Q(date__isnull=True))

    def with_programme(self) -> "MeetingQuerySet":
        """What a programme shows of each meeting (its documents, which depend on the reader, aside), by time, then
        in the order they were added where nothing else tells them apart (the same on every database)."""
        return (
            self.select_related("session", "committee")
            .prefetch_related(
                models.Prefetch("people", queryset=MeetingPerson.objects.select_related("entity")),
                models.Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("parent")),
            )
            .order_by(F("date").asc(nulls_last=True), F("start_time").asc(nulls_first=True), "position", "pk")
        )


class Meeting(models.Model):
    """A meeting of a body: within one of its sessions, or on its own (a dedicated discussion, a virtual
    meeting of a sub-committee)."""

    class Kind(models.TextChoices):
        OPENING_PLENARY = "opening_plenary", _("Opening plenary")
        PLENARY = "plenary", _("Plenary")
        CLOSING_PLENARY = "closing_plenary", _("Closing plenary")
        INFORMAL = "informal", _("Informal meeting")
        ROUND_TABLE = "round_table", _("Round table")
        SMALL_GROUP = "small_group", _("Small group")
        DEDICATED_DISCUSSION = "dedicated_discussion", _("Dedicated discussion")
        BRIEFING = "briefing", _("Briefing")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="meetings",
        null=True,
        blank=True,
        help_text=_("Empty for a meeting outside any session."),
    )
    key = models.SlugField(_("key"), max_length=60, help_text=_("Identifies the meeting within its session."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = MultilingualField(_("topic"), blank=True, max_length=TITLE_MAX_LENGTH)
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_link = WebAddressField(
        _("online link"), blank=True, help_text=_("For a meeting held online, or also online.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    agenda_items: "models.ManyToManyField[AgendaItem, Any]" = models.ManyToManyField(
        "AgendaItem", verbose_name=_("agenda items taken up"), related_name="meetings", blank=True
    )
    next_date = models.DateField(
        _("next meeting announced for"), null=True, blank=True, help_text=_("What the meeting announced at its end.")
    )
    next_topic = MultilingualField(_("topic announced for the next meeting"), blank=True, max_length=TITLE_MAX_LENGTH)
    sequence = models.PositiveIntegerField(
        _("revision sent"),
        default=0,
        help_text=_("Goes up with every change sent to calendars (iCalendar SEQUENCE)."),
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents"), related_name="meetings", blank=True, help_text=_("Taken up there.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(m2m_fields=[agenda_items, documents])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["session_id", "position"]  # as the secretariat lists them; a programme sorts by time
        constraints = [
            models.UniqueConstraint(
                fields=["session", "key"], condition=Q(session__isnull=False), name="meeting_unique_key"
            ),
            models.UniqueConstraint(
                fields=["committee", "key"],
                condition=Q(session__isnull=True),
                name="meeting_unique_key_outside_sessions",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=True) | Q(end_time__gte=F("start_time")),
                name="meeting_times_ordered",
            ),
        ]

    def __str__(self) -> str:
        return pick(self.title, get_language() or "en") or self.get_kind_display()

    def save(self, *args, **kwargs) -> None:
        if self.session_id is not None and self.committee_id is None:  # a session's meeting is its committee's
            self.committee_id = self.session.committee_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The meeting in its session's programme (on its day's page, where a long programme is shown a day at a
        time), or among its committee's coming meetings."""
        if self.session is None:
            return f"{self.committee.get_absolute_url()}#meeting-{self.pk}"
        day = f"?day={self.date.isoformat()}" if self.date else ""
        return f"{self.session.get_absolute_url()}{day}#meeting-{self.pk}"

    @property
    def time_zone(self) -> str:
        return self.session.time_zone if self.session is not None else self.committee.time_zone

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class MeetingPerson(models.Model):
    """Who leads or speaks at a meeting: its chair or facilitator, co-convenors, moderator, panellists."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        FACILITATOR = "facilitator", _("Facilitator")
        CO_CONVENOR = "co_convenor", _("Co-convenor")
        MODERATOR = "moderator", _("Moderator")
        PANELLIST = "panellist", _("Panellist")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    courtesy = models.CharField(_("courtesy title"), max_length=4, choices=Courtesy.choices, blank=True)
    name = models.CharField(_("name"), max_length=200)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("State or organization"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    function = models.CharField(_("function"), max_length=300, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("An invented person, for a demonstration: not a real one.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person of a meeting")
        verbose_name_plural = _("people of the meeting")
        ordering = ["meeting_id", "position"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class BureauMember(models.Model):
    """An officer of the session: who was elected, to which office, for which State, and when."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        VICE_CHAIR_RAPPORTEUR = "vice_chair_rapporteur", _("Vice-Chair-Rapporteur")

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="bureau")
    role = models.CharField(_("office"), max_length=30, choices=Role.choices)
    courtesy = models.CharField(_("courtesy title"), max_length=4, choices=Courtesy.choices)
    name = models.CharField(_("name"), max_length=200)
    state = models.ForeignKey(
        Entity,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind__in": [Entity.Kind.STATE, Entity.Kind.TERRITORY]},
    )
    elected_on = models.DateField(_("elected on"), null=True, blank=True)
    elected_at = models.ForeignKey(
        Meeting,
        verbose_name=_("elected at"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bureau member")
        verbose_name_plural = _("bureau")
        ordering = ["session_id", "position"]

    def __str__(self) -> str:
        return f"{self.get_courtesy_display()} {self.name} ({self.get_role_display()})"


class AgendaQuerySet(models.QuerySet["Agenda"]):
    def with_items(self) -> "AgendaQuerySet":
        """Agendas with their items in order, as `agenda.top_items`, each with its sub-items."""
        return self.select_related("adopted_at").prefetch_related(
            models.Prefetch(
                "items",
                queryset=AgendaItem.objects.filter(parent__isnull=True).prefetch_related("sub_items"),
                to_attr="top_items",
            )
        )


class Agenda(models.Model):
    class Kind(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional agenda")
        ADOPTED = "adopted", _("Adopted agenda")
        NEXT_SESSION = "next_session", _("Provisional agenda of the next session")

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="agendas")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.ForeignKey(
        Meeting, verbose_name=_("adopted at"), on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    as_amended = models.BooleanField(
        _("adopted as orally amended"), default=False, help_text=_("Rather than as proposed.")
    )
    history = HistoricalRecords()

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["session_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["session", "kind"], name="agenda_unique_kind")]

    def __str__(self) -> str:
        return f"{self.session} — {self.get_kind_display()}"

    @property
    def approved(self) -> bool:
        """For the next session's agenda: the session approved it (at a meeting, or on a day)."""
        return self.adopted_at_id is not None or self.adopted_on is not None


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def referable(self, session_id: int | None) -> "AgendaItemQuerySet":
        """The items documents and report sections point to.

        The top-level items of the session's adopted agenda, or of its provisional agenda until
        one is adopted: what the session file numbers too.
        """
        if session_id is None:  # every agenda is a session's
            return self.none()
        adopted = Agenda.objects.filter(session_id=session_id, kind=Agenda.Kind.ADOPTED).exists()
        kind = Agenda.Kind.ADOPTED if adopted else Agenda.Kind.PROVISIONAL
        return self.filter(agenda__session_id=session_id, agenda__kind=kind, parent__isnull=True).select_related(
            "agenda"
        )


class AgendaItem(models.Model):
    """A numbered item of an agenda, or a lettered sub-item of one."""

    class Purpose(models.TextChoices):
        # The procedural items every session takes up; the report writes their sections itself.
        SUBSTANTIVE = "", _("Substantive item")
        ELECTION_OF_OFFICERS = "election_of_officers", _("Election of officers")
        ADOPTION_OF_AGENDA = "adoption_of_agenda", _("Adoption of the agenda")
        NEXT_SESSION_AGENDA = "next_session_agenda", _("Provisional agenda of the next session")
        ADOPTION_OF_REPORT = "adoption_of_report", _("Adoption of the report")

    agenda = models.ForeignKey(Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", verbose_name=_("item"), on_delete=models.CASCADE, related_name="sub_items", null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("number"), help_text=_("1, 2, 3… among its siblings."))
    title = MultilingualField(_("title"), long=True, max_length=TITLE_MAX_LENGTH)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, blank=True)
    annotation = MultilingualField(
        _("annotation"),
        blank=True,
        long=True,
        help_text=_(
            "For a provisional agenda: what the item is about and the documents for it. A blank line starts "
            "a new paragraph; *asterisks* mark italics and [^text] a footnote."
        ),
    )
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Goes up with every saved change, so that two editors never overwrite each other."),
    )
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        related_name="agenda_items",
        blank=True,
        help_text=_("The registry's documents for the item."),
    )
    history = HistoricalRecords(m2m_fields=[documents])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda_id", *outline_order()]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda", "position"], condition=Q(parent__isnull=True), name="agenda_item_unique_number"
            ),
            models.UniqueConstraint(
                fields=["parent", "position"], condition=Q(parent__isnull=False), name="agenda_sub_item_unique_letter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda.get_kind_display()}, {self.display_number}. {pick(self.title, get_language() or 'en')}"

    def clean(self) -> None:
        validate_outline_parent(self, "agenda")

    @property
    def title_text(self) -> str:
        return pick(self.title, get_language() or "en")

    @property
    def letter(self) -> str:
        """The sub-item letter: a, b, … z, then aa, bb…"""
        index = self.position - 1
        return ascii_lowercase[index % 26] * (index // 26 + 1)

    @property
    def display_number(self) -> str:
        parent = self.parent
        return f"{parent.position} ({self.letter})" if parent is not None else str(self.position)


class AgendaSlot(models.Model):
    """A half-day of the proposed organization of work, and the agenda items taken up in it."""

    class Period(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")

    agenda = models.ForeignKey(Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="slots")
    date = models.DateField(_("date"))
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    items = models.ManyToManyField(
        AgendaItem,
        verbose_name=_("agenda items"),
        related_name="slots",
        blank=True,
        limit_choices_to={"parent__isnull": True},
    )
    note = MultilingualField(_("note"), blank=True, help_text=_("e.g. Opening plenary, Closing plenary."))
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("half-day of the organization of work")
        verbose_name_plural = _("organization of work")
        ordering = ["agenda_id", "date", "-period"]  # morning before afternoon
        constraints = [models.UniqueConstraint(fields=["agenda", "date", "period"], name="agenda_slot_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_period_display()}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar address: the meetings of all their committees, for a calendar program to
    subscribe to. A new address replaces the old one, which then stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("personal calendar")
        verbose_name_plural = _("personal calendars")

    def __str__(self) -> str:
        return str(self.user)

    def renew(self) -> None:
        self.token = _feed_token()
        self.save(update_fields=["token", "created_at"])

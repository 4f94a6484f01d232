"""A session's report: its drafted text, the comments of its review, and its archived versions."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from committee.kernel.markup import MARKUP_HELP
from committee.kernel.multilingual import (
    LANGUAGE_CHOICES,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    MultilingualField,
    pick,
)
from committee.kernel.outline import outline_order, validate_outline_parent
from documents.registry.generated import EXTENSIONS
from documents.registry.models import Document
from meetings.programme.models import AgendaItem
from meetings.sessions.models import Session


class Report(models.Model):
    """The session report's drafted text: the Chair's summary, in sections and paragraphs.

    The rest of the report (masthead, recommendations, organizational matters, annexes) is
    written from the session's data when the document is built.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review")
        FINALIZED = "finalized", _("Finalized")
        ISSUED = "issued", _("Issued")

    session = models.OneToOneField(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="report")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text=_("1 for the report as first finalized; each corrigendum adds one.")
    )
    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        on_delete=models.RESTRICT,
        related_name="report",
        null=True,
        blank=True,
        help_text=_("The registry entry that gives the report its symbol, date and original language."),
    )
    draft_document = models.OneToOneField(
        Document,
        verbose_name=_("draft's document"),
        on_delete=models.RESTRICT,
        related_name="draft_of",
        null=True,
        blank=True,
        help_text=_("The limited-distribution symbol (L) under which the draft circulates before adoption."),
    )
    volume = models.CharField(
        _("volume"),
        max_length=10,
        blank=True,
        help_text=_("For a report issued in volumes: this one's number, e.g. I."),
    )
    volume_note = MultilingualField(
        _("note on the volume"),
        blank=True,
        max_length=TITLE_MAX_LENGTH,
        help_text=_("e.g. The formal statements are summarized in volume II of this report."),
    )
    review_closes_at = models.DateTimeField(
        _("comments taken until"), null=True, blank=True, help_text=_("The end of the members' review.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(_("Report of %(session)s") % {"session": self.session})

    @property
    def is_locked(self) -> bool:
        """Finalized or issued: any change is a corrigendum, never an edit in place."""
        return self.status in (self.Status.FINALIZED, self.Status.ISSUED)

    @property
    def review_closed(self) -> bool:
        """Under review, but past its deadline: members no longer comment."""
        return self.review_closes_at is not None and timezone.now() > self.review_closes_at


class ReportSection(models.Model):
    """A section of the Chair's summary (A, B, C…), or a numbered subsection within one."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", verbose_name=_("section"), on_delete=models.CASCADE, related_name="subsections", null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = MultilingualField(_("title"), long=True, max_length=TITLE_MAX_LENGTH)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Goes up with every saved change, so that two editors never overwrite each other."),
    )
    numbered = models.BooleanField(
        _("numbered"), default=True, help_text=_("Lettered (sections) or numbered (subsections) in the report.")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        related_name="report_sections",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report_id", *outline_order()]

    def __str__(self) -> str:
        return pick(self.title, get_language() or "en")

    def clean(self) -> None:
        validate_outline_parent(self, "report")


class ReportParagraph(models.Model):
    """A paragraph of the Chair's summary. Its number in the report is computed, never stored."""

    section = models.ForeignKey(
        ReportSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = MultilingualField(_("text"), long=True, help_text=MARKUP_HELP)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Goes up with every saved change, so that two editors never overwrite each other."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report paragraph")
        verbose_name_plural = _("report paragraphs")
        ordering = ["section_id", "position"]
        constraints = [models.UniqueConstraint(fields=["section", "position"], name="report_paragraph_unique_position")]

    def __str__(self) -> str:
        return pick(self.text, get_language() or "en")[:80]


class Comment(models.Model):
    """A member's comment on a paragraph of the draft report under review, with the text it proposes."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        ANSWERED = "answered", _("Answered")

    paragraph = models.ForeignKey(
        ReportParagraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        Entity,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The delegation the author speaks for, as their role said when they wrote."),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    text = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    proposed_text = models.TextField(
        _("proposed text"), blank=True, max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(
        _("answer"), blank=True, max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["paragraph_id", "created_at"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def signed(self) -> str:
        """Who speaks: the delegation and the person's name; never their email address."""
        person = self.author.get_full_name() or self.author.get_username()
        return f"{self.on_behalf_of} ({person})" if self.on_behalf_of_id else person


def _archive_path(instance: "ArchivedReport", filename: str) -> str:
    """The archived file's name says what it is: its symbol, version, language and format."""
    symbol = (instance.symbol or f"report-{instance.report_id}").replace("/", "_")
    extension = EXTENSIONS.get(instance.format, instance.format)
    return f"reports/{symbol}/v{instance.version}/{symbol}.{instance.language}.{extension}"


class ArchivedReport(models.Model):
    """The report of one language as finalized, as a Word document, a PDF and Akoma Ntoso XML, each kept with its
    checksum; a corrigendum adds a version."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word")
        PDF = "pdf", _("PDF")
        AKN = "akn", "Akoma Ntoso"

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="archive")
    version = models.PositiveSmallIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.DOCX)
    symbol = models.CharField(_("symbol"), max_length=80, blank=True)
    file = models.FileField(_("file"), upload_to=_archive_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("finalized by"), on_delete=models.PROTECT, related_name="+"
    )
    finalized_at = models.DateTimeField(_("finalized at"), auto_now_add=True)

    class Meta:
        verbose_name = _("archived report")
        verbose_name_plural = _("archived reports")
        ordering = ["report_id", "-version", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version", "language", "format"], name="archived_report_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} v{self.version} ({self.language}, {self.format})"


class Waiver(models.Model):
    """A readiness check the secretariat lets a version of the report be finalized without, and why: the
    reason stays in the history (`documents.reports.readiness`)."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="waivers")
    version = models.PositiveSmallIntegerField(_("version"))
    item = models.CharField(_("check"), max_length=60)
    reason = models.TextField(_("reason"), max_length=1000, validators=[MaxLengthValidator(1000)])
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("waived by"), on_delete=models.PROTECT, related_name="+"
    )
    waived_at = models.DateTimeField(_("waived at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waived check")
        verbose_name_plural = _("waived checks")
        constraints = [
            models.UniqueConstraint(fields=["report", "version", "item"], name="one_waiver_per_check_and_version")
        ]

    def __str__(self) -> str:
        return f"{self.report}, v{self.version}: {self.item}"


class PendingSummaryImport(models.Model):
    """A Word document read into the Chair's summary, kept (in the database, for any worker to find) while the
    secretariat looks at what it would change, until it applies or discards it."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="pending_imports"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    filename = models.CharField(_("file name"), max_length=255)
    sections = models.JSONField(_("sections read"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Word document to import")
        verbose_name_plural = _("Word documents to import")
        ordering = ["report_id", "uploaded_at"]

    def __str__(self) -> str:
        return self.filename

"""The registry: documents with UN symbols, and their versions in each language."""

from pathlib import PurePosixPath

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from committee.kernel.multilingual import LANGUAGE_CHOICES, TITLE_MAX_LENGTH, MultilingualField
from committee.roles.access import Permission, can
from meetings.sessions.models import Session, symbol_validator


class DocumentQuerySet(models.QuerySet["Document"]):
    def readable_by(self, user, committee) -> "DocumentQuerySet":
        """The documents whose distribution lets `user` read them on `committee`.

        General: everyone who sees the committee; limited (drafts): not observers; restricted:
        the secretariat and the bureau. A restricted document stays restricted everywhere.
        """
        allowed = []
        if can(user, Permission.VIEW, committee):
            allowed.append(Document.Distribution.GENERAL)
        if can(user, Permission.VIEW_LIMITED, committee):
            allowed.append(Document.Distribution.LIMITED)
        if can(user, Permission.VIEW_RESTRICTED, committee):
            allowed.append(Document.Distribution.RESTRICTED)
        return self.filter(distribution__in=allowed)


class Document(models.Model):
    class Kind(models.TextChoices):
        PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
        REPORT = "report", _("Session report")
        LIST_OF_PARTICIPANTS = "list_of_participants", _("List of participants")
        NOTE_BY_SECRETARIAT = "note_by_secretariat", _("Note by the secretariat")
        DRAFT_REPORT = "draft_report", _("Draft report")
        PROGRESS_REPORT = "progress_report", _("Progress report")
        OTHER = "other", _("Other")

    class Distribution(models.TextChoices):
        GENERAL = "general", _("General")
        LIMITED = "limited", _("Limited")
        RESTRICTED = "restricted", _("Restricted")

    symbol = models.CharField(_("symbol"), max_length=80, unique=True, validators=[symbol_validator])
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="documents", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    title = MultilingualField(_("title"), long=True, max_length=TITLE_MAX_LENGTH)
    distribution = models.CharField(
        _("distribution"), max_length=20, choices=Distribution.choices, default=Distribution.GENERAL
    )
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("modifies"),
        on_delete=models.PROTECT,
        related_name="modifications",
        null=True,
        blank=True,
        help_text=_("For an addendum, corrigendum or revision: the document it adds to, corrects or revises."),
    )
    submitted_by = models.ManyToManyField(
        Entity,
        verbose_name=_("submitted by"),
        related_name="submissions",
        blank=True,
        help_text=_(
            "The member or members that submit it (a proposal, a joint proposal); empty for the secretariat's."
        ),
    )
    history = HistoricalRecords(m2m_fields=[submitted_by])
    # Its agenda items and meetings are AgendaItem.documents and Meeting.documents, in the programme above.

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["symbol"]

    def __str__(self) -> str:
        return self.symbol


def _language_file_path(instance: "DocumentFile", filename: str) -> str:
    safe_symbol = instance.document.symbol.replace("/", "_")
    suffix = PurePosixPath(filename).suffix.lower()
    return f"documents/{safe_symbol}/{safe_symbol}.{instance.language}{suffix}"


class DocumentFile(models.Model):
    """A document's version in one language."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to=_language_file_path)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document_id", "language"]
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="document_file_unique_language")]

    def __str__(self) -> str:
        return f"{self.document.symbol} ({self.language})"

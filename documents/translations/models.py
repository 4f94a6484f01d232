"""A document's drafted text sent for translation into one language, and what came back.

Each export records the units (paragraphs, titles) as they were sent, by a digest of their original text; each
import records, per unit placed, the digest of the original its translation was made from. A language's status
follows from the latest round and the document's text now: a unit whose original changed since its translation
was placed makes the language outdated.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import LANGUAGE_CHOICES
from documents.registry.models import Document


class TranslationRoundQuerySet(models.QuerySet["TranslationRound"]):
    def latest_by_language(self, document: Document) -> dict[str, "TranslationRound"]:
        """The latest round of `document` in each language it was sent for."""
        latest: dict[str, TranslationRound] = {}
        for round_ in self.filter(document=document).order_by("language", "-sent_at", "-pk"):
            latest.setdefault(round_.language, round_)
        return latest


class TranslationRound(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="translation_rounds"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    source_language = models.CharField(_("original language"), max_length=2, choices=LANGUAGE_CHOICES)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    units = models.JSONField(_("units sent"), default=dict, help_text=_("Digest of each unit's original, by unit."))
    placed = models.JSONField(
        _("units placed"), default=dict, help_text=_("Digest of the original each placed translation was made from.")
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Who translated it, e.g. for a demo."))

    objects = TranslationRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation round")
        verbose_name_plural = _("translation rounds")
        ordering = ["document_id", "language", "-sent_at"]

    def __str__(self) -> str:
        return f"{self.document.symbol} → {self.language}"

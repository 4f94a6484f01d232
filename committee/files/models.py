"""Every file the app keeps lives in the database, in the row of `StoredFile` that its name points to.

Why the database and not a disk: every worker on every machine sees the same files, a backup of the database holds
them, and a file is written in the transaction of the row that names it, so a rollback leaves no file behind.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

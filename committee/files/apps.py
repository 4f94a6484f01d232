from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "committee.files"
    verbose_name = _("Stored files: archived reports, language versions and evidence, kept in the database")

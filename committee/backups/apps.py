from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    name = "committee.backups"
    verbose_name = _("Backup and restore of everything the secretariat keeps")

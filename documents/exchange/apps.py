from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "documents.exchange"
    verbose_name = _("Session files and the demo")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernelConfig(AppConfig):
    name = "committee.kernel"
    verbose_name = _("What serves every app: text in six languages, safe editing, spreadsheets, uploads, collation")

    def ready(self) -> None:
        from committee.kernel.page_cache import watch_writes

        watch_writes()

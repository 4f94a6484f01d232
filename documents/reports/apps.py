from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "documents.reports"
    verbose_name = _("Session reports")

    def ready(self) -> None:
        from documents.reports import sections  # noqa: F401 - its sections join the session's page
        from documents.reports.generators import register_generators

        register_generators()

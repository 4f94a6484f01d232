from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "documents.registry"
    verbose_name = _("Documents and symbols")

    def ready(self) -> None:
        from documents.registry.jobs import register_jobs

        register_jobs()

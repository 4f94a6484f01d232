from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "documents.translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from documents.translations.jobs import register_jobs

        register_jobs()

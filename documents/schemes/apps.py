from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "documents.schemes"
    verbose_name = _("Report schemes")

    def ready(self) -> None:
        from documents.schemes import sections  # noqa: F401 - its link joins the committee's page

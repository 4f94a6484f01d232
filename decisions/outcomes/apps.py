from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "decisions.outcomes"
    verbose_name = _("Decisions and recommendations")

    def ready(self) -> None:
        from decisions.outcomes import sections  # noqa: F401 - its section joins the proceedings page

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "decisions.strategies"
    verbose_name = _("Strategies and their monitoring")

    def ready(self) -> None:
        from decisions.strategies import sections  # noqa: F401 - its sections join the pages below
        from decisions.strategies.jobs import register_jobs

        register_jobs()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "meetings.proceedings"
    verbose_name = _("Proceedings")

    def ready(self) -> None:
        from meetings.proceedings import sections  # noqa: F401 - its section joins the session page

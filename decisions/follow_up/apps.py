from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "decisions.follow_up"
    verbose_name = _("Follow-up of decisions")

    def ready(self) -> None:
        from decisions.follow_up import sections  # noqa: F401 - its sections join the pages below

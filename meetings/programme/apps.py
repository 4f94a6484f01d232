from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "meetings.programme"
    verbose_name = _("Agendas, meetings and the bureau")

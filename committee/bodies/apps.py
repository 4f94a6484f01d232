from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "committee.bodies"
    verbose_name = _("Committees and the entities that take part")

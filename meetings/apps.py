from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Sessions and meetings")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from committee.models import Role
        from meetings.events import roles_changed

        post_save.connect(roles_changed, sender=Role, dispatch_uid="meetings.roles_changed.save")
        post_delete.connect(roles_changed, sender=Role, dispatch_uid="meetings.roles_changed.delete")

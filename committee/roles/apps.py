from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "committee.roles"
    verbose_name = _("Roles and invitations")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from committee.roles.models import Role
        from committee.roles.watchers import roles_changed

        post_save.connect(roles_changed, sender=Role, dispatch_uid="roles.roles_changed.save")
        post_delete.connect(roles_changed, sender=Role, dispatch_uid="roles.roles_changed.delete")

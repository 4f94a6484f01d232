"""Which committees a reader may read what on: the pages' rules (committee/roles/access.py), for querysets."""

from django.contrib.auth.models import AnonymousUser, User

from committee.bodies.models import Committee
from committee.roles.access import Permission, can
from documents.registry.models import Document


def committees_where(user: User | AnonymousUser, permission: Permission) -> list[int]:
    """The committees on which `user` has `permission` (for VIEW: the public ones too)."""
    return [committee.pk for committee in Committee.objects.all() if can(user, permission, committee)]


def readable_distributions(user: User | AnonymousUser) -> dict[str, list[int]]:
    """For each distribution of documents, the committees on which `user` may read it."""
    return {
        Document.Distribution.GENERAL: committees_where(user, Permission.VIEW),
        Document.Distribution.LIMITED: committees_where(user, Permission.VIEW_LIMITED),
        Document.Distribution.RESTRICTED: committees_where(user, Permission.VIEW_RESTRICTED),
    }

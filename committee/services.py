"""Writes about committees and the people who work on them."""

from django.contrib.auth.models import AbstractUser, Permission

from committee.models import Committee, Role

SECRETARIAT_APPS = ("committee", "meetings", "decisions", "documents")


def grant_secretariat_access(user: AbstractUser, committee: Committee) -> None:
    """Make `user` the secretariat of `committee` and every body below it, with its administration screens."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))
    Role.objects.update_or_create(
        user=user, committee=committee, kind=Role.Kind.SECRETARIAT, defaults={"includes_subcommittees": True}
    )

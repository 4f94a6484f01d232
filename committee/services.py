"""Writes about committees and the people who work on them."""

from django.contrib.auth.models import AbstractUser, Permission

SECRETARIAT_APPS = ("committee", "meetings", "decisions", "documents")


def grant_secretariat_access(user: AbstractUser) -> None:
    """Let `user` manage every committee's data through the administration screens."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))

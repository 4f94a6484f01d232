"""Telling a person something inside the app."""

from django.contrib.auth.models import User

from committee.notifications.models import Notification


def notify(*, user: User, message: str, url: str = "") -> Notification:
    """Tell `user` something in the app (the notifications page and the count in the menu)."""
    return Notification.objects.create(user=user, message=message[:500], url=url)

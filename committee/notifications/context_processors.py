from django.http import HttpRequest


def unread_notifications(request: HttpRequest) -> dict:
    """How many notifications the signed-in person has not seen, for the menu (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count()}

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from committee.kernel.http import AuthenticatedHttpRequest


@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's notifications, newest first; opening the page marks them read."""
    items = list(request.user.notifications.all()[:100])
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "notifications/notifications.html", {"notifications": items})

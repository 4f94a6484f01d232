"""The request a signed-in view receives (behind `login_required`), typed with its user; the health check."""

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse


class AuthenticatedHttpRequest(HttpRequest):
    """For annotations only: `login_required` lets through no anonymous user."""

    user: User


def healthz(request: HttpRequest) -> HttpResponse:
    """The worker is alive and serving: for the proxy in front of it and for monitoring. It reads nothing, so a
    database or Redis outage does not take every worker out of the proxy's rotation at once."""
    return HttpResponse("ok", content_type="text/plain")

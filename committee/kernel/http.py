"""The request a signed-in view receives (behind `login_required`), typed with its user."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """For annotations only: `login_required` lets through no anonymous user."""

    user: User

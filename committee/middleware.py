"""Secretariat staff turn on two-factor authentication before they can do anything else; a signed-out
visitor refused a page is asked to sign in."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from committee.access import SignInRequired, holds_anywhere
from committee.models import Role

# What a person without an authenticator may still reach: the account pages that set one up.
ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/")


def require_mfa_for_secretariat(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_SECRETARIAT
            and request.user.is_authenticated
            and not request.path.startswith(ALWAYS_ALLOWED)
            and holds_anywhere(request.user, Role.Kind.SECRETARIAT)
            and not is_mfa_enabled(request.user)
        ):
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware


def sign_in_when_refused(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Pages open to the public check access themselves: where they refuse a signed-out visitor, sign in first."""

    def middleware(request: HttpRequest) -> HttpResponse:
        return get_response(request)

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SignInRequired):
            return redirect_to_login(request.get_full_path())
        return None

    middleware.process_exception = process_exception
    return middleware

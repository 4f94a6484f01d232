"""Secretariat staff turn on two-factor authentication before they can do anything else; a signed-out
visitor refused a page is asked to sign in."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from committee.roles.access import SignInRequired, holds_anywhere
from committee.roles.models import Role

# What a person without an authenticator may still reach: the account pages that set one up.
ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/")
# The pages of committees, sessions, meetings and documents, whose existence a signed-out visitor may not learn.
PAGES_THAT_HIDE = ("/committees/", "/sessions/", "/meetings/", "/documents/")


def lacks_second_factor(user) -> bool:
    """A secretariat member who must, and does not yet, use two-factor authentication: they may do nothing else."""
    return (
        settings.MFA_REQUIRED_FOR_SECRETARIAT
        and user.is_authenticated
        and holds_anywhere(user, Role.Kind.SECRETARIAT)
        and not is_mfa_enabled(user)
    )


def require_mfa_for_secretariat(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(ALWAYS_ALLOWED) and lacks_second_factor(request.user):
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware


def sign_in_when_refused(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Pages open to the public check access themselves: where they refuse a signed-out visitor, sign in first."""

    def middleware(request: HttpRequest) -> HttpResponse:
        return get_response(request)

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Signed out, what does not exist and what is not shown look alike: both ask to sign in.
        hidden = isinstance(exception, Http404) and not request.user.is_authenticated
        if isinstance(exception, SignInRequired) or (hidden and request.path.startswith(PAGES_THAT_HIDE)):
            return redirect_to_login(request.get_full_path())
        return None

    middleware.process_exception = process_exception  # type: ignore[attr-defined]  # Django looks for it there
    return middleware

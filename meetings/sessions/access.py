"""Fetching a session for a person, and checking what they may do with it, in one step for every view."""

from django.contrib.auth.models import AnonymousUser, User
from django.shortcuts import get_object_or_404

from committee.roles.access import Permission, check
from meetings.sessions.models import Session


def get_session_for_user(user: User | AnonymousUser, code: str, *, need: Permission = Permission.VIEW) -> Session:
    """The session of `code` (its committee loaded), if `user` may do `need` on its committee: 404 for what one
    may not see, 403 for what one sees but may not do, the sign-in page for a signed-out visitor."""
    session = get_object_or_404(Session.objects.select_related("committee"), code=code)
    check(user, need, session.committee)
    return session

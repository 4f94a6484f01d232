"""How accounts behave here: nobody signs up uninvited."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

PENDING_INVITATION = "pending_invitation"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are created from a secretariat's invitation, not by anyone who finds the site."""
        return bool(request.session.get(PENDING_INVITATION))

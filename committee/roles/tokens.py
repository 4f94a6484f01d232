"""Personal API tokens: made, used and revoked by their owner (the Security page), read by the API's
authentication. A key is 43 random URL-safe characters after "rpt_"; only its SHA-256 digest is stored (its
randomness makes a slow hash needless), so a stolen database gives no key."""

import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.roles.models import ApiToken

PREFIX = "rpt_"
MOST_TOKENS = 20  # a person's tokens at once


class TokenError(Exception):
    pass


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`, and its key (shown this once, never stored)."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)  # two at once count each other
        if ApiToken.objects.filter(user=user).count() >= MOST_TOKENS:
            raise TokenError(
                _("You have %(count)d tokens already: revoke one you no longer use first.") % {"count": MOST_TOKENS}
            )
        key = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(user=user, name=name.strip()[:100], digest=_digest(key), prefix=key[:12])
    return token, key


def revoke_token(user: User, pk: int) -> ApiToken:
    """Delete `user`'s token `pk`: a script that holds its key reads nothing more."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(user=user, pk=pk).first()
        if token is None:
            raise TokenError(_("That token does not exist, or is not yours."))
        token.delete()
    return token


def user_for_key(key: str) -> User | None:
    """The active owner of the token whose key is `key`, its last use recorded (at most once a day: a date, and
    no write on every request)."""
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return token.user

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from committee.roles.tokens import user_for_key


class PersonalTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`, a personal token made on the Security page: the script reads as its owner."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Give the token after Bearer, and nothing else.")
        user = user_for_key(header[1].decode("ascii", "replace"))
        if user is None:
            raise AuthenticationFailed("This token is unknown or revoked.")
        return user, None

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal token from the Security page."}

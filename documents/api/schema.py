"""The schema of every operation says the errors it may answer, as they are answered: a client is told what to
expect, and schemathesis checks that nothing else comes."""

from drf_spectacular.openapi import AutoSchema

_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELDS = {
    "type": "object",
    "description": "For each parameter refused, why.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    "400": ("A parameter is not as it should be.", _FIELDS),
    "401": ("The token is unknown or revoked (WWW-Authenticate says how to authenticate).", _DETAIL),
    "404": ("Nothing of that name that the reader may read, or a page past the last.", _DETAIL),
    "429": ("Too many requests: Retry-After says in how many seconds to try again.", _DETAIL),
}


class ReadSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, (description, body) in ERRORS.items():
            responses.setdefault(code, {"description": description, "content": {"application/json": {"schema": body}}})
        return responses

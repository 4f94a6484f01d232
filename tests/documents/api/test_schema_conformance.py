"""Schemathesis against the API's own schema: every endpoint, with data drawn from the schema, answers without a
server error and as the schema says (status codes, content types, bodies, headers), for a visitor and for a
member's token."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from committee.roles.models import Role
from committee.roles.tokens import create_token
from config.wsgi import application


def _served_schema() -> dict:
    """The schema /api/schema/ serves, made from the code alone: no request at collection, which would open a
    database connection (and its pool) before the test database exists."""
    made = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(made, renderer_context={}))


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = application


@pytest.fixture(autouse=True)
def _the_tests_connection_stays_open():
    """Schemathesis calls the WSGI application itself, whose requests close the database connection when they end
    (a pooled one goes back to the pool mid-transaction): as Django's test client does, not while testing."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def session(db, django_capture_on_commit_callbacks):
    """The small session of tests.builders, its committee public, indexed: every endpoint has something to say."""
    import json

    from documents.exchange.session_file.load import import_session
    from tests.builders import make_session_file

    data = make_session_file()
    for committee in data["committees"]:
        committee["public"] = True
    with django_capture_on_commit_callbacks(execute=True):
        import_session(json.dumps(data))


@pytest.fixture
def member_token(django_user_model) -> dict[str, str]:
    from committee.bodies.models import Committee

    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-password")
    Role.objects.create(user=member, committee=Committee.objects.get(code="GROUP"), kind=Role.Kind.MEMBER)
    return {"Authorization": f"Bearer {create_token(member, 'schemathesis')[1]}"}


CHECKS = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@CHECKS
def test_every_endpoint_answers_a_visitor_as_its_schema_says(case):
    case.call_and_validate()


@schema.parametrize()
@CHECKS
def test_every_endpoint_answers_a_members_token_as_its_schema_says(case, member_token):
    case.call_and_validate(headers=member_token)

"""A role on a body reaches the bodies below it, down any number of levels, only when it says so."""

import pytest

from committee.bodies.models import Committee
from committee.roles.access import Permission, can, holders
from committee.roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """A commission, its committee and the committee's working party: three levels."""
    commission = Committee.objects.create(code="COM", kind="committee", name={"en": "The Commission"})
    committee = Committee.objects.create(code="COM-C", kind="committee", parent=commission, name={"en": "Committee"})
    party = Committee.objects.create(code="COM-WP", kind="committee", parent=committee, name={"en": "Working Party"})
    return commission, committee, party


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("person", "person@example.org", "a-long-password")


@pytest.mark.parametrize("extended", [True, False])
def test_a_role_on_the_grandparent_reaches_the_grandchild_only_when_extended(client, tree, person, extended):
    commission, committee, party = tree
    Role.objects.create(user=person, committee=commission, kind=Role.Kind.MEMBER, includes_subcommittees=extended)
    client.force_login(person)

    assert can(person, Permission.VIEW, party) is extended
    assert can(person, Permission.VIEW, committee) is extended
    assert can(person, Permission.VIEW, commission) is True
    assert client.get(party.get_absolute_url()).status_code == (200 if extended else 404)
    assert client.get(commission.get_absolute_url()).status_code == 200


def test_a_role_on_the_middle_body_does_not_reach_up(tree, person):
    commission, committee, party = tree
    Role.objects.create(user=person, committee=committee, kind=Role.Kind.MEMBER, includes_subcommittees=True)

    assert (can(person, Permission.VIEW, commission), can(person, Permission.VIEW, party)) == (False, True)


@pytest.mark.parametrize("extended", [True, False])
def test_holders_include_the_grandparents_secretariat_only_when_extended(tree, person, django_user_model, extended):
    commission, _committee, party = tree
    Role.objects.create(user=person, committee=commission, kind=Role.Kind.SECRETARIAT, includes_subcommittees=extended)
    local = django_user_model.objects.create_user("local", "local@example.org", "a-long-password")
    Role.objects.create(user=local, committee=party, kind=Role.Kind.SECRETARIAT)
    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-password")
    Role.objects.create(user=member, committee=commission, kind=Role.Kind.MEMBER, includes_subcommittees=True)

    managers = set(holders(Permission.MANAGE, party).values_list("username", flat=True))

    assert managers == ({"person", "local"} if extended else {"local"})
    assert set(holders(Permission.MANAGE, commission).values_list("username", flat=True)) == {"person"}
    assert set(holders(Permission.VIEW, party).values_list("username", flat=True)) == (
        {"person", "local", "member"} if extended else {"local", "member"}
    )

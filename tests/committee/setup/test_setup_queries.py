"""The set-up pages take the same number of queries whatever the body's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.bodies.models import Entity, Membership

pytestmark = pytest.mark.django_db

PAGES = {
    # The request's session, user, roles and two-factor device, the committee, its hierarchy, the unread
    # notifications, then each page's own reads.
    "setup:membership": 9,  # the memberships with their entities; the entities to add (one select)
    "setup:committee_settings": 10,  # the bodies it may sit below, the organizations that may be its secretariat
    "sessions:new_session": 9,  # the next number; the States of the venue
}


@pytest.mark.parametrize("page", PAGES)
def test_a_setup_page_takes_the_same_queries_with_ten_times_the_members(client, small_session, secretariat, page):
    client.force_login(secretariat)
    committee = small_session.committee
    states = Entity.objects.filter(kind=Entity.Kind.STATE).exclude(memberships__committee=committee)
    counts = []
    for members in (2, 20):
        Membership.objects.bulk_create(
            Membership(committee=committee, entity=state) for state in states[: members - committee.memberships.count()]
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(page, kwargs={"code": committee.code}))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts == [PAGES[page], PAGES[page]], counts


def test_the_organizations_page_takes_the_same_queries_with_ten_times_the_organizations(
    client, small_session, secretariat
):
    client.force_login(secretariat)
    counts = []
    for total in (2, 20):
        Entity.objects.bulk_create(
            Entity(code=f"ORG{n}", kind="organization", organization_type="ngo_general", name={"en": f"Org {n}"})
            for n in range(Entity.objects.filter(kind="organization").count(), total)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("setup:organizations"))
        assert response.content.decode().count("/organizations/ORG") == total - 2
        counts.append(len(queries))
    assert counts == [6, 6], counts

"""Who the history records: the person a service acts for, wherever it runs, and no one else afterwards."""

import pytest
from simple_history.models import HistoricalRecords

from committee.kernel.audit import acting_as
from committee.roles.models import Role

pytestmark = pytest.mark.django_db


def test_the_history_records_the_person_acting_and_forgets_them_after(small_session, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", "clerk@example.org", "a-long-password")
    chair = django_user_model.objects.create_user("chair", "chair@example.org", "a-long-password")

    with acting_as(clerk):
        role = Role.objects.create(user=chair, committee=small_session.committee, kind="member")
        with acting_as(chair):
            role.kind = "chair"
            role.save()
        role.kind = "rapporteur"
        role.save()
        with acting_as(None):  # the system acting inside someone's change keeps that person
            role.save()
    role.save()

    authors = [row.history_user for row in role.history.order_by("history_id")]
    assert authors == [clerk, chair, clerk, clerk, None]
    assert not hasattr(HistoricalRecords.context, "request")

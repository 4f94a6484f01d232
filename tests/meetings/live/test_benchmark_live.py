"""`manage.py benchmark_live` leaves the database it is pointed at as it found it: the account that changes the list
of speakers exists for the run only (chair of the committee, nothing more), whether the run ends or fails, and the
meeting's own list of speakers is kept."""

import json
import os
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from committee.bodies.models import Committee, Entity
from committee.roles.models import Role
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.live.management.commands import benchmark_live
from meetings.live.models import Speaker
from meetings.programme.models import Meeting
from tests.meetings.programme.test_programme import programme_file

User = get_user_model()


@pytest.fixture
def public_meeting() -> Meeting:
    session = import_session(read_session_file(json.dumps(programme_file())))
    Committee.objects.filter(pk=session.committee_id).update(is_public=True)
    return Meeting.objects.filter(session=session).order_by("pk").first()


def what_is_stored() -> dict:
    return {
        "users": sorted(User.objects.values_list("username", flat=True)),
        "roles": Role.objects.count(),
        "role history": Role.history.count(),
        "speakers": sorted(Speaker.objects.values_list("pk", flat=True)),
        "speaker history": Speaker.history.count(),
    }


@pytest.mark.django_db
def test_a_run_that_fails_midway_leaves_no_account(public_meeting, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # never reached: the run fails before it measures anything
    # A harmless server on each port instead of daphne, terminated as daphne would be.
    monkeypatch.setitem(benchmark_live.SERVERS, "daphne", lambda port: ["http.server", "-b", "127.0.0.1", str(port)])
    chairs = []

    async def broken(self, ports, meeting, chair, entities, clients, changes):
        chairs.append(chair)
        raise RuntimeError("the benchmark broke")

    monkeypatch.setattr(benchmark_live.Command, "through_websockets", broken)
    before = what_is_stored()

    with pytest.raises(RuntimeError, match="the benchmark broke"):
        call_command("benchmark_live", clients=3, changes=2)

    assert what_is_stored() == before
    assert not User.objects.filter(username__startswith="benchmark").exists()
    (chair,) = chairs  # the run had its account, and what an account it was:
    assert not chair.is_superuser
    assert not chair.is_staff
    assert not chair.has_usable_password()


@pytest.mark.skipif(
    not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith("postgres")),
    reason="the servers it starts need Redis and a database they share with the test: CI's second run",
)
@pytest.mark.django_db(transaction=True)  # the servers, other processes, read what the test wrote
@pytest.mark.usefixtures("countries")
def test_a_whole_run_leaves_the_database_as_it_found_it(public_meeting, monkeypatch, capsys):
    from tests.test_database_connections import database_url

    monkeypatch.setenv("DATABASE_URL", database_url())  # the servers' database: the test's
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    waiting = Speaker.objects.create(meeting=public_meeting, entity=Entity.objects.get(code="FRA"), position=1)
    before = what_is_stored()

    call_command("benchmark_live", clients=3, changes=2, server="uvicorn")

    assert "AIM live 3 clients x1: median" in capsys.readouterr().out
    assert what_is_stored() == before
    assert not User.objects.filter(username__startswith="benchmark").exists()
    assert Speaker.objects.get(pk=waiting.pk).status == Speaker.Status.WAITING  # the meeting's own request

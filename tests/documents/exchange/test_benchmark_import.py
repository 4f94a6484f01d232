"""`manage.py benchmark_import`: the demo's session file, and ten times it, imported and rolled back."""

import pytest
from django.core.management import call_command

from meetings.sessions.models import Session
from tests.documents.exchange.test_session_file import table_counts


@pytest.mark.django_db
@pytest.mark.usefixtures("countries")
def test_it_prints_the_import_s_figures_and_aims_and_keeps_nothing(capsys):
    before = table_counts()

    call_command("benchmark_import", runs=1)

    output = capsys.readouterr().out
    assert "AIM import 1x: " in output
    assert "AIM import 10x: " in output
    assert "(aim < 200 queries, < 1 s) ok" in output  # on SQLite, the queries' aim only
    assert table_counts() == before
    assert not Session.objects.exists()

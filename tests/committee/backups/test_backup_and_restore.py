"""A backup restores, into a fresh database, the same secretariat: its sessions exported alike, and every archived
report as it was finalized (its SHA-256 checked). Under both databases: the embedded SQLite and PostgreSQL."""

import hashlib
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from documents.exchange.session_file.dump import dumps, export_session
from documents.registry.models import Document, DocumentFile
from documents.reports.models import ArchivedReport, Report
from documents.reports.services import finalize_report
from tests.test_database_connections import ROOT, database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("countries")]


@pytest.fixture
def fresh_database(tmp_path):
    """The DATABASE_URL of a database with nothing in it, dropped after the test."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    server = database_url().replace(f"/{connection.settings_dict['NAME']}?", "/postgres?")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield database_url().replace(f"/{connection.settings_dict['NAME']}?", f"/{name}?")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database: str, *arguments: str) -> str:
    environment = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_a_backup_restores_into_a_fresh_database_an_identical_secretariat(
    cast, small_session, tmp_path, fresh_database
):
    finalize_report(report=Report.objects.get(session=small_session), by=cast["rapporteur"])
    version = DocumentFile(document=Document.objects.get(symbol="TST/G/2/1"), language="fr")
    version.file.save("ordre-du-jour.pdf", ContentFile(b"%PDF-1.7 ordre du jour"))
    exported = dumps(export_session(small_session))
    archived = {entry.file.name: entry.sha256 for entry in ArchivedReport.objects.all()}
    backup = tmp_path / "rapporteur.backup"

    call_command("backup", output=backup)
    said = manage(fresh_database, "restore", str(backup), "--no-input")
    again = manage(fresh_database, "export_session", "TST/G/2")
    checksums = manage(
        fresh_database,
        "shell",
        "--verbosity=0",
        "-c",
        "import hashlib; from documents.reports.models import ArchivedReport as A\n"
        "for a in A.objects.order_by('pk'): print(a.file.name, a.sha256, hashlib.sha256(a.file.read()).hexdigest())",
    )

    assert again == exported
    assert len(archived) == 3  # Word, PDF and Akoma Ntoso
    for line in checksums.splitlines():
        name, recorded, computed = line.split()
        assert recorded == computed == archived[name]
    assert sorted(line.split()[0] for line in checksums.splitlines()) == sorted(archived)
    assert "4 stored files" in said  # the archived report in three formats, and an uploaded version
    assert "each checked against its SHA-256" in said
    with version.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == hashlib.sha256(b"%PDF-1.7 ordre du jour").hexdigest()


def test_a_backup_never_overwrites_and_a_restore_refuses_what_is_not_a_backup(small_session, tmp_path):
    existing = tmp_path / "existing.backup"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=existing)
    assert existing.read_bytes() == b"keep me"

    with pytest.raises(CommandError, match="is not a backup of"):
        call_command("restore", str(existing), interactive=False)
    made = tmp_path / "made.backup"
    call_command("backup", output=made)
    assert made.stat().st_mode & 0o077 == 0  # it holds every account: its owner's alone
    with pytest.raises(CommandError, match="is not empty: restore into a new database"):
        call_command("restore", str(made), interactive=False)
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False)
    assert Document.objects.filter(symbol="TST/G/2/1").exists()  # nothing was touched

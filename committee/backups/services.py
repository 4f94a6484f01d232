"""A backup is the whole database in one file: its rows and, since files are rows too (committee.files), every
archived report, language version and piece of evidence. On PostgreSQL it is pg_dump's custom format (restored by
pg_restore); under the embedded defaults, a copy of the SQLite database made by SQLite's own online backup."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections

from committee.files.models import StoredFile
from committee.kernel.page_cache import data_changed

POSTGRESQL_DUMP = b"PGDMP"
SQLITE_DATABASE = b"SQLite format 3\x00"


class BackupError(Exception):
    """The backup or the restore cannot be done; the message says why."""


@dataclass(frozen=True)
class Checked:
    files: int
    size: int
    damaged: list[str]  # names of the stored files whose content no longer has the checksum recorded with it


def back_up(output: Path) -> None:
    """Write the backup to `output`, a new file that only its owner may read (it holds every account)."""
    os.close(os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(output)])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of a {connection.vendor} database are not supported.")


def is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(source: Path, *, replace: bool = False) -> None:
    """Put what the backup holds into the database, which must be empty unless `replace` (then everything in it
    goes first). The schema is the backup's: migrate after."""
    try:
        with source.open("rb") as backup:
            start = backup.read(16)
    except OSError as error:
        raise BackupError(f"{source} cannot be read: {error.strerror}.") from None
    if connection.vendor == "postgresql":
        if not start.startswith(POSTGRESQL_DUMP):
            raise BackupError(f"{source} is not a backup of a PostgreSQL database (made by `backup` or pg_dump -Fc).")
        _make_room(replace)
        connections.close_all()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
              "--dbname", connection.settings_dict["NAME"], str(source)])  # fmt: skip
    elif connection.vendor == "sqlite":
        if start != SQLITE_DATABASE:
            raise BackupError(f"{source} is not a backup of an SQLite database (made by `backup`).")
        _make_room(replace)  # SQLite's backup replaces the whole database anyway: asked all the same
        connection.ensure_connection()
        stored = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            stored.backup(connection.connection)
        finally:
            stored.close()
    else:
        raise BackupError(f"Restoring a {connection.vendor} database is not supported.")
    data_changed()  # written around the connections the page cache watches: no page kept before stands


def _make_room(replace: bool) -> None:
    if is_empty():
        return
    if not replace:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: restore into a new database "
            "(createdb), or give --replace to drop everything in this one first."
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def check_stored_files() -> Checked:
    """Read every stored file back and compare it with the checksum recorded when it was stored."""
    files = size = 0
    damaged = []
    for pk in StoredFile.objects.order_by("name").values_list("pk", flat=True).iterator():
        name, content, sha256 = StoredFile.objects.values_list("name", "content", "sha256").get(pk=pk)
        files += 1
        size += len(content)
        if hashlib.sha256(content).hexdigest() != sha256:
            damaged.append(name)
    return Checked(files=files, size=size, damaged=damaged)


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client on the database of the settings, its password in the environment, not the command."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    settings = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": str(settings["HOST"] or ""),
        "PGPORT": str(settings["PORT"] or ""),
        "PGUSER": str(settings["USER"] or ""),
        "PGPASSWORD": str(settings["PASSWORD"] or ""),
        "PGDATABASE": str(settings["NAME"]),
    }
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip()}")

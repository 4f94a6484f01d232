"""What keeping files in the database costs: a file written and read back through the database storage and
through a folder on disk, side by side in one run, and the room it takes in PostgreSQL."""

import os
import statistics
import tempfile
import time

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.management.base import BaseCommand
from django.db import connection

from committee.files.models import StoredFile
from committee.files.storage import DatabaseStorage

PREFIX = "benchmark-files/"


def _timed(storage: Storage, content: bytes, rounds: int) -> tuple[float, float]:
    writes, reads = [], []
    for number in range(rounds):
        started = time.perf_counter()
        name = storage.save(f"{PREFIX}{number}.bin", ContentFile(content))
        writes.append(time.perf_counter() - started)
        started = time.perf_counter()
        with storage.open(name) as stored:
            assert stored.read() == content
        reads.append(time.perf_counter() - started)
    return statistics.median(writes), statistics.median(reads)


class Command(BaseCommand):
    help = "Write and read files through the database and through a folder on disk; print the ratios."

    def add_arguments(self, parser):
        parser.add_argument("--megabytes", type=int, default=10)
        parser.add_argument("--rounds", type=int, default=5)

    def handle(self, *args, megabytes: int, rounds: int, **options):
        content = os.urandom(megabytes * 1024 * 1024)  # as incompressible as a PDF or a Word document
        with tempfile.TemporaryDirectory() as folder:
            try:
                database_write, database_read = _timed(DatabaseStorage(), content, rounds)
                disk_write, disk_read = _timed(FileSystemStorage(location=folder), content, rounds)
                self.stdout.write(
                    f"{megabytes} MB, median of {rounds} ({connection.vendor}): "
                    f"write {database_write * 1000:.0f} ms in the database, {disk_write * 1000:.0f} ms on disk "
                    f"({database_write / disk_write:.0f}x); read {database_read * 1000:.0f} ms, "
                    f"{disk_read * 1000:.0f} ms ({database_read / disk_read:.0f}x)"
                )
                if connection.vendor == "postgresql":
                    StoredFile.objects.filter(name__startswith=PREFIX).delete()
                    with connection.cursor() as cursor:
                        cursor.execute("VACUUM FULL files_storedfile")
                        cursor.execute("SELECT pg_total_relation_size('files_storedfile')")
                        before = cursor.fetchone()[0]
                        _timed(DatabaseStorage(), content, 1)
                        cursor.execute("SELECT pg_total_relation_size('files_storedfile')")
                        grown = cursor.fetchone()[0] - before
                    self.stdout.write(f"Room taken in PostgreSQL: {grown / len(content):.2f}x the file's size")
            finally:
                StoredFile.objects.filter(name__startswith=PREFIX).delete()

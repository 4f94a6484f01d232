from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.backups.services import BackupError, back_up, check_stored_files


class Command(BaseCommand):
    help = "Back up the whole database, every stored file included, into one file (restore it with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True, help="the backup file to write")

    def handle(self, *args, output: Path, **options):
        if output.exists():
            raise CommandError(f"{output} exists already: name a new file.")
        checked = check_stored_files()
        if checked.damaged:
            raise CommandError("Stored files no longer match their checksums: " + ", ".join(checked.damaged))
        try:
            back_up(output)
        except BackupError as error:
            output.unlink(missing_ok=True)
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up to {output} ({output.stat().st_size:,} bytes), with {checked.files} stored files "
            f"({checked.size:,} bytes), each checked against its SHA-256."
        )

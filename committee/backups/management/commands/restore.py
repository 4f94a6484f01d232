from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from committee.backups.services import BackupError, check_stored_files, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database (or, with --replace, in place of everything in "
        "this one), then check every stored file."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup file")
        parser.add_argument("--replace", action="store_true", help="drop everything in the database first")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="do not ask to confirm")

    def handle(self, *args, backup: Path, replace: bool, interactive: bool, **options):
        name = connection.settings_dict["NAME"]
        if replace and interactive:
            answer = input(f"Everything in the database {name} will be replaced by {backup}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            restore(backup, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        call_command("migrate", interactive=False, verbosity=0)  # an older backup, brought up to this version
        checked = check_stored_files()
        if checked.damaged:
            raise CommandError("Restored, but these files do not match their checksums: " + ", ".join(checked.damaged))
        self.stdout.write(
            f"Restored {backup} into {name}: {checked.files} stored files ({checked.size:,} bytes), "
            "each checked against its SHA-256."
        )

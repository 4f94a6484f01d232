"""Move the files an earlier version kept on disk (its MEDIA_ROOT) into the database, under the names the rows
already give them."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from committee.files.models import StoredFile
from committee.files.storage import DatabaseStorage


def names_the_rows_point_to() -> set[str]:
    """Every file name held by a file field of any model, its history included."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    return names


class Command(BaseCommand):
    help = "Store in the database every file of FOLDER (the former MEDIA_ROOT) that is not stored there yet."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(settings.BASE_DIR / "media"), help="default: media/")

    def handle(self, *args, folder: str, **options):
        root = Path(folder)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder.")
        storage = DatabaseStorage()
        stored_already = set(StoredFile.objects.values_list("name", flat=True))
        moved = 0
        with transaction.atomic():  # all or nothing: a file that cannot be read stores none
            for path in sorted(root.rglob("*")):
                name = path.relative_to(root).as_posix()
                if path.is_file() and name not in stored_already:
                    with path.open("rb") as handle:
                        storage.save(name, File(handle, name=name))
                    moved += 1
        missing = sorted(names_the_rows_point_to() - set(StoredFile.objects.values_list("name", flat=True)))
        self.stdout.write(f"{moved} files stored in the database from {root}.")
        for name in missing:
            self.stdout.write(f"Not found, on disk or in the database: {name}")
        if missing:
            raise CommandError(f"{len(missing)} files that rows point to are missing.")

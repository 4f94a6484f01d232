from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.import_errors import ImportRejected
from documents.session_file import import_session, read_session_file


class Command(BaseCommand):
    help = "Import a session file (JSON, see documents/session_file/schema.json): all of it, or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            session = import_session(read_session_file(text))
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{file} was not imported ({len(rejected.problems)} problems); nothing was changed."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Imported session {session.code} from {file}."))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.kernel.import_errors import reported_to_command_line
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file


class Command(BaseCommand):
    help = "Import a session file (JSON, see documents/session_file/schema.json): all of it, or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        with reported_to_command_line(file, self.stderr):
            session = import_session(read_session_file(text))
        self.stdout.write(self.style.SUCCESS(f"Imported session {session.code} from {file}."))

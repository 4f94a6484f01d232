import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.exchange.session_file.dump import dumps, export_session
from meetings.sessions.models import Session


class Command(BaseCommand):
    help = "Export a session, with everything in it, as a session file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="The session's code, e.g. TD/B/EDE/1")
        parser.add_argument("--output", type=Path, help="File to write; standard output if omitted.")

    def handle(self, *args, code: str, output: Path | None, **options) -> None:
        session = Session.objects.filter(code=code).first()
        if session is None:
            raise CommandError(f"There is no session {code}.")
        text = dumps(export_session(session))
        if output is None:
            sys.stdout.write(text)
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Exported {code} to {output}."))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.import_errors import reported_to_command_line
from meetings.models import Session
from meetings.participants_csv import COLUMNS, read_participants_csv
from meetings.services import register_participants


class Command(BaseCommand):
    help = (
        f"Register a session's participants from a CSV file with the columns {', '.join(COLUMNS)}: every row, or none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="The session's code, e.g. TD/B/EDE/1")
        parser.add_argument("file", type=Path)

    def handle(self, *args, code: str, file: Path, **options) -> None:
        session = Session.objects.filter(code=code).first()
        if session is None:
            raise CommandError(f"There is no session {code}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        with reported_to_command_line(file, self.stderr):
            delegations = read_participants_csv(content)
        added, delegates = register_participants(session=session, delegations=delegations)
        self.stdout.write(self.style.SUCCESS(f"{added} delegations and {delegates} delegates added to {code}."))

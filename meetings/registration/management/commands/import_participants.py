from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.bodies.models import Entity
from committee.kernel.import_errors import reported_to_command_line
from meetings.registration.registration_file import COLUMNS, read_registrations
from meetings.registration.services import register_participants
from meetings.sessions.models import Session


class Command(BaseCommand):
    help = (
        "Register a session's participants from a file, every row or none: a CSV or Excel (.xlsx) spreadsheet "
        f"with the columns {', '.join(COLUMNS)}, or Indico's registrant export (CSV or Excel)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="The session's code, e.g. TD/B/EDE/1")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--resolve",
            action="append",
            default=[],
            metavar="VALUE=CODE",
            help="A State or organization the file names in a way that matches nothing: its code, "
            "or - to leave its rows out. Repeat for each.",
        )

    def handle(self, *args, code: str, file: Path, resolve: list[str], **options) -> None:
        session = Session.objects.filter(code=code).first()
        if session is None:
            raise CommandError(f"There is no session {code}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        with reported_to_command_line(file, self.stderr):
            registrations = read_registrations(content, resolutions=self.resolutions(resolve))
        added, delegates = register_participants(session=session, delegations=registrations.delegations)
        for row in registrations.left_out:
            self.stdout.write(f"Left out: {row}")
        self.stdout.write(self.style.SUCCESS(f"{added} delegations and {delegates} delegates added to {code}."))

    def resolutions(self, pairs: list[str]) -> dict[str, int | None]:
        resolutions: dict[str, int | None] = {}
        for pair in pairs:
            value, separator, code = pair.rpartition("=")
            if not separator or not value:
                raise CommandError(f'--resolve {pair}: write VALUE=CODE, e.g. "Republic of Atlantis=ATL".')
            if code.strip() == "-":
                resolutions[value] = None
                continue
            entity = Entity.objects.filter(code=code.strip()).first()
            if entity is None:
                raise CommandError(f"--resolve {pair}: there is no State or organization with the code {code}.")
            resolutions[value] = entity.pk
        return resolutions

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.multilingual import LANGUAGES
from documents.report import build_session_report, collect_session_report_data
from meetings.models import Session


class Command(BaseCommand):
    help = "Build a session's report as a Word document in one language."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="The session's code, e.g. TD/B/EDE/1")
        parser.add_argument("--lang", default="en", choices=LANGUAGES, help="The report's language.")
        parser.add_argument("--output", type=Path, required=True, help="The .docx file to write.")

    def handle(self, *args, code: str, lang: str, output: Path, **options) -> None:
        session = Session.objects.filter(code=code).first()
        if session is None:
            raise CommandError(f"There is no session {code}.")
        content = build_session_report(collect_session_report_data(session), language=lang)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Wrote the {lang} report of {code} to {output} ({len(content):,} bytes).")
        )

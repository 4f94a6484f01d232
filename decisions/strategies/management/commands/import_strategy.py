from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from committee.bodies.models import Committee
from committee.kernel.import_errors import reported_to_command_line
from decisions.strategies.models import Strategy
from decisions.strategies.strategy_file import MEASURE_COLUMNS, STATUS_COLUMNS, import_measures, import_statuses


class Command(BaseCommand):
    help = (
        "Import a strategy's measures, or its members' statuses, from a CSV or Excel (.xlsx) spreadsheet, every "
        f"row or none. Measures: {', '.join(MEASURE_COLUMNS)}. Statuses: {', '.join(STATUS_COLUMNS)}."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("committee", help="The committee's code")
        parser.add_argument("strategy", help="The strategy's code (created with --title if it does not exist)")
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--measures", type=Path, metavar="FILE")
        what.add_argument("--statuses", type=Path, metavar="FILE")
        parser.add_argument("--title", help="The title of a new strategy, in English")
        parser.add_argument("--title-fr", help="… and in French")
        parser.add_argument("--illustrative", action="store_true", help="Mark a new strategy as example data")

    def handle(self, *args, committee: str, strategy: str, measures, statuses, **options) -> None:
        body = Committee.objects.filter(code=committee).first()
        if body is None:
            raise CommandError(f"There is no committee {committee}.")
        target = Strategy.objects.filter(committee=body, code=strategy).first()
        if target is None:
            if not options["title"]:
                raise CommandError(f"{committee} has no strategy {strategy}: give --title to create it.")
            title = {"en": options["title"]} | ({"fr": options["title_fr"]} if options["title_fr"] else {})
            target = Strategy(committee=body, code=strategy, title=title, illustrative=options["illustrative"])
            target.full_clean()
        file = measures or statuses
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        with reported_to_command_line(file, self.stderr), transaction.atomic():  # a new strategy only with its rows
            target.save()
            result = (import_measures if measures else import_statuses)(content, strategy=target)
        self.stdout.write(
            self.style.SUCCESS(f"{file}: {result.created} new, {result.updated} updated, in {target.code}.")
        )

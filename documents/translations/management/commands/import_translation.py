from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.translations.services import TranslationError, import_translation


class Command(BaseCommand):
    help = (
        "Place a returned translation (XLIFF 2.0 or the Word table) in its document: each unit in its paragraph. "
        "Prints what it placed and what it refused, and why; a file it cannot use changes nothing."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001 - argparse
        parser.add_argument("file", type=Path, help="The returned FILE.xlf or FILE.docx.")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            outcome = import_translation(content=content, by=None)
        except TranslationError as error:
            raise CommandError(f"{file}: {error}") from None
        symbol, language = outcome.document.symbol, outcome.language
        self.stdout.write(f"{symbol}, {language}: placed {len(outcome.placed)}, refused {len(outcome.refused)}.")
        for key in outcome.placed:
            self.stdout.write(f"placed\t{key}")
        for key, why in outcome.refused:
            self.stdout.write(f"refused\t{key}\t{why}")

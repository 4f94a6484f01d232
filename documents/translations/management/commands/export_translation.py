from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.kernel.multilingual import LANGUAGES
from documents.registry.models import Document
from documents.translations.services import TranslationError, export_for_translation


class Command(BaseCommand):
    help = (
        "Export a document's drafted text in its original language for translation into another, as XLIFF 2.0 "
        "(.xlf) or as a Word table (.docx), by the output file's extension."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001 - argparse
        parser.add_argument("symbol", help="The document's symbol, e.g. TD/B/EDE/1/3.")
        parser.add_argument("--lang", required=True, choices=LANGUAGES, help="The language to translate into.")
        parser.add_argument("--output", required=True, type=Path, help="FILE.xlf or FILE.docx.")

    def handle(self, *args, symbol: str, lang: str, output: Path, **options) -> None:
        document = Document.objects.select_related("session__committee").filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"There is no document {symbol}.")
        file_format = "docx" if output.suffix.lower() == ".docx" else "xliff"
        try:
            content = export_for_translation(document=document, language=lang, by=None, file_format=file_format)
        except TranslationError as error:
            raise CommandError(str(error)) from None
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {symbol} ({document.original_language}) for translation into {lang} to {output}."
            )
        )

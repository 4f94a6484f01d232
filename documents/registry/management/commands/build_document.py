from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.kernel.multilingual import LANGUAGES
from documents.registry.generated import FORMATS, GenerationError, build_document, generated_documents, generator_for
from documents.registry.models import Document


class Command(BaseCommand):
    help = "Build a document the tool writes (session report, provisional agenda, list of participants…) by its symbol."

    def add_arguments(self, parser) -> None:
        parser.add_argument("symbol", nargs="?", help="The document's symbol, e.g. TD/B/EDE/1/3")
        parser.add_argument("--lang", default="en", choices=LANGUAGES, help="The document's language.")
        parser.add_argument(
            "--format", default="docx", choices=sorted(FORMATS), help="Word (docx), PDF or Akoma Ntoso XML (akn)."
        )
        parser.add_argument("--output", type=Path, help="The file to write (.docx, .pdf or .xml).")
        parser.add_argument(
            "--list",
            action="store_true",
            help="List the documents the tool writes: symbol, kind, the languages it can build them in "
            "(and, for one it cannot build yet, why).",
        )

    def handle(
        self, *args, symbol: str | None, lang: str, output: Path | None, list: bool, format: str, **options
    ) -> None:
        if list:
            for document in generated_documents():
                generator = generator_for(document)
                languages = generator.languages(document) if generator is not None else []
                row = f"{document.symbol}\t{document.get_kind_display()}\t{','.join(languages) or '-'}"
                if not languages:
                    row += "\tcannot be built: no text in any language yet"
                self.stdout.write(row)
            return
        if not symbol or output is None:
            raise CommandError("Give a symbol and --output FILE (.docx, or .pdf with --format pdf), or --list.")
        document = Document.objects.select_related("session").filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"There is no document {symbol}.")
        generator = generator_for(document)
        if generator is None:
            raise CommandError(f"{symbol} ({document.get_kind_display()}) is not a document the tool writes.")
        if format not in generator.formats:
            raise CommandError(f"{symbol} is written as: {', '.join(generator.formats)}.")
        languages = generator.languages(document)
        if lang not in languages:
            raise CommandError(f"{symbol} can be built in: {', '.join(languages) or 'no language yet'}.")
        try:
            content = build_document(document, lang, format)
        except GenerationError as error:
            raise CommandError(f"{symbol} could not be written as {format.upper()}: {error}") from None
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {symbol} in {lang} as {format.upper()} to {output} ({len(content):,} bytes).")
        )

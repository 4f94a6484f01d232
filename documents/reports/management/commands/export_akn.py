import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from committee.kernel.multilingual import LANGUAGES
from documents.builders.akn import build_decision_akn
from documents.registry.generated import build_document, generator_for
from documents.registry.models import Document
from documents.reports.collect import collect_session_report_data

REPORTS = (Document.Kind.REPORT, Document.Kind.DRAFT_REPORT)


class Command(BaseCommand):
    help = (
        "Export a session's report or provisional agenda, by its symbol, as Akoma Ntoso 3.0 XML (AKN4UN); with "
        "--text N, the N-th text adopted that the report holds, as a document of its own."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("symbol", help="The report's or provisional agenda's symbol, e.g. TD/B/EDE/1/3")
        parser.add_argument("--lang", default="en", choices=LANGUAGES, help="The language of the text.")
        parser.add_argument("--output", type=Path, help="The file to write (.xml); without it, the standard output.")
        parser.add_argument("--text", type=int, help="A text adopted, by its place in the report (1, 2…).")

    def handle(self, *args, symbol: str, lang: str, output: Path | None, text: int | None, **options) -> None:
        document = Document.objects.select_related("session").filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"There is no document {symbol}.")
        generator = generator_for(document)
        if generator is None or "akn" not in generator.formats or (text is not None and document.kind not in REPORTS):
            raise CommandError(
                f"{symbol} ({document.get_kind_display()}) has no Akoma Ntoso form: give a report's or a provisional "
                "agenda's symbol (--text: a report's)."
            )
        languages = generator.languages(document)
        if lang not in languages:
            raise CommandError(f"{symbol} can be exported in: {', '.join(languages) or 'no language yet'}.")
        if text is None:
            content, what = build_document(document, lang, "akn"), symbol
        else:
            assert document.session is not None  # a generated document is a session's
            data = collect_session_report_data(document.session, final=document.kind == Document.Kind.REPORT)
            adopted = [decision for decision in data.decisions if decision.adopted]
            if not 1 <= text <= len(adopted):
                raise CommandError(
                    f"{symbol} holds {len(adopted)} text(s) adopted: --text goes from 1 to {len(adopted)}."
                )
            key = adopted[text - 1].key
            content = build_decision_akn(data, key, language=lang, marked_on=timezone.localdate())
            what = f"text {text} of {symbol}"
        if output is None:
            sys.stdout.buffer.write(content)
            return
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {what} in {lang} as Akoma Ntoso to {output} ({len(content):,} bytes).")
        )

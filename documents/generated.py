"""Documents the tool writes from its data, found by their symbol: one entry per kind of document.

The registry's page, the document download and `manage.py build_document` all go through here,
so that a kind of generated document is added in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass

from documents.models import Document
from documents.report import build_session_report, collect_session_report_data
from documents.report.agenda import (
    build_provisional_agenda,
    collect_provisional_agenda_data,
    provisional_agenda_languages,
)
from documents.report.data import report_languages
from documents.report.participants import (
    build_participants_list,
    collect_participants_list_data,
    participants_list_languages,
)
from documents.report.progress import (
    build_progress_report,
    collect_progress_report_data,
    progress_report_languages,
)


@dataclass(frozen=True)
class Generator:
    languages: Callable[[Document], list[str]]  # the languages the data can give it in
    build: Callable[[Document, str], bytes]


def _session_report(document: Document, language: str) -> bytes:
    """The report as archived once finalized (the copy whose checksum was kept), else built from the draft."""
    report = getattr(document.session, "report", None)
    if document.kind == Document.Kind.REPORT and report is not None and report.is_locked:
        archived = report.archive.filter(language=language).order_by("-version").first()
        if archived is not None:
            with archived.file.open("rb") as stored:
                return stored.read()
    data = collect_session_report_data(document.session, final=document.kind == Document.Kind.REPORT)
    return build_session_report(data, language=language)


def is_draft(document: Document) -> bool:
    """Built now, the document would be a draft (the report before finalization): for those who read drafts."""
    if document.kind == Document.Kind.DRAFT_REPORT:
        return True
    report = getattr(document.session, "report", None) if document.session_id else None
    return document.kind == Document.Kind.REPORT and (report is None or not report.is_locked)


def _session_report_languages(document: Document) -> list[str]:
    return report_languages(document.session) if document.session_id else []


def _provisional_agenda(document: Document, language: str) -> bytes:
    return build_provisional_agenda(collect_provisional_agenda_data(document), language=language)


def _participants_list(document: Document, language: str) -> bytes:
    return build_participants_list(collect_participants_list_data(document), language=language)


def _progress_report(document: Document, language: str) -> bytes:
    return build_progress_report(collect_progress_report_data(document), language=language)


GENERATORS: dict[str, Generator] = {
    Document.Kind.REPORT: Generator(_session_report_languages, _session_report),
    Document.Kind.DRAFT_REPORT: Generator(_session_report_languages, _session_report),
    Document.Kind.PROVISIONAL_AGENDA: Generator(provisional_agenda_languages, _provisional_agenda),
    Document.Kind.LIST_OF_PARTICIPANTS: Generator(participants_list_languages, _participants_list),
    Document.Kind.PROGRESS_REPORT: Generator(progress_report_languages, _progress_report),
}


def generator_for(document: Document) -> Generator | None:
    if document.session_id is None:
        return None
    return GENERATORS.get(document.kind)


def generated_documents():
    """Every registered document the tool can write, in symbol order."""
    return (
        Document.objects.filter(kind__in=GENERATORS, session__isnull=False).select_related("session").order_by("symbol")
    )


def build_document(document: Document, language: str) -> bytes:
    """The document in `language`, written from the current data."""
    generator = generator_for(document)
    if generator is None or language not in generator.languages(document):
        raise LookupError(f"{document.symbol} cannot be generated in {language}")
    return generator.build(document, language)

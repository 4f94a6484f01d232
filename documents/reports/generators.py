"""The session's documents that the tool writes from its data, registered with the registry's generators."""

from django.utils import timezone

from decisions.outcomes.models import Decision
from documents.builders.akn import build_decision_akn, build_provisional_agenda_akn, build_session_report_akn
from documents.builders.participants_list import build_participants_list
from documents.builders.pdf import ConversionError, issued
from documents.builders.progress_report import build_progress_report
from documents.builders.provisional_agenda import build_provisional_agenda
from documents.builders.session_report import build_session_report
from documents.registry.generated import GenerationError, Generator, register
from documents.registry.models import Document
from documents.reports.collect import (
    collect_participants_list_data,
    collect_progress_report_data,
    collect_provisional_agenda_data,
    collect_session_report_data,
    participants_list_languages,
    progress_report_languages,
    provisional_agenda_languages,
    report_languages,
)

WITH_AKN = ("docx", "pdf", "akn")  # the documents Akoma Ntoso has a structure for: the report, the agenda


def _archived_report(document: Document, language: str, file_format: str) -> bytes | None:
    """The report as last finalized in `language` and `file_format` (the copy whose checksum was kept), even
    while a corrigendum is drafted; None before its first finalization."""
    report = getattr(document.session, "report", None)
    if document.kind != Document.Kind.REPORT or report is None:
        return None
    archived = report.archive.filter(language=language, format=file_format).order_by("-version").first()
    if archived is None:
        return None
    with archived.file.open("rb") as stored:
        return stored.read()


def _session_report(document: Document, language: str, file_format: str) -> bytes:
    """The report as archived once finalized, else built from the draft (a corrigendum's included)."""
    report = getattr(document.session, "report", None)
    if report is not None and report.is_locked:
        archived = _archived_report(document, language, file_format)
        if archived is not None:
            return archived
    if document.session is None:
        raise LookupError(f"{document.symbol} is not a session's document.")
    data = collect_session_report_data(document.session, final=document.kind == Document.Kind.REPORT)
    if file_format == "akn":
        return build_session_report_akn(data, language=language, marked_on=timezone.localdate())
    return in_format(build_session_report(data, language=language), file_format)


def adopted_text_akn(decision: Decision, language: str) -> bytes | None:
    """A text the session adopted as Akoma Ntoso, in `language`; None where it is not adopted (yet) or not written
    in that language."""
    session = decision.session
    if language not in report_languages(session):
        return None
    data = collect_session_report_data(session, final=True)
    try:
        return build_decision_akn(data, str(decision.pk), language=language, marked_on=timezone.localdate())
    except LookupError:
        return None


def in_format(docx: bytes, file_format: str) -> bytes:
    """A document the tool wrote, as a Word document or as its PDF (generated.FORMATS)."""
    if file_format == "pdf":
        try:
            return issued(docx)[1]
        except ConversionError as error:
            raise GenerationError(str(error)) from None
    return docx


def _is_draft_report(document: Document) -> bool:
    """The report before its finalization is a draft."""
    report = getattr(document.session, "report", None)
    return report is None or not report.is_locked


def _always(document: Document) -> bool:
    return True


def _session_report_languages(document: Document) -> list[str]:
    return report_languages(document.session) if document.session is not None else []


def _provisional_agenda(document: Document, language: str, file_format: str) -> bytes:
    data = collect_provisional_agenda_data(document)
    if file_format == "akn":
        return build_provisional_agenda_akn(data, language=language, marked_on=timezone.localdate())
    return in_format(build_provisional_agenda(data, language=language), file_format)


def _participants_list(document: Document, language: str, file_format: str) -> bytes:
    return in_format(build_participants_list(collect_participants_list_data(document), language=language), file_format)


def _progress_report(document: Document, language: str, file_format: str) -> bytes:
    return in_format(build_progress_report(collect_progress_report_data(document), language=language), file_format)


def register_generators() -> None:
    """The documents of a session that the tool writes: its report, provisional agenda, list of participants
    and progress report (called from `ReportsConfig.ready()`)."""
    register(
        Document.Kind.REPORT,
        Generator(
            _session_report_languages,
            _session_report,
            is_draft=_is_draft_report,
            published=_archived_report,
            formats=WITH_AKN,
        ),
    )
    register(
        Document.Kind.DRAFT_REPORT,
        Generator(_session_report_languages, _session_report, is_draft=_always, formats=WITH_AKN),
    )
    register(
        Document.Kind.PROVISIONAL_AGENDA,
        Generator(provisional_agenda_languages, _provisional_agenda, formats=WITH_AKN),
    )
    register(Document.Kind.LIST_OF_PARTICIPANTS, Generator(participants_list_languages, _participants_list))
    register(Document.Kind.PROGRESS_REPORT, Generator(progress_report_languages, _progress_report))

"""What the index holds of a committee and of a session: the rows of each, as they should be now.

Each function reads the records and returns rows (`Row`), never writes; `documents.search.index` compares them
with the rows stored and writes the difference. A row is made for each language a thing is written in.
"""

import datetime
import logging
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields

import docx
from django.db.models import Count, Prefetch
from django.urls import reverse

from committee.bodies.models import Committee
from committee.kernel.markup import parse
from committee.kernel.multilingual import LANGUAGES, pick
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.follow_up.services import operative_numbers
from decisions.outcomes.models import Decision, Paragraph
from documents.registry.models import Document, DocumentFile
from documents.registry.services import symbol_sort_key
from documents.registry.views import DOCUMENTS_PER_PAGE
from documents.reports.models import Report, ReportParagraph
from documents.reports.parts import part_of
from documents.search.models import SearchEntry
from documents.search.terms import normalized_symbol
from meetings.registration.attendance import attendance_by_category, pages_of_delegations
from meetings.registration.models import Delegate
from meetings.registration.views import DELEGATES_PER_PAGE
from meetings.sessions.models import Session

logger = logging.getLogger(__name__)
Kind, Audience = SearchEntry.Kind, SearchEntry.Audience
MAX_FILE_TEXT = 500_000  # characters of an uploaded version's text that are indexed
DISTRIBUTION_AUDIENCE: dict[str, str] = {
    Document.Distribution.GENERAL: Audience.VIEWERS,
    Document.Distribution.LIMITED: Audience.LIMITED,
    Document.Distribution.RESTRICTED: Audience.RESTRICTED,
}


@dataclass
class Row:
    source: str
    language: str
    kind: str
    audience: str
    committee_id: int
    session_id: int | None
    title: str
    text: str = ""
    url: str = ""
    symbol: str = ""
    date: datetime.date | None = None
    stamp: str = ""


STORED = tuple(f.name for f in fields(Row))


def searchable(markup: str) -> str:
    """A text written in the app's markup as it reads, its notes' text after the sentence they are attached to."""
    body, notes = [], []
    for segment in parse(markup):
        if segment.footnote is None:
            body.append(segment.text)
        else:
            notes.append("".join(part.text for part in segment.footnote))
    return " ".join(["".join(body), *notes]).strip()


def _each_language(values: dict | None) -> Iterator[tuple[str, str]]:
    for language in LANGUAGES:
        text = (values or {}).get(language)
        if text:
            yield language, text


def committee_rows(committee: Committee) -> list[Row]:
    url = committee.get_absolute_url()
    return [
        Row(f"committee:{committee.pk}", language, Kind.COMMITTEE, Audience.VIEWERS, committee.pk, None,
            title=name, text=" ".join(filter(None, [committee.code, pick(committee.short_name, language, fallback=()),
                                                    committee.symbol_series])), url=url)
        for language, name in _each_language(committee.name)
    ]  # fmt: skip


def session_rows(session: Session, files: Mapping[str, "Row | SearchEntry"]) -> list[Row]:
    """Every row of `session`. `files` are the stored rows of its uploaded versions, by source: a version whose
    file has not changed keeps the text read from it before (reading a PDF is the slowest part of it all)."""
    return [
        *_session(session),
        *_documents(session, files),
        *_decisions(session),
        *_summary(session),
        *_follow_up(session),
        *_delegations(session),
    ]


def _row(session: Session, source: str, language: str, kind: str, audience: str, **values) -> Row:
    return Row(source, language, kind, audience, session.committee_id, session.pk, **values)


def _session(session: Session) -> Iterator[Row]:
    url = session.get_absolute_url()
    for language, name in _each_language(session.committee.name):
        place = ", ".join(filter(None, [pick(session.venue, language), pick(session.city, language)]))
        yield _row(session, f"session:{session.pk}", language, Kind.SESSION, Audience.VIEWERS, title=name,
                   text=place, url=url, symbol=normalized_symbol(session.code), date=session.start_date)  # fmt: skip


def _documents(session: Session, files: Mapping[str, "Row | SearchEntry"]) -> Iterator[Row]:
    documents = sorted(session.documents.prefetch_related("files"), key=lambda d: symbol_sort_key(d.symbol))
    registry = reverse("registry:registry", kwargs={"code": session.code})
    report_text = _issued_report_text(session)
    for index, document in enumerate(documents):
        url = f"{registry}?page={index // DOCUMENTS_PER_PAGE + 1}#document-{document.pk}"
        audience = DISTRIBUTION_AUDIENCE[document.distribution]
        versions = {version.language: version for version in document.files.all()}
        generated = report_text if document.kind == Document.Kind.REPORT else {}
        for language in LANGUAGES:
            title = pick(document.title, language, fallback=())
            version = versions.get(language)
            if not title and version is None and not generated.get(language):
                continue
            title = title or pick(document.title, language)
            source = f"document:{document.pk}"
            text, stamp = generated.get(language, ""), ""
            if version is not None:
                stamp = f"{version.file.name}@{version.uploaded_at.isoformat()}"
                stored = files.get(f"{source}|{language}")
                text = stored.text if stored is not None and stored.stamp == stamp else file_text(version)
            yield _row(session, source, language, Kind.DOCUMENT, audience, title=title, text=text, url=url,
                       symbol=normalized_symbol(document.symbol), date=document.issued_on, stamp=stamp)  # fmt: skip


def _issued_report_text(session: Session) -> dict[str, str]:
    """The issued report's text in each language: the Chair's summary and the texts adopted (a draft's is not the
    document's until it is issued)."""
    report = Report.objects.filter(session=session, status=Report.Status.ISSUED).first()
    if report is None:
        return {}
    pieces: dict[str, list[str]] = {}
    summary = ReportParagraph.objects.filter(section__report=report).order_by("section__position", "position")
    texts = [
        *summary.values_list("text", flat=True),
        *Paragraph.objects.filter(decision__session=session).values_list("text", flat=True),
    ]
    for values in texts:
        for language, text in _each_language(values):
            pieces.setdefault(language, []).append(searchable(text))
    return {language: "\n".join(texts) for language, texts in pieces.items()}


def file_text(version: DocumentFile) -> str:
    """The text of an uploaded DOCX or PDF version; nothing (and a warning) when it cannot be read."""
    name = version.file.name.lower()
    try:
        with version.file.open("rb") as stream:
            content = stream.read()
        if name.endswith(".docx"):
            return _docx_text(content)[:MAX_FILE_TEXT]
        if name.endswith(".pdf"):
            return _pdf_text(content)[:MAX_FILE_TEXT]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, subprocess.SubprocessError) as error:
        logger.warning("The text of %s could not be read for search: %s", version, error)
    return ""


def _docx_text(content: bytes) -> str:
    import io

    document = docx.Document(io.BytesIO(content))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def _pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        done = subprocess.run(  # noqa: S603 - a file name of our own
            ["pdftotext", "-q", "-enc", "UTF-8", pdf.name, "-"],  # noqa: S607 - Debian's poppler-utils, on the PATH
            capture_output=True, timeout=60, check=True,
        )  # fmt: skip
    return done.stdout.decode("utf-8", "replace")


def _decisions(session: Session) -> Iterator[Row]:
    decisions = list(session.decisions.prefetch_related("paragraphs"))
    numbers = operative_numbers([decision.pk for decision in decisions])
    page = reverse("follow_up:session_decisions", kwargs={"code": session.code})
    for decision in decisions:
        for paragraph in decision.paragraphs.all():
            top = paragraph.parent_id or paragraph.pk
            label = str(numbers.get(top) or "")
            if label and paragraph.parent_id:
                label = f"{label} ({paragraph.letter})"
            for language, text in _each_language(paragraph.text):
                title = pick(decision.title, language) or str(Decision.Kind(decision.kind).label)
                yield _row(session, f"paragraph:{paragraph.pk}", language, Kind.DECISION, Audience.VIEWERS,
                           title=f"{title}, {label}" if label else title, text=searchable(text),
                           url=f"{page}?text={decision.pk}#paragraph-{top}", date=decision.adopted_on)  # fmt: skip


def _summary(session: Session) -> Iterator[Row]:
    page = reverse("reports:report", kwargs={"code": session.code})
    paragraphs = ReportParagraph.objects.filter(section__report__session=session).select_related("section")
    for paragraph in paragraphs:
        part = part_of(paragraph)
        for language, text in _each_language(paragraph.text):
            yield _row(session, f"summary:{paragraph.pk}", language, Kind.SUMMARY, Audience.LIMITED,
                       title=pick(paragraph.section.title, language), text=searchable(text),
                       url=f"{page}?part={part}#paragraph-{paragraph.pk}")  # fmt: skip


def _follow_up(session: Session) -> Iterator[Row]:
    actions = (
        Action.objects.filter(paragraph__decision__session=session)
        .select_related("paragraph")
        .prefetch_related(Prefetch("updates", queryset=ProgressUpdate.objects.order_by("reported_on", "pk")))
    )
    for action in actions:
        url = reverse("follow_up:paragraph", kwargs={"code": session.code, "pk": action.top_paragraph_id})
        for language, text in _each_language(action.description):
            yield _row(session, f"action:{action.pk}", language, Kind.ACTION, Audience.VIEWERS, title=text[:200],
                       text=text, url=url, date=action.due_on)  # fmt: skip
        for update in action.updates.all():
            audience = Audience.VIEWERS if update.published_at else Audience.SECRETARIAT
            for language, text in _each_language(update.narrative):
                yield _row(session, f"progress:{update.pk}", language, Kind.PROGRESS, audience,
                           title=pick(action.description, language)[:200], text=text, url=url,
                           date=update.reported_on)  # fmt: skip


def _delegations(session: Session) -> Iterator[Row]:
    participations = list(session.participations.select_related("entity").annotate(delegate_count=Count("delegates")))
    groups = attendance_by_category(
        participations, language="en", organizations_in_english_order=session.committee.organizations_in_english_order
    )
    page_of = {
        listed.pk: number
        for number, page in enumerate(pages_of_delegations(groups, delegates=DELEGATES_PER_PAGE), start=1)
        for group in page
        for listed in group.participations
    }
    registration = reverse("registration:registration", kwargs={"code": session.code})
    by_pk = {participation.pk: participation for participation in participations}
    delegates = Delegate.objects.filter(participation__session=session)
    for participation in participations:
        url = f"{registration}?page={page_of.get(participation.pk, 1)}#delegation-{participation.pk}"
        for language in LANGUAGES:
            name = participation.name_in(language)
            if name:
                yield _row(session, f"delegation:{participation.pk}", language, Kind.DELEGATION, Audience.SIGNED_IN,
                           title=name, text=participation.get_category_display(), url=url)  # fmt: skip
    for delegate in delegates:
        participation = by_pk[delegate.participation_id]
        url = f"{registration}?page={page_of.get(participation.pk, 1)}#delegation-{participation.pk}"
        text = " ".join(filter(None, [delegate.title, delegate.function, delegate.organization,
                                      participation.name_in("en")]))  # fmt: skip
        yield _row(session, f"delegate:{delegate.pk}", "en", Kind.DELEGATE, Audience.SIGNED_IN, title=delegate.name,
                   text=text, url=url)  # fmt: skip

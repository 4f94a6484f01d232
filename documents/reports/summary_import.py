"""The Chair's summary from a Word document: what it would change, then the change, all or nothing.

A document of the summary's own shape (as many sections, subsections and paragraphs) fills in its text in
one language, as a translation comes back; any other shape replaces the summary, which is refused while
the summary holds comments (they would be lost) or text in other languages (idem), unless it is empty."""

from dataclasses import asdict, dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from committee.kernel.audit import audited
from documents.reports.models import Comment, PendingSummaryImport, Report, ReportParagraph, ReportSection
from documents.reports.services import ReportError, _editable_report
from documents.reports.word_import import ImportedSection, read_summary

Shape = list[tuple[int, list[int]]]  # per section: its paragraphs, and each subsection's


@dataclass(frozen=True)
class Plan:
    mode: str  # "new" (the summary is empty), "fill" (same shape: one language's text), "replace"
    sections: int
    paragraphs: int
    changed: int  # paragraphs and titles whose text in the language changes
    refusal: str = ""  # why it cannot be applied; empty: it can


def _current(report: Report) -> list[ReportSection]:
    return list(
        ReportSection.objects.filter(report=report, parent__isnull=True)
        .prefetch_related("paragraphs", "subsections__paragraphs")
        .order_by("position")
    )


def _shape_of_current(sections: list[ReportSection]) -> Shape:
    return [(len(s.paragraphs.all()), [len(sub.paragraphs.all()) for sub in s.subsections.all()]) for s in sections]


def _shape_of_imported(sections: list[ImportedSection]) -> Shape:
    return [(len(s.paragraphs), [len(sub.paragraphs) for sub in s.subsections]) for s in sections]


def _pairs(current: list[ReportSection], imported: list[ImportedSection]):
    """(node, imported text, field) for each title and paragraph, the two of the same shape."""
    for section, new in zip(current, imported, strict=True):
        yield section, new.title, "title"
        yield from ((p, text, "text") for p, text in zip(section.paragraphs.all(), new.paragraphs, strict=True))
        for sub, new_sub in zip(section.subsections.all(), new.subsections, strict=True):
            yield sub, new_sub.title, "title"
            yield from ((p, text, "text") for p, text in zip(sub.paragraphs.all(), new_sub.paragraphs, strict=True))


def plan(report: Report, imported: list[ImportedSection], language: str) -> Plan:
    current = _current(report)
    count = sum(len(s.paragraphs) + sum(len(sub.paragraphs) for sub in s.subsections) for s in imported)
    if not current:
        return Plan("new", len(imported), count, count)
    if _shape_of_current(current) == _shape_of_imported(imported):
        changed = sum(1 for node, text, name in _pairs(current, imported) if getattr(node, name).get(language) != text)
        return Plan("fill", len(imported), count, changed)
    refusal = ""
    if Comment.objects.filter(paragraph__section__report=report).exists():
        refusal = _("The summary has comments, which a document of another shape would drop.")
    elif _other_languages(current, language):
        refusal = _(
            "The summary has text in other languages, which a document of another shape would drop: give the "
            "document the summary's sections and paragraphs, or import it into an empty summary."
        )
    return Plan("replace", len(imported), count, count, refusal)


def _other_languages(current: list[ReportSection], language: str) -> bool:
    sections = [*current, *(sub for s in current for sub in s.subsections.all())]
    texts = [s.title for s in sections] + [p.text for s in sections for p in s.paragraphs.all()]
    return any(value for text in texts for code, value in text.items() if code != language)


def read_for_import(*, report: Report, content: bytes, filename: str, language: str, by: User) -> PendingSummaryImport:
    """Read the document and keep what it holds for the secretariat to look at (WordImportError if it cannot)."""
    with transaction.atomic():
        report = _editable_report(report, by)
        sections = read_summary(content)
        return PendingSummaryImport.objects.create(
            report=report,
            language=language,
            filename=filename[:255],
            sections=[asdict(section) for section in sections],
            uploaded_by=by,
        )


def imported_sections(pending: PendingSummaryImport) -> list[ImportedSection]:
    return [
        ImportedSection(
            s["title"], s["paragraphs"], [ImportedSection(u["title"], u["paragraphs"]) for u in s["subsections"]]
        )
        for s in pending.sections
    ]


@audited
def apply_import(*, pending: PendingSummaryImport, by: User) -> Plan:
    """Write what the document holds into the summary, as planned; nothing if it cannot be."""
    with transaction.atomic():
        report = _editable_report(pending.report, by)
        imported, language = imported_sections(pending), pending.language
        decided = plan(report, imported, language)
        if decided.refusal:
            raise ReportError(decided.refusal)
        if decided.mode == "fill":
            for node, text, name in _pairs(_current(report), imported):
                values = getattr(node, name)
                if values.get(language) != text:
                    setattr(node, name, {**values, language: text})
                    node.revision += 1
                    node.save()
        else:
            for section in ReportSection.objects.filter(report=report):
                section.delete()
            for position, new in enumerate(imported, start=1):
                section = ReportSection.objects.create(report=report, position=position, title={language: new.title})
                _paragraphs(section, new.paragraphs, language)
                for sub_position, new_sub in enumerate(new.subsections, start=1):
                    sub = ReportSection.objects.create(
                        report=report, parent=section, position=sub_position, title={language: new_sub.title}
                    )
                    _paragraphs(sub, new_sub.paragraphs, language)
        pending.delete()
    return decided


def _paragraphs(section: ReportSection, texts: list[str], language: str) -> None:
    for position, text in enumerate(texts, start=1):
        ReportParagraph.objects.create(section=section, position=position, text={language: text})


def discard_import(*, pending: PendingSummaryImport, by: User) -> None:
    with transaction.atomic():
        _editable_report(pending.report, by)
        pending.delete()

from babel import Locale
from django import template
from django.db.models import F, Prefetch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from committee.access import Permission, can
from documents.generated import generator_for
from documents.models import Document, DocumentFile
from documents.report.data import report_languages
from documents.report.markup import parse
from meetings.models import AgendaItem, Meeting, Session

register = template.Library()


@register.inclusion_tag("documents/report_downloads.html", takes_context=True)
def report_downloads(context: template.Context, session: Session) -> dict:
    """Links to the session's report in each language with drafted text, for those who may read drafts."""
    user = context["request"].user
    names = Locale.parse(get_language() or "en", sep="-").languages  # CLDR: "English", "français"
    may_read = can(user, Permission.VIEW_LIMITED, session.committee)
    languages = [(code, names.get(code, code)) for code in report_languages(session)] if may_read else []
    return {"session": session, "languages": languages, "may_read_drafts": may_read}


@register.inclusion_tag("documents/session_documents.html", takes_context=True)
def session_documents(context: template.Context, session: Session) -> dict:
    """The session's documents the reader may see, each with its language versions."""
    user = context["request"].user
    documents = (
        Document.objects.readable_by(user, session.committee)
        .filter(session=session)
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.order_by("language")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("parent").order_by("position")),
        )
    )
    return {"documents": documents, "session": session}


@register.inclusion_tag("documents/generated_downloads.html", takes_context=True)
def generated_downloads(context: template.Context, session: Session, kind: str) -> dict:
    """Downloads of the session's document of `kind` that the tool writes from its data, per language."""
    user = context["request"].user
    document = Document.objects.readable_by(user, session.committee).filter(session=session, kind=kind).first()
    generator = generator_for(document) if document else None
    return {"document": document, "languages": generator.languages(document) if generator else []}


@register.simple_tag(takes_context=True)
def documents_by_meeting(context: template.Context, meetings: list[Meeting]) -> dict[int, list[Document]]:
    """The documents the reader may see of each of `meetings`, with who submitted them: a query per committee."""
    user = context["request"].user
    by_meeting: dict[int, list[Document]] = {meeting.pk: [] for meeting in meetings}
    committees = {meeting.committee_id: meeting.committee for meeting in meetings}
    for committee in committees.values():
        documents = (
            Document.objects.readable_by(user, committee)
            .filter(meetings__in=[m.pk for m in meetings if m.committee_id == committee.pk])
            .annotate(meeting_id=F("meetings"))
            .prefetch_related("submitted_by")
            .order_by("symbol")
        )
        for document in documents:
            by_meeting[document.meeting_id].append(document)
    return by_meeting


@register.filter
def documents_of(by_meeting: dict[int, list[Document]], meeting: Meeting) -> list[Document]:
    return by_meeting.get(meeting.pk, [])


@register.filter
def drafted_html(text: str) -> str:
    """Drafted text as the document shows it: *italics* in italics, a [^footnote] as a small note in brackets."""
    return _segments_html(parse(text or ""))


def _segments_html(segments) -> str:
    parts = []
    for segment in segments:
        if segment.footnote is not None:
            parts.append(
                format_html('<small class="text-body-secondary">[{}]</small>', _segments_html(segment.footnote))
            )
        elif segment.italic:
            parts.append(format_html("<em>{}</em>", segment.text))
        else:
            parts.append(conditional_escape(segment.text))
    return mark_safe("".join(parts))  # noqa: S308 - each part is escaped

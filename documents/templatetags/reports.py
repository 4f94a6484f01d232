from babel import Locale
from django import template
from django.db.models import Prefetch
from django.utils.translation import get_language

from committee.access import Permission, can
from documents.generated import generator_for
from documents.models import Document, DocumentFile
from documents.report.data import report_languages
from meetings.models import AgendaItem, Session

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

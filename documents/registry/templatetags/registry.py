from django import template

from documents.registry.generated import generator_for
from documents.registry.models import Document
from meetings.sessions.models import Session

register = template.Library()


@register.inclusion_tag("registry/generated_downloads.html", takes_context=True)
def generated_downloads(context: template.Context, session: Session, kind: str) -> dict:
    """Downloads of the session's document of `kind` that the tool writes from its data, per language."""
    user = context["request"].user
    document = Document.objects.readable_by(user, session.committee).filter(session=session, kind=kind).first()
    generator = generator_for(document) if document else None
    return {
        "document": document,
        "languages": generator.languages(document) if generator and document else [],
        "csrf_token": context.get("csrf_token"),  # each download is a form that asks for it to be written
    }

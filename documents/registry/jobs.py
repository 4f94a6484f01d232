"""The registry's job: write a document from the current data, in a language and a format, for download."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from committee.jobs.kinds import JobFailed, Outcome, Progress, register
from committee.jobs.models import Job
from committee.kernel.multilingual import LANGUAGE_NAMES
from committee.roles.access import Permission, can
from documents.registry.generated import GenerationError, build_document, file_name, is_draft
from documents.registry.models import Document

WRITE_DOCUMENT = "registry.write_document"


def write_document(job: Job, progress: Progress) -> Outcome:
    document = Document.objects.select_related("session__committee").filter(pk=job.arguments["document"]).first()
    language, file_format = job.arguments["language"], job.arguments["format"]
    if document is None or document.session is None:
        raise JobFailed(_("The document no longer exists."))
    reader = job.requested_by or AnonymousUser()  # a signed-out visitor's job is theirs: what anyone may read
    committee = document.session.committee
    readable = Document.objects.readable_by(reader, committee).filter(pk=document.pk).exists()
    if not readable or (is_draft(document) and not can(reader, Permission.VIEW_LIMITED, committee)):
        raise JobFailed(_("You may no longer read %(symbol)s as it stands.") % {"symbol": document.symbol})
    progress(0, 1, _("Writing %(symbol)s from the data.") % {"symbol": document.symbol})
    try:
        content = build_document(document, language, file_format)
    except LookupError:
        raise JobFailed(
            _("%(symbol)s can no longer be written in %(language)s.")
            % {"symbol": document.symbol, "language": LANGUAGE_NAMES[language]}
        ) from None
    except GenerationError as error:
        raise JobFailed(
            _("The document could not be written as %(format)s: %(reason)s")
            % {"format": file_format.upper(), "reason": error}
        ) from None
    return Outcome(file=content, filename=file_name(document.symbol, language, file_format))


def register_jobs() -> None:
    register(WRITE_DOCUMENT, write_document)

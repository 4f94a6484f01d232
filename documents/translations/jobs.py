"""The translations' job: place a returned translation (XLIFF or a Word table) into the drafted text."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.jobs.kinds import JobFailed, Outcome, Progress, register
from committee.jobs.models import Job
from documents.registry.models import Document
from documents.translations.services import TranslationError, import_translation

PLACE_TRANSLATION = "translations.place"


def place_translation(job: Job, progress: Progress) -> Outcome:
    document = Document.objects.filter(pk=job.arguments["document"]).first()
    by = job.active_requester()
    if document is None or by is None:
        raise JobFailed(_("The document, or the account that asked, no longer exists."))
    progress(0, 1, _("Reading %(file)s.") % {"file": job.arguments["filename"]})
    try:
        outcome = import_translation(content=job.upload.read(), by=by, document=document)
    except TranslationError as refused:
        raise JobFailed(str(refused)) from None
    summary = ngettext("%(count)d text placed.", "%(count)d texts placed.", len(outcome.placed)) % {
        "count": len(outcome.placed)
    }
    if not outcome.refused:
        return Outcome(url=reverse("translations:document", kwargs={"symbol": document.symbol}), message=summary)
    left = ngettext("%(count)d left as it was:", "%(count)d left as they were:", len(outcome.refused)) % {
        "count": len(outcome.refused)
    }
    return Outcome(message="\n".join([f"{summary} {left}", *(f"{key}: {why}" for key, why in outcome.refused)]))


def register_jobs() -> None:
    register(PLACE_TRANSLATION, place_translation)

"""The registration's job: import a registrations spreadsheet (Excel or CSV, Indico's export included), all or
nothing; a file naming States or organizations that match nothing is kept for the secretariat to say which."""

from django.urls import reverse
from django.utils.translation import gettext as _

from committee.jobs.kinds import JobFailed, Outcome, Progress, register
from committee.jobs.models import Job
from committee.kernel.import_errors import ImportRejected
from meetings.registration.models import PendingImport
from meetings.registration.registration_file import EntitiesToResolve, read_registrations
from meetings.registration.services import register_participants
from meetings.sessions.models import Session

IMPORT_REGISTRATIONS = "registration.import"


def import_registrations(job: Job, progress: Progress) -> Outcome:
    """From the file uploaded with the job or, once its names are resolved (`resolutions`), the file kept."""
    session = Session.objects.filter(pk=job.arguments["session"]).first()
    by = job.active_requester()
    if session is None or by is None:
        raise JobFailed(_("The session, or the account that asked, no longer exists."))
    pending = None
    if "pending" in job.arguments:
        pending = PendingImport.objects.filter(pk=job.arguments["pending"], session=session).first()
        if pending is None:
            raise JobFailed(_("This file was imported or set aside already."))
        content, filename = bytes(pending.content), pending.filename
    else:
        content, filename = job.upload.read(), job.arguments["filename"]
    resolutions = job.arguments.get("resolutions") or None
    registration = reverse("registration:registration", kwargs={"code": session.code})
    progress(0, 2, _("Reading %(file)s.") % {"file": filename})
    try:
        registrations = read_registrations(content, resolutions=resolutions)
    except EntitiesToResolve:
        pending = PendingImport.objects.create(session=session, filename=filename, content=content, uploaded_by=by)
        url = reverse("registration:resolve_import", kwargs={"code": session.code, "pk": pending.pk})
        return Outcome(url=url)
    except ImportRejected as rejected:
        raise JobFailed.rejected(filename, rejected) from None
    progress(1, 2, _("Registering the delegations and their delegates."))
    added, delegates = register_participants(session=session, delegations=registrations.delegations, by=by)
    if pending is not None:
        pending.delete()
    read = sum(len(delegation.delegates) for delegation in registrations.delegations)
    lines = [
        _("Imported: %(delegations)d delegations and %(delegates)d delegates added, %(rows)d delegates read.")
        % {"delegations": added, "delegates": delegates, "rows": read},
        *(_("Left out: %(row)s") % {"row": row} for row in registrations.left_out),
    ]
    return Outcome(url=registration, message=" ".join(lines))


def register_jobs() -> None:
    register(IMPORT_REGISTRATIONS, import_registrations)

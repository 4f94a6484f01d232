"""The reports' jobs: write the draft report as it stands, finalize the report (build, convert, archive), and read
a Word document into the Chair's summary."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.jobs.kinds import JobFailed, Outcome, Progress, register
from committee.jobs.models import Job
from committee.kernel.editing import EditError
from committee.roles.access import Permission, can
from documents.builders.session_report import build_session_report
from documents.registry.generated import GenerationError
from documents.reports.collect import collect_session_report_data
from documents.reports.generators import in_format
from documents.reports.models import Report
from documents.reports.services import ReportError, finalize_report
from documents.reports.summary_import import read_for_import
from documents.reports.word_import import WordImportError
from meetings.sessions.models import Session

WRITE_DRAFT = "reports.write_draft"
FINALIZE = "reports.finalize"
READ_SUMMARY = "reports.read_summary"


def write_draft(job: Job, progress: Progress) -> Outcome:
    session = Session.objects.select_related("committee").filter(pk=job.arguments["session"]).first()
    if session is None:
        raise JobFailed(_("The session no longer exists."))
    if job.requested_by is None or not can(job.requested_by, Permission.VIEW_LIMITED, session.committee):
        raise JobFailed(_("You may no longer read the draft report of %(session)s.") % {"session": session.code})
    language, file_format = job.arguments["language"], job.arguments["format"]
    progress(0, 2, _("Gathering what the session recorded."))
    data = collect_session_report_data(session)
    progress(1, 2, _("Writing the report."))
    try:
        content = in_format(build_session_report(data, language=language), file_format)
    except GenerationError as error:
        raise JobFailed(
            _("The document could not be written as %(format)s: %(reason)s")
            % {"format": file_format.upper(), "reason": error}
        ) from None
    name = (data.symbol or session.code).replace("/", "_")
    return Outcome(file=content, filename=f"{name}.{language}.{file_format}")


def finalize(job: Job, progress: Progress) -> Outcome:
    report = Report.objects.select_related("session").filter(pk=job.arguments["report"]).first()
    by = job.active_requester()
    if report is None or by is None:
        raise JobFailed(_("The report, or the account that asked, no longer exists."))
    try:
        archived = finalize_report(report=report, by=by, progress=progress)
    except ReportError as refusal:
        raise JobFailed(str(refusal)) from None
    languages = len({entry.language for entry in archived})
    message = ngettext(
        "The report is finalized and archived: version %(version)d, in %(count)d language, as Word and PDF.",
        "The report is finalized and archived: version %(version)d, in %(count)d languages, as Word and PDF.",
        languages,
    ) % {"version": archived[0].version, "count": languages}
    url = reverse("reports:report", kwargs={"code": report.session.code}) + "#archive"
    return Outcome(url=url, message=message)


def read_summary(job: Job, progress: Progress) -> Outcome:
    """Read an uploaded Word document into the Chair's summary, kept for a look at what it would change first."""
    report = Report.objects.select_related("session").filter(pk=job.arguments["report"]).first()
    by = job.active_requester()
    if report is None or by is None:
        raise JobFailed(_("The report, or the account that asked, no longer exists."))
    filename = job.arguments["filename"]
    progress(0, 1, _("Reading %(file)s.") % {"file": filename})
    try:
        pending = read_for_import(
            report=report, content=job.upload.read(), filename=filename, language=job.arguments["language"], by=by
        )
    except (WordImportError, EditError) as error:
        raise JobFailed(f"{filename}: {error}") from None
    return Outcome(url=reverse("reports:word_import", kwargs={"code": report.session.code, "pk": pending.pk}))


def register_jobs() -> None:
    register(WRITE_DRAFT, write_draft)
    register(FINALIZE, finalize)
    register(READ_SUMMARY, read_summary)

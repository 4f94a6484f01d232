"""The strategies' job: import a strategy's measures, or its members' statuses, from a spreadsheet."""

from django.urls import reverse
from django.utils.translation import gettext as _

from committee.jobs.kinds import JobFailed, Outcome, Progress, register
from committee.jobs.models import Job
from committee.kernel.import_errors import ImportRejected
from decisions.strategies.models import Strategy
from decisions.strategies.strategy_file import import_measures, import_statuses

IMPORT_SPREADSHEET = "strategies.import"
IMPORTS = {"measures": import_measures, "statuses": import_statuses}


def import_spreadsheet(job: Job, progress: Progress) -> Outcome:
    strategy = Strategy.objects.select_related("committee").filter(pk=job.arguments["strategy"]).first()
    if strategy is None:
        raise JobFailed(_("The strategy no longer exists."))
    filename = job.arguments["filename"]
    progress(0, 1, _("Reading %(file)s.") % {"file": filename})
    try:
        result = IMPORTS[job.arguments["kind"]](job.upload.read(), strategy=strategy)
    except ImportRejected as rejected:
        raise JobFailed.rejected(filename, rejected) from None
    message = _("%(name)s is imported: %(created)d new, %(updated)d updated.") % {
        "name": filename,
        "created": result.created,
        "updated": result.updated,
    }
    url = reverse("strategies:strategy", kwargs={"code": strategy.committee.code, "slug": strategy.code})
    return Outcome(url=url, message=message)


def register_jobs() -> None:
    register(IMPORT_SPREADSHEET, import_spreadsheet)

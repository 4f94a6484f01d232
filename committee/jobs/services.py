"""Start a job, run it, try it again; find the jobs whose worker was killed and run them again.

A job's work runs in one transaction with the row that says it is done (and its result file, a row too: see
committee.files), so a job is done entirely or not at all: a worker killed in the middle of it leaves nothing, and
the job, its heartbeat silent, is queued again by `requeue_stalled`.
"""

import datetime
import logging
import threading
import uuid
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import connection, transaction
from django.db.models.functions import Now
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.models import DBTaskResult

from committee.files.models import StoredFile
from committee.jobs import kinds
from committee.jobs.models import Job

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = 1.0  # seconds: the progress a page shows is at most this old
STALLED_AFTER = datetime.timedelta(seconds=30)  # a running job not heard from for this long lost its worker
WAITING_AFTER = datetime.timedelta(minutes=10)  # a job queued this long is queued again (its task may be lost)
MOST_ATTEMPTS = 3  # a job whose worker dies this many times is failed, not run again (it may be what kills them)
KEPT_FOR = datetime.timedelta(days=7)  # a finished job, its result and its upload are deleted after this
LATER = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60)]  # waits after each TryLater
MOST_UNFINISHED = 5  # jobs one person (or one signed-out browser) may have waiting or under way at once


class JobError(Exception):
    """What a person asked of a job cannot be done (retrying one that did not fail, say)."""


def start_job(
    kind: str,
    *,
    title: str,
    arguments: dict[str, Any],
    by: Any,
    visitor: str = "",
    back_url: str = "",
    language: str = "",
    upload: File | None = None,
) -> Job:
    """Queue a job of `kind` for `by` (signed out: for the browser session `visitor`); it runs once the caller's
    transaction commits (there and then under the embedded defaults, whose task backend runs it at once)."""
    if not kinds.is_registered(kind):
        raise LookupError(f"No job of the kind {kind!r} is registered.")
    by = by if by is not None and by.is_authenticated else None
    asked = Job.objects.asked_by(by, visitor).unfinished()
    if upload is None and (same := asked.filter(kind=kind, arguments=arguments).first()) is not None:
        return same  # asked twice (a double click): the one under way
    if (by is not None or visitor) and asked.count() >= MOST_UNFINISHED:
        raise JobError(
            _("You have %(count)d things under way already: wait until one of them is done.")
            % {"count": MOST_UNFINISHED}
        )
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:300],
            arguments=arguments,
            requested_by=by,
            visitor="" if by is not None else visitor,
            back_url=back_url[:500],
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        if upload is not None:
            job.upload.save(PurePosixPath(upload.name or "upload").name, upload)
        _enqueue_when_committed(job.pk)
    return job


def _enqueue_when_committed(job_id: uuid.UUID) -> None:
    """The queue's row is written in the job's transaction, so a job is never queued without its task nor the
    other way round. The immediate backend (the embedded defaults) runs the job as it is enqueued: only once the
    transaction commits, then."""
    if isinstance(run_job.get_backend(), ImmediateBackend):
        transaction.on_commit(partial(_enqueue, job_id), robust=True)
    else:
        _enqueue(job_id)


def _enqueue(job_id: uuid.UUID) -> None:
    run_job.enqueue(str(job_id))


@task()
def run_job(job_id: str) -> None:
    """The one task the queue knows: what the job does is its kind's."""
    execute(uuid.UUID(job_id))


def execute(job_id: uuid.UUID) -> None:
    """Run the job if it is queued (a job done, failed, or taken by another worker is left alone)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=Job.Status.QUEUED).first()
        if job is None:
            return
        job.status, job.started_at, job.heartbeat_at = Job.Status.RUNNING, Now(), Now()
        job.attempts += 1
        job.progress, job.error = 0, ""
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "progress", "error"])
    progress = kinds.Progress()
    with translation.override(job.language), _Heartbeat(job, progress):
        try:
            with transaction.atomic():
                outcome = kinds.function_for(job.kind)(job, progress)
                _finish(job, outcome)
        except _NotOurs:
            logger.warning("Job %s (%s): run again elsewhere meanwhile; this run is undone", job.pk, job.kind)
        except kinds.TryLater as reason:
            _again_later(job, str(reason))
        except kinds.JobFailed as failure:
            _fail(job, str(failure))
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _fail(job, _("Something unexpected stopped it; the administrators can read why in the log."))


class _NotOurs(Exception):
    """The job was queued again meanwhile (its heartbeat went silent): this run's work is rolled back."""


def _this_run(job: Job):
    """The job's row, while it is still this run's: running, at this run's attempt."""
    return Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts)


def _finish(job: Job, outcome: kinds.Outcome) -> None:
    """Say the job is done, in the transaction of its work: if another run took it meanwhile, undo this one."""
    if not _this_run(job).select_for_update().exists():
        raise _NotOurs
    if outcome.file is not None:
        job.result.save(outcome.filename, ContentFile(outcome.file), save=False)
    job.result_name = outcome.filename
    job.result_url = outcome.url
    job.result_message = outcome.message
    job.status, job.progress, job.step, job.finished_at = Job.Status.DONE, 100, "", Now()
    job.save(
        update_fields=["result", "result_name", "result_url", "result_message", "status", "progress", "step",
                       "finished_at"]
    )  # fmt: skip


def _again_later(job: Job, why: str) -> None:
    """Queue the job again after a wait that grows with its attempts; fail it once the waits are used up, or where
    jobs run in the request (nothing would run it later)."""
    backend = run_job.get_backend()
    if job.attempts > len(LATER) or not backend.supports_defer:
        _fail(job, why)
        return
    wait = LATER[job.attempts - 1]
    with transaction.atomic():
        minutes = wait.seconds // 60
        step = ngettext(
            "%(why)s Trying again in %(minutes)d minute.", "%(why)s Trying again in %(minutes)d minutes.", minutes
        ) % {"why": why, "minutes": minutes}
        if _this_run(job).update(status=Job.Status.QUEUED, step=step[:300], heartbeat_at=Now() + wait):
            run_job.using(run_after=timezone.now() + wait).enqueue(str(job.pk))


def _fail(job: Job, why: str) -> None:
    """Say why the job failed, unless it is done already or another run has it."""
    _this_run(job).update(status=Job.Status.FAILED, error=why, step="", finished_at=Now())


class _Heartbeat:
    """While a job runs, a thread of the worker writes, every HEARTBEAT_EVERY seconds and on a connection of its
    own (outside the job's transaction), that the worker is alive and how far the job has got.

    Not on SQLite, which lets one connection write at a time (the job's own, for as long as its transaction lasts),
    and where the job runs in the request that asked for it, so no other page could watch it anyway."""

    def __init__(self, job: Job, progress: kinds.Progress) -> None:
        self.job_id = job.pk
        self.progress = progress
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{job.pk}", daemon=True)

    def __enter__(self) -> "_Heartbeat":
        if connection.vendor != "sqlite":
            self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_EVERY):
                percent, step = self.progress.now
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=Now(), progress=percent, step=step
                    )
                except Exception:  # the database restarting: the next beat tries again, on a new connection
                    logger.warning("Job %s: its heartbeat could not be written", self.job_id, exc_info=True)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection (back to the pool on PostgreSQL)


def retry_job(job: Job) -> Job:
    """Queue again a job that failed (its page, which only whoever asked for it sees, has the button)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status != Job.Status.FAILED:
            raise JobError(_("Only what failed can be tried again."))
        job.status, job.error, job.attempts, job.progress, job.step = Job.Status.QUEUED, "", 0, 0, ""
        job.finished_at = None
        job.save()
        _enqueue_when_committed(job.pk)
    return job


def requeue_stalled() -> list[Job]:
    """Queue again each running job whose worker has gone silent (its work, uncommitted, went with it); fail one
    whose workers died MOST_ATTEMPTS times. Run by every job worker, every few seconds."""
    with transaction.atomic():
        stalled = list(Job.objects.stalled(heard_before=Now() - STALLED_AFTER).select_for_update(skip_locked=True))
        for job in stalled:
            if job.attempts >= MOST_ATTEMPTS:
                with translation.override(job.language):
                    why = _("Its worker stopped %(count)d times while doing it; it was not started again.")
                    job.error = why % {"count": job.attempts}
                job.status, job.finished_at = Job.Status.FAILED, Now()
            else:
                with translation.override(job.language):
                    job.step = _("Its worker stopped; it is starting again.")
                job.status, job.heartbeat_at = Job.Status.QUEUED, Now()
                _enqueue_when_committed(job.pk)
            job.save(update_fields=["status", "error", "step", "finished_at", "heartbeat_at"])
        # A job queued long ago whose task never came (a worker killed between taking the task and starting the
        # job): its task again. Running it twice is harmless: only a queued job runs (execute).
        forgotten = list(
            Job.objects.waiting_since(Now() - WAITING_AFTER)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        Job.objects.filter(pk__in=forgotten).update(heartbeat_at=Now())
        for pk in forgotten:
            _enqueue_when_committed(pk)
    for job in stalled:
        logger.warning("Job %s (%s): its worker went silent; %s", job.pk, job.kind, job.status)
    return stalled


def prune_finished() -> int:
    """Delete the jobs finished more than KEPT_FOR ago, with their files; how many. Run by the job workers."""
    with transaction.atomic():
        old = Job.objects.finished_before(Now() - KEPT_FOR)
        names = [name for pair in old.values_list("result", "upload") for name in pair if name]
        StoredFile.objects.filter(name__in=names).delete()
        count, _deleted = old.delete()
        DBTaskResult.objects.finished().filter(finished_at__lt=Now() - KEPT_FOR).delete()  # the queue's own rows
    return count

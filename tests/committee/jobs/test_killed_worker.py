"""A job worker killed in the middle of a finalization (SIGKILL, no chance to clean up) leaves nothing of it: no
archive row, no file, the report still a draft; its job, silent, is queued again and the next worker finalizes.

PostgreSQL only (CI's second run): the worker is another process, which reads and writes the test's database."""

import datetime
import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from committee.files.models import StoredFile
from committee.jobs.models import Job
from committee.jobs.services import requeue_stalled, start_job
from documents.reports.models import ArchivedReport, Report
from tests.test_database_connections import ROOT, database_url

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (CI's second run)"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("countries"),
]


def worker(*options: str) -> list[str]:
    return [sys.executable, "manage.py", "run_jobs", "--no-startup-delay", "--interval", "0.2", *options]


def test_a_worker_killed_mid_finalization_leaves_nothing_and_the_next_one_finalizes(cast, small_session, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production: queued
    env = {**os.environ, "DATABASE_URL": database_url(), "JOB_WORKER": "1"}
    report = Report.objects.get(session=small_session)
    job = start_job("reports.finalize", title="Finalizing", arguments={"report": report.pk}, by=cast["rapporteur"])

    first = subprocess.Popen(  # noqa: S603
        worker(), cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while Job.objects.get(pk=job.pk).step != "Making the PDFs and archiving.":  # its heartbeat says so
            assert first.poll() is None, "the worker stopped by itself"
            assert time.monotonic() < deadline, "the job never got to its PDFs"
            time.sleep(0.05)
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its LibreOffice
        first.wait()

    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert report.status == Report.Status.DRAFT
    assert not ArchivedReport.objects.exists()
    assert not StoredFile.objects.exists()

    # Thirty seconds later, the watchdog of any worker finds it silent and queues it again.
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=1))
    assert [stalled.pk for stalled in requeue_stalled()] == [job.pk]
    subprocess.run(worker("--batch"), cwd=ROOT, env=env, check=True, timeout=300, capture_output=True)  # noqa: S603

    job.refresh_from_db()
    report.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)
    assert report.status == Report.Status.FINALIZED
    archived = list(ArchivedReport.objects.filter(report=report))
    assert sorted(entry.format for entry in archived) == ["akn", "docx", "pdf"]
    for entry in archived:
        with entry.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == entry.sha256

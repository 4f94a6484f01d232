"""Long work runs as a job: the page that asks for it shows its progress, then its result, or why it failed with a
button to try again; a job whose worker was killed left nothing and runs again."""

import datetime
import io
import logging

import docx
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from committee.bodies.models import Committee
from committee.jobs import kinds
from committee.jobs.models import Job
from committee.jobs.services import MOST_UNFINISHED, requeue_stalled, start_job
from documents.registry.models import Document
from documents.reports.models import ArchivedReport, Report
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

AGENDA = reverse("registry:document_file", kwargs={"symbol": "TST/G/2/1", "language": "en"})


def test_a_document_is_written_in_the_background_and_its_page_shows_how_far_it_has_got(client, cast):
    client.force_login(cast["secretariat"])
    asking = client.get(AGENDA)
    started = client.post(AGENDA)
    waiting = client.get(started.url)
    status = client.get(started.url + "status/").json()

    assert "TST/G/2/1 in English, as Word" in asking.text
    assert f'<form method="post" action="{AGENDA}">' in asking.text
    assert started.status_code == 302
    assert "Waiting for a worker" in waiting.text
    assert '<progress id="job-progress"' in waiting.text
    assert f'<noscript><p class="small"><a href="{started.url}">Reload this page</a>' in waiting.text
    assert status == {"status": "queued", "label": "Waiting for a worker", "progress": 0, "step": "", "finished": False}
    assert client.get(started.url + "result/").status_code == 404  # nothing yet

    assert run_queued_jobs() == 1
    done = client.get(started.url)
    download = client.get(started.url + "result/")

    assert "Done" in done.text
    assert "jobs.js" not in done.text  # nothing more to watch
    assert "Download TST_G_2_1.en.docx" in done.text
    assert download["Content-Disposition"] == 'attachment; filename="TST_G_2_1.en.docx"'
    text = [p.text for p in docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs]
    assert "Provisional agenda" in " ".join(text)
    assert client.get(started.url + "status/").json()["progress"] == 100


def test_a_job_is_seen_only_by_whoever_asked_for_it(client, cast):
    client.force_login(cast["secretariat"])
    started = client.post(AGENDA)
    run_queued_jobs()

    client.force_login(cast["member"])
    assert client.get(started.url).status_code == 404
    assert client.get(started.url + "result/").status_code == 404
    client.logout()
    assert client.get(started.url).status_code == 404


def test_a_signed_out_visitor_writes_a_public_document_and_only_their_browser_sees_it(client, small_session):
    Committee.objects.filter(pk=small_session.committee_id).update(is_public=True)
    started = client.post(AGENDA)
    run_queued_jobs()

    assert client.get(started.url + "result/").status_code == 200
    from django.test import Client

    assert Client().get(started.url).status_code == 404  # another browser


def test_a_job_runs_once_what_asked_for_it_commits_and_never_if_it_rolls_back(cast, django_capture_on_commit_callbacks):
    arguments = {"document": Document.objects.get(symbol="TST/G/2/1").pk, "language": "en", "format": "docx"}
    with django_capture_on_commit_callbacks(execute=True):  # the request commits at the end of this block
        job = start_job("registry.write_document", title="Agenda", arguments=arguments, by=cast["secretariat"])
        assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    assert Job.objects.get(pk=job.pk).status == Job.Status.DONE  # the embedded defaults: run there and then

    def ask_then_fail():
        with transaction.atomic():
            start_job("registry.write_document", title="Agenda", arguments=arguments, by=cast["secretariat"])
            raise RuntimeError("the request fails after asking")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        ask_then_fail()
    assert Job.objects.count() == 1
    assert not callbacks


def test_one_person_has_a_bounded_number_of_things_under_way(client, cast, monkeypatch):
    monkeypatch.setitem(kinds._KINDS, "tests.slow", lambda job, progress: kinds.Outcome())
    for number in range(MOST_UNFINISHED):
        start_job("tests.slow", title="Slow", arguments={"number": number}, by=cast["secretariat"])
    client.force_login(cast["secretariat"])
    refused = client.post(AGENDA, follow=True)

    assert Job.objects.count() == MOST_UNFINISHED
    assert f"You have {MOST_UNFINISHED} things under way already" in refused.text


def test_asking_twice_for_the_same_thing_while_it_is_under_way_starts_it_once(client, cast):
    client.force_login(cast["secretariat"])
    first, second = client.post(AGENDA), client.post(AGENDA)
    assert first.url == second.url
    assert Job.objects.count() == 1
    run_queued_jobs()
    assert client.post(AGENDA).url != first.url  # done: asked again, written again


def test_a_job_that_fails_says_why_and_is_tried_again(client, cast, monkeypatch):
    tries = []

    def flaky(job, progress):
        tries.append(job.attempts)
        if len(tries) == 1:
            raise kinds.JobFailed("LibreOffice did not answer in time.")
        return kinds.Outcome(message="Written at the second try.")

    monkeypatch.setitem(kinds._KINDS, "tests.flaky", flaky)
    job = start_job("tests.flaky", title="Something slow", arguments={}, by=cast["secretariat"])
    client.force_login(cast["secretariat"])
    run_queued_jobs()
    failed = client.get(reverse("jobs:job", kwargs={"pk": job.pk})).text
    client.post(reverse("jobs:retry", kwargs={"pk": job.pk}))
    again = client.post(reverse("jobs:retry", kwargs={"pk": job.pk}), follow=True).text  # queued: nothing to retry
    run_queued_jobs()
    done = client.get(reverse("jobs:job", kwargs={"pk": job.pk})).text

    assert "Failed" in failed
    assert "LibreOffice did not answer in time." in failed
    assert "Try again" in failed
    assert "Only what failed can be tried again." in again
    assert "Written at the second try." in done
    assert tries == [1, 1]


def test_an_unexpected_error_is_logged_for_the_administrators_and_said_plainly(client, cast, monkeypatch, caplog):
    def broken(job, progress):
        raise ZeroDivisionError("a defect")

    monkeypatch.setitem(kinds._KINDS, "tests.broken", broken)
    job = start_job("tests.broken", title="Something broken", arguments={}, by=cast["secretariat"])
    with caplog.at_level(logging.ERROR, logger="committee.jobs.services"):
        run_queued_jobs()
    client.force_login(cast["secretariat"])
    page = client.get(reverse("jobs:job", kwargs={"pk": job.pk})).text

    assert "Something unexpected stopped it; the administrators can read why in the log." in page
    assert "a defect" not in page
    assert "ZeroDivisionError: a defect" in caplog.text


def test_a_finalization_that_cannot_be_done_fails_with_the_reason(client, cast, small_session):
    Report.objects.filter(session=small_session).update(status=Report.Status.FINALIZED)
    client.force_login(cast["rapporteur"])
    started = client.post(reverse("reports:report_action", kwargs={"code": "TST/G/2", "action": "finalize"}))
    run_queued_jobs()

    assert "This report has already been finalized." in client.get(started.url).text
    assert not ArchivedReport.objects.exists()


def test_a_job_whose_worker_went_silent_runs_again_and_after_three_deaths_is_failed(cast, small_session):
    """What a killed worker leaves: its job running, heard from long ago, and nothing of its work (uncommitted)."""
    report = Report.objects.get(session=small_session)
    job = start_job("reports.finalize", title="Finalizing", arguments={"report": report.pk}, by=cast["rapporteur"])
    long_ago = timezone.now() - datetime.timedelta(minutes=1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1, heartbeat_at=long_ago)
    Job.objects.create(kind="reports.finalize", title="Alive", status=Job.Status.RUNNING, heartbeat_at=timezone.now())

    assert [stalled.pk for stalled in requeue_stalled()] == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.step) == (Job.Status.QUEUED, "Its worker stopped; it is starting again.")
    run_queued_jobs()
    job.refresh_from_db()
    report.refresh_from_db()
    assert (job.status, job.attempts, report.status) == (Job.Status.DONE, 2, Report.Status.FINALIZED)
    assert ArchivedReport.objects.filter(report=report).count() == 3  # Word, PDF and Akoma Ntoso

    doomed = Job.objects.create(kind="reports.finalize", title="Doomed", status=Job.Status.RUNNING, attempts=3)
    Job.objects.filter(pk=doomed.pk).update(heartbeat_at=long_ago)
    requeue_stalled()
    doomed.refresh_from_db()
    assert doomed.status == Job.Status.FAILED
    assert doomed.error == "Its worker stopped 3 times while doing it; it was not started again."


def test_a_run_whose_job_was_queued_again_meanwhile_leaves_nothing(cast, monkeypatch):
    """Its heartbeat silent too long, the job was taken by another worker: this run's work is undone, and it does
    not say the job is done (nor failed) over the other run's head."""
    from committee.files.models import StoredFile

    def taken_meanwhile(job, progress):
        StoredFile.objects.create(name="half-done", content=b"", size=0, sha256="")
        Job.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)  # as requeue_stalled and another run would
        return kinds.Outcome(message="Done twice?")

    monkeypatch.setitem(kinds._KINDS, "tests.taken", taken_meanwhile)
    job = start_job("tests.taken", title="Taken", arguments={}, by=cast["secretariat"])
    run_queued_jobs()

    job.refresh_from_db()
    assert not StoredFile.objects.filter(name="half-done").exists()
    assert job.status == Job.Status.RUNNING  # as the silent run left it: the watchdog's to queue again
    assert job.result_message == ""


def test_a_document_that_became_unreadable_before_its_job_ran_is_not_written(client, cast):
    client.force_login(cast["member"])
    started = client.post(AGENDA)
    Document.objects.filter(symbol="TST/G/2/1").update(distribution=Document.Distribution.RESTRICTED)
    run_queued_jobs()

    page = client.get(started.url).text
    assert "You may no longer read TST/G/2/1 as it stands." in page
    assert client.get(started.url + "result/").status_code == 404


def test_an_email_the_mail_server_refused_is_sent_again_later(settings, mailoutbox, monkeypatch):
    """With a job worker (the queue in the database), a mail server down means a wait, not a lost notice; where
    jobs run in the request, nothing would come back for it: it fails, for the administrators to try again."""
    import smtplib

    from django.core.mail import EmailMessage
    from django_tasks_db.models import DBTaskResult

    from committee.jobs.email import email_later

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self: (_ for _ in ()).throw(smtplib.SMTPServerDisconnected()))
    job = email_later(subject="Invitation", body="Welcome.", to=["delegate@example.org"])
    run_queued_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.step.startswith("The mail server did not take it")
    assert job.step.endswith("Trying again in 1 minute.")
    later = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert later.run_after > timezone.now() + datetime.timedelta(seconds=50)  # not before a minute has passed

    monkeypatch.setattr(EmailMessage, "send", send)
    run_queued_jobs()  # the worker, a minute later
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)
    assert [message.subject for message in mailoutbox] == ["Invitation"]

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(EmailMessage, "send", lambda self: (_ for _ in ()).throw(smtplib.SMTPServerDisconnected()))
    refused = email_later(subject="Notice", body="A meeting.", to=["delegate@example.org"])
    run_queued_jobs()
    refused.refresh_from_db()
    assert refused.status == Job.Status.FAILED

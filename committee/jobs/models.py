"""A job: long work (writing a document, finalizing a report, an import, a notice) that a worker does outside the
request that asked for it, with the progress the person who asked watches, and its result.

The queue itself is django-tasks' (its database backend in production: django_tasks_db); a job is what this app
adds to a task: who asked, its progress, its result, its error, and a heartbeat, by which a job whose worker was
killed is found and run again."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _result_path(instance: "Job", filename: str) -> str:
    return f"jobs/{instance.pk}/result/{filename}"


def _upload_path(instance: "Job", filename: str) -> str:
    return f"jobs/{instance.pk}/upload/{filename}"


class JobQuerySet(models.QuerySet["Job"]):
    def asked_by(self, user, visitor: str = "") -> "JobQuerySet":
        """The jobs of a person signed in, or of a signed-out visitor's browser session (none without one)."""
        if user is not None and user.is_authenticated:
            return self.filter(requested_by=user)
        return self.filter(requested_by=None, visitor=visitor) if visitor else self.none()

    def waiting_since(self, moment) -> "JobQuerySet":
        """Queued jobs asked for (or last queued again) before `moment`."""
        return self.filter(status=Job.Status.QUEUED).filter(
            models.Q(heartbeat_at__lt=moment) | models.Q(heartbeat_at=None, created_at__lt=moment)
        )

    def unfinished(self) -> "JobQuerySet":
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])

    def finished_before(self, moment) -> "JobQuerySet":
        return self.filter(status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=moment)

    def stalled(self, *, heard_before) -> "JobQuerySet":
        """Running jobs whose worker has not been heard from since `heard_before`: killed, or its machine gone."""
        return self.filter(status=Job.Status.RUNNING, heartbeat_at__lt=heard_before)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Under way")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)  # a name given to committee.jobs.kinds.register
    arguments = models.JSONField(_("arguments"), default=dict)
    title = models.CharField(_("title"), max_length=300)  # what the person reads: what is being done
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who asked, signed out: the key of their browser's session (a signed-out visitor downloads public documents).
    visitor = models.CharField(_("visitor's session"), max_length=40, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=10, default="en")  # of its messages: the asker's
    back_url = models.CharField(_("where it was asked for"), max_length=500, blank=True)
    upload = models.FileField(_("file to read"), upload_to=_upload_path, max_length=255, blank=True)  # an import's
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    step = models.CharField(_("step"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("why it failed"), blank=True)
    result = models.FileField(_("result"), upload_to=_result_path, max_length=255, blank=True)
    result_name = models.CharField(_("name of the result"), max_length=255, blank=True)  # the download's file name
    result_url = models.CharField(_("where the result is"), max_length=500, blank=True)
    result_message = models.TextField(_("what it did"), blank=True)
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heard from at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]

    def __str__(self) -> str:
        return self.title

    def active_requester(self):
        """The account that asked, if it still exists and may still sign in."""
        if self.requested_by is None or not self.requested_by.is_active:
            return None
        return self.requested_by

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

"""A job's page: its progress while it runs (polled every second with JavaScript, on each reload without), then
its result or why it failed, with a button to try again. Only whoever asked for it sees it: the person signed in,
or the signed-out visitor's browser session."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.files import File
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.jobs.models import Job
from committee.jobs.services import JobError, retry_job, start_job
from committee.kernel.editing import carry_out


def get_job_for_request(request: HttpRequest, pk: uuid.UUID) -> Job:
    """The job, if whoever makes the request asked for it; otherwise it does not exist for them."""
    job = Job.objects.asked_by(request.user, request.session.session_key or "").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def start_for_request(
    request: HttpRequest,
    kind: str,
    *,
    title: str,
    arguments: dict[str, Any],
    back_url: str,
    upload: File | None = None,
) -> HttpResponse:
    """Start a job for whoever makes the request (a signed-out visitor by their browser session) and show its
    page; if they have too much under way already, say so where they came from."""
    if not request.user.is_authenticated and not request.session.session_key:
        request.session.save()  # a session of its own, by which the visitor's job page knows them
    try:
        job = start_job(
            kind,
            title=title,
            arguments=arguments,
            by=request.user,
            visitor=request.session.session_key or "",
            back_url=back_url,
            upload=upload,
        )
    except JobError as refusal:
        messages.error(request, str(refusal))
        return redirect(back_url)
    return redirect("jobs:job", pk=job.pk)


def format_name(file_format: str) -> str:
    return {"docx": _("Word"), "pdf": "PDF", "akn": "Akoma Ntoso"}.get(file_format, file_format)


def writing(request: HttpRequest, kind: str, *, title: str, arguments: dict[str, Any], back_url: str) -> HttpResponse:
    """A document written from the data: its button's page (GET, the address a link or bookmark gives), and the
    job that writes it (POST: its button)."""
    if request.method == "POST":
        return start_for_request(request, kind, title=title, arguments=arguments, back_url=back_url)
    explanation = _(
        "It is written from the data as they stand now. That can take a while: it is done in the background, "
        "and the next page shows how far it has got, then the download."
    )
    context = {"title": title, "explanation": explanation, "button": _("Write it"), "back_url": back_url}
    return render(request, "jobs/start.html", context)


def job_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The job's progress; once done, its download, or the page where its result stands (with what it did)."""
    job = get_job_for_request(request, pk)
    if job.status == Job.Status.DONE and job.result_url and not job.result:
        if job.result_message:
            messages.success(request, job.result_message)
        return redirect(job.result_url)
    return render(request, "jobs/job.html", {"job": job})


def job_status(request: HttpRequest, pk: uuid.UUID) -> JsonResponse:
    job = get_job_for_request(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "progress": job.progress,
            "step": job.step,
            "finished": job.is_finished,
        },
        headers={"Cache-Control": "no-store"},
    )


def job_result(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    job = get_job_for_request(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    try:
        return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
    except FileNotFoundError:
        raise Http404 from None


@require_POST
def retry(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = get_job_for_request(request, pk)
    carry_out(request, lambda: retry_job(job), refusals=(JobError,))
    return redirect("jobs:job", pk=job.pk)

"""Jobs in tests: the test plays the worker's part (a request's jobs start once it commits, and a test's
transaction never does), then reads what the job left as a person would, on the job's page."""

from django.http import HttpResponse

from committee.jobs.models import Job
from committee.jobs.services import execute


def run_queued_jobs() -> int:
    """Run every queued job, as the job worker would; how many ran."""
    queued = list(Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at").values_list("pk", flat=True))
    for pk in queued:
        execute(pk)
    return len(queued)


def followed(client, response) -> HttpResponse:
    """The page a person lands on after a form is sent: a job it started is run first, as the worker would."""
    if response.status_code != 302:
        return response
    if "/jobs/" in response.url:
        run_queued_jobs()
    return client.get(response.url, follow=True)


def written(client, url: str) -> HttpResponse:
    """What the page at `url` writes from the data: ask for it (its button posts), let the job run, and download
    the result from the job's page. A refusal (a 403, a 404, a redirect to sign in) is returned as it came."""
    started = client.post(url)
    if started.status_code != 302 or "/jobs/" not in started.url:
        return started
    run_queued_jobs()
    page = client.get(started.url)
    if 'href="' + started.url + 'result/"' not in page.text:
        return page  # it failed: the page says why
    download = client.get(started.url + "result/")
    response = HttpResponse(b"".join(download.streaming_content), content_type=download["Content-Type"])
    response["Content-Disposition"] = download["Content-Disposition"]
    return response

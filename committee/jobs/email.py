"""Emails sent by a job once the transaction that asks for them commits: an SMTP server slow or down holds no
request, and a rollback sends nothing."""

import smtplib

from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from committee.jobs.kinds import Outcome, Progress, TryLater, register
from committee.jobs.models import Job
from committee.jobs.services import start_job

SEND_EMAIL = "jobs.send_email"


def email_later(*, subject: str, body: str, to: list[str]) -> Job:
    return start_job(
        SEND_EMAIL,
        title=_("Email to %(to)s: %(subject)s") % {"to": ", ".join(to), "subject": subject},
        arguments={"subject": subject, "body": body, "to": to},
        by=None,
    )


def send_email(job: Job, progress: Progress) -> Outcome:
    """Send it; a mail server that cannot be reached is tried again later (see services.LATER)."""
    arguments = job.arguments
    try:
        EmailMessage(arguments["subject"], arguments["body"], None, arguments["to"]).send()
    except (smtplib.SMTPException, OSError) as error:
        raise TryLater(_("The mail server did not take it (%(error)s).") % {"error": error}) from None
    return Outcome(message=_("Sent."))


def register_jobs() -> None:
    register(SEND_EMAIL, send_email)

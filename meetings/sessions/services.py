"""Creating and changing a committee's sessions in the app."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from committee.bodies.models import Committee
from committee.kernel.audit import audited
from committee.roles.access import Permission, can
from meetings.sessions.models import Session


class SessionError(Exception):
    """A change to a session that the person's rights or the data do not allow; the message says why."""


def next_session(committee: Committee) -> dict:
    """What a new session of `committee` most likely is: the next number, its code in the body's symbol series,
    the body's time zone."""
    number = (committee.sessions.aggregate(last=Max("number"))["last"] or 0) + 1
    series = committee.symbol_series
    code = f"{series}{'' if series.endswith('/') else '/'}{number}" if series else ""
    return {"number": number, "code": code, "time_zone": committee.time_zone}


def _save(session: Session) -> Session:
    try:
        session.full_clean()
    except ValidationError as error:
        raise SessionError(
            " ".join(message for messages in error.message_dict.values() for message in messages)
        ) from None
    session.save()
    return session


@audited
def create_session(*, committee: Committee, values: dict, by: User) -> Session:
    """A new session of `committee`. What it needs comes with it: its draft report (the reports app answers its
    creation) and its documents' series under its code."""
    if not can(by, Permission.MANAGE, committee):
        raise SessionError(_("Only the secretariat creates sessions."))
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()  # numbers are given one at a time
        return _save(Session(committee=committee, **values))


@audited
def change_session(*, session: Session, values: dict, by: User) -> Session:
    """Change a session's number, dates, venue, time zone or status; its code stays (it prefixes its symbols)."""
    if not can(by, Permission.MANAGE, session.committee):
        raise SessionError(_("Only the secretariat changes a session."))
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("committee").get(pk=session.pk)
        for field, value in values.items():
            if field != "code":
                setattr(session, field, value)
        return _save(session)

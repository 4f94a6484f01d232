"""What the report cannot state yet because the session's record lacks it: the draft lists it for the
secretariat, with the page where each is recorded."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import pick
from decisions.outcomes.models import Decision
from meetings.proceedings.record import session_steps
from meetings.sessions.models import Session


@dataclass(frozen=True)
class Unrecorded:
    what: str | Promise
    url: str


def unrecorded(session: Session) -> list[Unrecorded]:
    """The procedural steps and the adoptions not yet recorded, in the order the session takes them (4 queries)."""
    page = reverse("proceedings:page", kwargs={"code": session.code})
    steps, _officers, _agendas = session_steps(session)
    missing = [Unrecorded(step.title, f"{page}#step-{step.key}") for step in steps if not step.recorded]
    for decision in Decision.objects.filter(session=session, method=""):
        title = pick(decision.title, get_language() or "en")
        name = (
            f"{decision.get_kind_display()} {decision.number}"
            if decision.number
            else title or decision.get_kind_display()
        )
        missing.append(
            Unrecorded(
                _("How “%(text)s” was adopted") % {"text": name},
                reverse("outcomes:adoption", kwargs={"code": session.code, "pk": decision.pk}),
            )
        )
    return missing

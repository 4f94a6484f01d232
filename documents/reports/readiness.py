"""What the report lacks before it can be finalized, and what it cannot state yet because the session's record
lacks it. The draft lists both for the secretariat, each with the place where it is done; finalization is
refused while an item remains that is not waived. The symbol, the date of issue and a text to archive cannot
be waived: the archived report must carry them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import LANGUAGE_CHOICES, pick
from decisions.outcomes.models import Decision, Paragraph
from documents.builders.schemes import Holds
from documents.reports.collect import report_languages
from documents.reports.models import Comment, Report, ReportParagraph, Waiver
from documents.schemes.rules import scheme_data
from documents.schemes.services import scheme_of
from meetings.proceedings.record import session_steps
from meetings.sessions.models import Session

ALWAYS_BLOCKING = {"symbol", "issue_date", "text"}


@dataclass(frozen=True)
class Missing:
    """One thing the report lacks: `item` names it for a waiver."""

    item: str
    what: str | Promise
    url: str
    waiver: Waiver | None = None

    @property
    def waivable(self) -> bool:
        return self.item not in ALWAYS_BLOCKING

    @property
    def blocks(self) -> bool:
        return self.waiver is None


# The part of a report scheme that reports each step of the proceedings.
REPORTED_IN = {"organization_of_work": Holds.ADOPTION_OF_AGENDA}


def _unrecorded(session: Session) -> list[Missing]:
    """The procedural steps the body's report scheme reports and the adoptions not yet recorded, in the order the
    session takes them (4 queries)."""
    page = reverse("proceedings:page", kwargs={"code": session.code})
    steps, _officers, _agendas = session_steps(session)
    scheme = scheme_data(scheme_of(session.committee).as_dict())
    missing = [
        Missing(f"step:{step.key}", step.title, f"{page}#step-{step.key}")
        for step in steps
        if not step.recorded and scheme.holds(REPORTED_IN.get(step.key, step.key))
    ]
    if not any(
        scheme.holds(kind) for kind in (Holds.ADOPTION_OF_OUTCOME, Holds.DECISIONS, Holds.DECISIONS_WITH_ACTIONS)
    ):
        return missing  # the report says nothing of the texts adopted
    for decision in Decision.objects.filter(session=session, method=""):
        title = pick(decision.title, get_language() or "en") or decision.get_kind_display()
        name = f"{decision.get_kind_display()} {decision.number}" if decision.number else title
        missing.append(
            Missing(
                f"adoption:{decision.pk}",
                _("How “%(text)s” was adopted") % {"text": name},
                reverse("outcomes:adoption", kwargs={"code": session.code, "pk": decision.pk}),
            )
        )
    return missing


def readiness(report: Report) -> list[Missing]:
    """Everything the report lacks before it is finalized, each with its waiver if it has one (for this
    version); an empty list: ready."""
    session = report.session
    draft = reverse("reports:report", kwargs={"code": session.code})
    missing: list[Missing] = []
    document = report.document
    if document is None:
        missing.append(Missing("symbol", _("The report has no symbol yet."), f"{draft}#report-symbol"))
    elif document.issued_on is None:
        missing.append(Missing("issue_date", _("The report has no date of issue yet."), f"{draft}#report-symbol"))
    languages = report_languages(session)
    if not languages:
        missing.append(Missing("text", _("The report has no drafted text to archive, in any language."), draft))
    names = dict(LANGUAGE_CHOICES)
    texts = [
        *ReportParagraph.objects.filter(section__report=report).values_list("text", flat=True),
        *Paragraph.objects.filter(decision__session=session).values_list("text", flat=True),
    ]
    for language in languages:
        empty = sum(1 for text in texts if not (text or {}).get(language, "").strip())
        if empty:
            what = ngettext(
                "%(count)d paragraph has no text in %(language)s.",
                "%(count)d paragraphs have no text in %(language)s.",
                empty,
            ) % {"count": empty, "language": names.get(language, language)}
            missing.append(Missing(f"text:{language}", what, f"{draft}?lang={language}"))
    open_comments = Comment.objects.filter(status=Comment.Status.OPEN, paragraph__section__report=report).count()
    if open_comments:
        what = ngettext(
            "%(count)d comment is not dealt with.", "%(count)d comments are not dealt with.", open_comments
        ) % {"count": open_comments}
        missing.append(Missing("comments", what, draft))
    missing += _unrecorded(session)
    waivers = report.waivers.filter(version=report.version).select_related("waived_by")
    by_item = {waiver.item: waiver for waiver in waivers}
    return [
        Missing(item.item, item.what, item.url, by_item.get(item.item) if item.waivable else None) for item in missing
    ]

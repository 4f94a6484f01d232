"""The follow-up of what a committee decided: its actions, who reports progress, and what is overdue.

A member reports progress on the actions it is responsible for; the secretariat reports on any and
publishes. Published progress is what everyone who sees the committee reads, and the action's status is
that of its latest published update. The queries here take the same number of statements whatever the
number of sessions, paragraphs, actions and updates.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Case, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.bodies.models import Committee
from committee.kernel.audit import audited
from committee.kernel.concurrency import retried
from committee.kernel.editing import EditError
from committee.notifications.services import notify
from committee.roles.access import Permission, can, holders, represented_entities
from decisions.follow_up.models import STILL_DUE, Action, ProgressUpdate, Status
from decisions.outcomes.models import Paragraph
from meetings.sessions.models import Session

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from decisions.follow_up.forms import ProgressForm


class FollowUpError(EditError):
    """A step the person may not take, or that the data does not allow; the message says why."""


def may_report_on(user: User | AnonymousUser, action: Action, committee: Committee) -> bool:
    """The secretariat on any action; a member on those of the delegation it speaks for."""
    if can(user, Permission.MANAGE, committee):
        return True
    return (
        action.responsible != Action.Responsible.SECRETARIAT
        and action.responsible_entity_id in represented_entities(user, committee)
    )


@audited
@retried
def add_action(*, action: Action, by: User) -> Action:
    """Add `action` (unsaved, its fields filled, its paragraph set) last among its paragraph's actions.

    The paragraph is locked while its actions are counted, so two actions added at once get two places.
    """
    committee = action.paragraph.decision.session.committee
    if not can(by, Permission.MANAGE, committee):
        raise FollowUpError(_("Only the secretariat adds actions."))
    with transaction.atomic():
        Paragraph.objects.select_for_update().get(pk=action.paragraph_id)
        last = Action.objects.filter(paragraph_id=action.paragraph_id).aggregate(last=Max("position"))["last"]
        action.position = (last or 0) + 1
        action.save()
    return action


@audited
def report_progress(*, action: Action, by: User, update: ProgressUpdate) -> ProgressUpdate:
    """Record `update` (unsaved, its fields filled) on `action`. The secretariat's own report is published at
    once; a member's waits for the secretariat, who is told."""
    committee = action.paragraph.decision.session.committee
    if not may_report_on(by, action, committee):
        raise FollowUpError(_("Only the secretariat or the member responsible reports on this action."))
    with transaction.atomic():
        update.action = action
        update.reported_by = by
        update.save()
        if can(by, Permission.MANAGE, committee):
            return publish(update=update, by=by)
    for person in holders(Permission.MANAGE, committee):
        notify(
            user=person,
            message=_("Progress to publish on %(action)s") % {"action": action},
            url=reverse("follow_up:paragraph", kwargs={"code": action.paragraph.decision.session.code,
                                                       "pk": action.top_paragraph_id}),
        )  # fmt: skip
    return update


@audited
def publish(*, update: ProgressUpdate, by: User) -> ProgressUpdate:
    """Make the update public; the action takes the status of its latest published update."""
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update()
        update = locked.select_related("action__paragraph__decision__session__committee").get(pk=update.pk)
        action = update.action
        if not can(by, Permission.MANAGE, action.paragraph.decision.session.committee):
            raise FollowUpError(_("Only the secretariat publishes progress."))
        if update.is_published:
            return update
        update.published_at = timezone.now()
        update.published_by = by
        update.save(update_fields=["published_at", "published_by"])
        latest = action.updates.filter(published_at__isnull=False).order_by("-reported_on", "-pk").first()
        if latest is not None and action.status != latest.status:
            action.status = latest.status
            action.save(update_fields=["status"])
    return update


@audited
def withdraw(*, update: ProgressUpdate, by: User) -> None:
    """An unpublished report goes back (its author or the secretariat takes it back)."""
    committee = update.action.paragraph.decision.session.committee
    if update.is_published:
        raise FollowUpError(_("Published progress stays on record."))
    if update.reported_by_id != by.pk and not can(by, Permission.MANAGE, committee):
        raise FollowUpError(_("Only its author or the secretariat withdraws a report."))
    update.delete()


# Reading -----------------------------------------------------------------------------------------------


def _next_session_start() -> Subquery:
    """The start of the session after the action's decision's: when "by the next session" falls due."""
    return Subquery(
        Session.objects.filter(
            committee=OuterRef("paragraph__decision__session__committee"),
            number__gt=OuterRef("paragraph__decision__session__number"),
            start_date__isnull=False,
        )
        .order_by("number")
        .values("start_date")[:1]
    )


def actions_with_progress(user: User | AnonymousUser, committee: Committee) -> QuerySet[Action]:
    """Each action with what a page needs of it: its paragraph, decision and session, whom it is for, when it
    falls due (`due`), and its updates in date order (`shown_updates`: published ones, and the unpublished
    ones the person may see)."""
    updates = ProgressUpdate.objects.select_related("evidence_document__session").order_by("reported_on", "pk")
    if not can(user, Permission.MANAGE, committee):
        own = represented_entities(user, committee)
        updates = updates.filter(Q(published_at__isnull=False) | Q(action__responsible_entity__in=own))
    return (
        Action.objects.select_related("paragraph__decision__session", "paragraph__parent", "responsible_entity")
        .annotate(due=Case(When(due_by_next_session=True, then=_next_session_start()), default=F("due_on")))
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="shown_updates"))
        .order_by(
            "paragraph__decision__session__number",
            "paragraph__decision__position",
            Coalesce("paragraph__parent__position", "paragraph__position"),  # the operative paragraph's place
            F("paragraph__parent").asc(nulls_first=True),  # the paragraph's own actions before its sub-items'
            "paragraph__position",
            "position",
            "pk",
        )
    )


def is_overdue(action: Action, today: datetime.date) -> bool:
    due = action.due  # type: ignore[attr-defined]  # annotated by actions_with_progress
    return due is not None and due < today and action.status in STILL_DUE


def last_session(committee: Committee, today: datetime.date) -> Session | None:
    """The committee's latest session that has ended: "since the last session" counts from its end."""
    return (
        committee.sessions.filter(Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today))
        .order_by("-number")
        .first()
    )


@dataclass
class ActionRow:
    """An action as the follow-up pages show it."""

    action: Action
    paragraph_label: str  # "5" or "5 (b)": as the paragraph is numbered in its decision
    overdue: bool
    status_then: str  # its status at the end of the last session
    latest: ProgressUpdate | None  # the latest published update
    pending: list[ProgressUpdate] = field(default_factory=list)  # reported, to publish

    has_news: bool = False  # progress published since the last session
    # Set by the paragraph's page, for whoever may report on the action:
    may_report: bool = False
    form: "ProgressForm | None" = None

    @property
    def status_then_label(self) -> "StrPromise":
        return Status(self.status_then).label

    @property
    def changed(self) -> bool:
        return self.status_then != self.action.status or self.has_news


def operative_numbers(decision_ids) -> dict[int, int]:
    """Each top operative paragraph's number in its decision (1, 2, ...), by paragraph id, in one query."""
    numbers: dict[int, int] = {}
    counters: Counter[int] = Counter()
    top = Paragraph.objects.filter(decision__in=decision_ids, parent__isnull=True, kind=Paragraph.Kind.OPERATIVE)
    for pk, decision_id in top.order_by("decision_id", "position").values_list("pk", "decision_id"):
        counters[decision_id] += 1
        numbers[pk] = counters[decision_id]
    return numbers


def paragraph_label(paragraph: Paragraph, numbers: dict[int, int]) -> str:
    if paragraph.parent_id:
        return f"{numbers.get(paragraph.parent_id, '?')} ({paragraph.letter})"
    return str(numbers.get(paragraph.pk, "?"))


def rows(actions, *, since: Session | None, today: datetime.date) -> list[ActionRow]:
    """The rows of `actions` (from `actions_with_progress`), with what changed since the end of `since`: what was
    published after it, whatever date the progress bears."""
    actions = list(actions)
    numbers = operative_numbers({a.paragraph.decision_id for a in actions})
    cut = since.end_date or since.start_date if since else None
    result = []
    for action in actions:
        published = [u for u in action.shown_updates if u.is_published]
        known = [u for u in published if cut is not None and timezone.localdate(u.published_at) <= cut]
        result.append(
            ActionRow(
                action=action,
                paragraph_label=paragraph_label(action.paragraph, numbers),
                overdue=is_overdue(action, today),
                status_then=(known[-1].status if known else Status.NOT_STARTED) if cut else action.status,
                latest=published[-1] if published else None,
                pending=[u for u in action.shown_updates if not u.is_published],
                has_news=cut is not None and len(published) > len(known),
            )
        )
    return result

"""The follow-up pages: a session's decisions with the follow-up of each paragraph, one paragraph's actions and
their progress (where members report and the secretariat publishes), and a committee's follow-up."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Committee
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGES
from committee.kernel.page_cache import cached_page
from committee.roles.access import Permission, can, check, get_committee_for_user
from decisions.follow_up import charts
from decisions.follow_up.forms import ActionForm, ProgressForm
from decisions.follow_up.models import Action, ProgressUpdate, Status
from decisions.follow_up.services import (
    FollowUpError,
    actions_with_progress,
    add_action,
    last_session,
    may_report_on,
    operative_numbers,
    publish,
    report_progress,
    rows,
    withdraw,
)
from decisions.outcomes.models import Decision, Paragraph
from meetings.sessions.access import get_session_for_user

WHOLE_DECISIONS_LIMIT = 150  # paragraphs up to which a session's texts are shown together; past it, one at a time


def _written_in(decision: Decision) -> list[str]:
    """The languages in which all the text's paragraphs are written (`top_paragraphs` prefetched)."""
    paragraphs = decision.top_paragraphs  # type: ignore[attr-defined]
    return [code for code in LANGUAGES if paragraphs and all((p.text or {}).get(code, "").strip() for p in paragraphs)]


@cached_page
def session_decisions(request: HttpRequest, code: str) -> HttpResponse:
    """What the session adopted, paragraph by paragraph, each operative one with its follow-up."""
    session = get_session_for_user(request.user, code)
    today = timezone.localdate()
    texts = list(session.decisions.all())
    decisions = texts
    shown = None  # the text shown alone, where they are too long to be shown together
    if Paragraph.objects.filter(decision__session=session, parent__isnull=True).count() > WHOLE_DECISIONS_LIMIT:
        asked = request.GET.get("text", "")
        shown = next((text for text in texts if str(text.pk) == asked), texts[0])
        decisions = [shown]
    prefetch_related_objects(
        decisions,
        Prefetch("paragraphs", queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related("sub_items"),
                 to_attr="top_paragraphs"),
        "votes",
    )  # fmt: skip
    actions = actions_with_progress(request.user, session.committee).filter(paragraph__decision__in=decisions)
    by_paragraph: dict[int, list] = {}
    for row in rows(actions, since=None, today=today):
        by_paragraph.setdefault(row.action.top_paragraph_id, []).append(row)
    numbers = operative_numbers([d.pk for d in decisions])
    for decision in decisions:
        for paragraph in decision.top_paragraphs:  # type: ignore[attr-defined]  # prefetched (to_attr)
            paragraph.number = numbers.get(paragraph.pk)  # for the template
            paragraph.follow_up = by_paragraph.get(paragraph.pk, [])
        # The languages its Akoma Ntoso is offered in, for the template.
        decision.written_in = _written_in(decision) if decision.is_adopted else []  # type: ignore[attr-defined]
    context = {
        "session": session,
        "decisions": decisions,
        "texts": texts if shown else [],
        "shown": shown,
        "can_manage": can(request.user, Permission.MANAGE, session.committee),
    }
    return render(request, "follow_up/session_decisions.html", context)


def paragraph_page(request: HttpRequest, code: str, pk: int, forms: dict | None = None) -> HttpResponse:
    """One paragraph: its text, its actions with every update, and the forms of those who may act."""
    session = get_session_for_user(request.user, code)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("decision", "parent").prefetch_related("sub_items"),
        pk=pk,
        decision__session=session,
        parent__isnull=True,
        kind=Paragraph.Kind.OPERATIVE,
    )
    committee = session.committee
    manage = can(request.user, Permission.MANAGE, committee)
    targets = [paragraph, *paragraph.sub_items.all()]
    actions = actions_with_progress(request.user, committee).filter(paragraph__in=targets)
    action_rows = rows(actions, since=None, today=timezone.localdate())
    forms = forms or {}
    for row in action_rows:
        row.may_report = may_report_on(request.user, row.action, committee)
        blank = ProgressForm(action=row.action, user=request.user) if row.may_report else None
        row.form = forms.get(row.action.pk) or blank
    context = {
        "session": session,
        "paragraph": paragraph,
        "label": operative_numbers([paragraph.decision_id]).get(paragraph.pk),
        "rows": action_rows,
        "can_manage": manage,
        "action_form": forms.get("action") or (ActionForm(paragraph=paragraph) if manage else None),
        "targets": targets,
    }
    return render(request, "follow_up/paragraph.html", context, status=400 if forms else 200)


@require_POST
@login_required
def add_action_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    check(request.user, Permission.MANAGE, session.committee)
    operative = Q(kind=Paragraph.Kind.OPERATIVE, parent__isnull=True) | Q(parent__kind=Paragraph.Kind.OPERATIVE)
    chosen = request.POST.get("paragraph", "")
    target = get_object_or_404(
        Paragraph.objects.filter(operative), pk=chosen if chosen.isdecimal() else pk, decision__session=session
    )
    top = target.parent_id or target.pk
    form = ActionForm(request.POST, paragraph=target)
    if not form.is_valid():
        return paragraph_page(request, code, top, forms={"action": form})
    add_action(action=form.save(commit=False), by=request.user)
    messages.success(request, _("The action is added."))
    return redirect("follow_up:paragraph", code=code, pk=top)


def _action(request: HttpRequest, code: str, pk: int) -> Action:
    session = get_session_for_user(request.user, code)
    return get_object_or_404(
        Action.objects.select_related("paragraph__decision__session__committee"),
        pk=pk,
        paragraph__decision__session=session,
    )


@require_POST
@login_required
def report_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    action = _action(request, code, pk)
    if not may_report_on(request.user, action, action.paragraph.decision.session.committee):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES, action=action, user=request.user)
    if not form.is_valid():
        return paragraph_page(request, code, action.top_paragraph_id, forms={action.pk: form})
    try:
        update = report_progress(action=action, by=request.user, update=form.save(commit=False))
    except FollowUpError as error:
        messages.error(request, str(error))
    else:
        if update.is_published:
            messages.success(request, _("The progress is published."))
        else:
            messages.success(request, _("The progress is reported; the secretariat will publish it."))
    return _back_to(action)


def _back_to(action: Action) -> HttpResponse:
    """The action on its paragraph's page."""
    page = reverse("follow_up:paragraph", kwargs={"code": action.paragraph.decision.session.code,
                                                  "pk": action.top_paragraph_id})  # fmt: skip
    return redirect(f"{page}#action-{action.pk}")


@require_POST
@login_required
def update_view(request: AuthenticatedHttpRequest, code: str, pk: int, step: str) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("action__paragraph__decision__session__committee"),
        pk=pk,
        action__paragraph__decision__session=session,
    )
    action = update.action
    if step == "publish" or update.reported_by_id != request.user.pk:
        check(request.user, Permission.MANAGE, session.committee)  # a report is withdrawn by its author, or them
    try:
        if step == "publish":
            publish(update=update, by=request.user)
            messages.success(request, _("The progress is published."))
        else:
            withdraw(update=update, by=request.user)
            messages.success(request, _("The report is withdrawn."))
    except FollowUpError as error:
        messages.error(request, str(error))
    return _back_to(action)


def evidence_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """An uploaded piece of evidence, for whoever may read its report: anyone who sees the committee once it is
    published; before, the secretariat and the delegation that reported it."""
    session = get_session_for_user(request.user, code)
    shown = actions_with_progress(request.user, session.committee).filter(paragraph__decision__session=session)
    update = next((u for action in shown.filter(updates=pk) for u in action.shown_updates if u.pk == pk), None)  # type: ignore[attr-defined]  # prefetched
    if update is None or not update.evidence_file:
        raise Http404
    return FileResponse(update.evidence_file.open("rb"), as_attachment=True,
                        filename=PurePosixPath(update.evidence_file.name).name)  # fmt: skip


def _committee_actions(request: HttpRequest, committee: Committee):
    return actions_with_progress(request.user, committee).filter(paragraph__decision__session__committee=committee)


@cached_page
def committee_follow_up(request: HttpRequest, code: str) -> HttpResponse:
    """Every action on the committee's decisions, filtered by status, responsible and overdue, with what
    changed since the last session, the charts, and the progress report to download."""
    committee = get_committee_for_user(request.user, code)
    today = timezone.localdate()
    since = last_session(committee, today)
    all_rows = rows(_committee_actions(request, committee), since=since, today=today)
    status, responsible = request.GET.get("status", ""), request.GET.get("responsible", "")
    overdue, changed = bool(request.GET.get("overdue")), bool(request.GET.get("changed"))
    shown = [
        row
        for row in all_rows
        if (status not in Status.values or row.action.status == status)
        and (responsible not in Action.Responsible.values or row.action.responsible == responsible)
        and (not responsible.isdigit() or row.action.responsible_entity_id == int(responsible))
        and (not overdue or row.overdue)
        and (not changed or row.changed)
    ]
    entities = {row.action.responsible_entity for row in all_rows if row.action.responsible_entity}
    context = {
        "committee": committee,
        "rows": shown,
        "since": since,
        "statuses": Status.choices,
        "responsibles": Action.Responsible.choices,
        "entities": sorted(entities, key=str),
        "filters": {"status": status, "responsible": responsible, "overdue": overdue, "changed": changed},
        "charts": charts.follow_up_charts(all_rows, today=today) if all_rows else [],
        "reported_to": committee.sessions.filter(documents__kind="progress_report").order_by("-number").first(),
    }  # fmt: skip
    return render(request, "follow_up/committee_follow_up.html", context)


def chart_image(chart: charts.Chart | None) -> HttpResponse:
    """A chart as the PNG a page's <img> asks for (404 for a chart that is not there); strategies' too."""
    if chart is None:
        raise Http404
    response = HttpResponse(chart.png(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response


def follow_up_chart(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """A chart of the committee's follow-up as an image, drawn from the same rows as the page."""
    committee = get_committee_for_user(request.user, code)
    today = timezone.localdate()
    all_rows = rows(_committee_actions(request, committee), since=None, today=today)
    chart = next((c for c in charts.follow_up_charts(all_rows, today=today) if c.key == key), None)
    return chart_image(chart)

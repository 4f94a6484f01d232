import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Entity
from committee.jobs.views import format_name, start_for_request, writing
from committee.kernel.editing import EditConflict, EditError, carry_out, submitted_revision, text_language
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGE_CHOICES, LANGUAGE_NAMES, LANGUAGES, pick
from committee.kernel.page_cache import cached_page
from committee.kernel.spreadsheets import table_download
from committee.roles.access import Permission, can, check, represented_entities
from decisions.outcomes.models import Decision, Paragraph
from documents.builders.language import WORDED_LANGUAGES
from documents.registry.generated import EXTENSIONS, FORMATS
from documents.reports.forms import CommentForm
from documents.reports.generators import adopted_text_akn
from documents.reports.history import compare_drafts, draft_at, draft_milestones, word_diff
from documents.reports.jobs import FINALIZE, READ_SUMMARY, WRITE_DRAFT
from documents.reports.models import (
    ArchivedReport,
    Comment,
    PendingSummaryImport,
    Report,
    ReportParagraph,
    ReportSection,
    Waiver,
)
from documents.reports.parts import PART_KEY, draft_parts, part_of
from documents.reports.readiness import readiness
from documents.reports.services import (
    add_comment,
    add_paragraph,
    add_section,
    add_sub_item,
    add_text_adopted,
    add_text_paragraph,
    edit_paragraph,
    give_symbol_and_date,
    issue_report,
    move_paragraph,
    open_corrigendum,
    open_review,
    remove_paragraph,
    remove_section,
    remove_text_paragraph,
    rename_section,
    resolve_comment,
    set_review_deadline,
    set_volume,
    waive,
    withdraw_waiver,
)
from documents.reports.summary_import import apply_import, discard_import, imported_sections, plan
from meetings.live.services import speakers_by_item
from meetings.sessions.access import get_session_for_user


@login_required
def session_report(
    request: AuthenticatedHttpRequest, code: str, language: str, file_format: str = "docx"
) -> HttpResponse:
    """The session's report in `language`, written from its current data (a draft), as a Word document or a PDF:
    a page asks for it, and the job that writes it (a POST here) shows its progress, then the download."""
    if language not in LANGUAGES:
        raise Http404
    session = get_session_for_user(request.user, code, need=Permission.VIEW_LIMITED)  # live data: a draft
    return writing(
        request,
        WRITE_DRAFT,
        title=_("The report of %(session)s as it stands, in %(language)s, as %(format)s")
        % {"session": session.code, "language": LANGUAGE_NAMES[language], "format": format_name(file_format)},
        arguments={"session": session.pk, "language": language, "format": file_format},
        back_url=reverse("reports:report", kwargs={"code": session.code}),
    )


def decision_akn(request: HttpRequest, code: str, pk: int, language: str) -> HttpResponse:
    """A text the session adopted, as Akoma Ntoso (a statement: preamble, operative part), in `language`: for those
    who may read the session, as its texts adopted are."""
    session = get_session_for_user(request.user, code)
    decision = get_object_or_404(Decision.objects.select_related("session"), session=session, pk=pk)
    content = adopted_text_akn(decision, language)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type=FORMATS["akn"])
    name = f"{session.code.replace('/', '_')}.text-{decision.pk}.{language}.{EXTENSIONS['akn']}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _report_for(user, code: str, permission: Permission) -> Report:
    report = get_object_or_404(Report.objects.select_related("session__committee", "document"), session__code=code)
    check(user, permission, report.session.committee)
    return report


@login_required
@cached_page
def report_page(
    request: AuthenticatedHttpRequest,
    code: str,
    conflict: EditConflict | None = None,
    mine: str = "",
    preview_of: ReportParagraph | Paragraph | None = None,
) -> HttpResponse:
    """The draft report: the secretariat edits it, members comment on it, the rapporteurs finalize it.

    After a refused save (`conflict`) or for a preview (`preview_of`), the paragraph's form keeps the text
    sent (`mine`), unsaved."""
    report = _report_for(request.user, code, Permission.VIEW_LIMITED)
    committee = report.session.committee
    language = text_language(request)
    changed = conflict.current if conflict else preview_of
    asked = part_of(changed) if changed is not None else request.GET.get("part", "")  # type: ignore[arg-type]
    parts = draft_parts(report, asked)
    speakers = speakers_by_item(report.session_id)
    for section in parts.shown_sections:  # who took the floor on the section's item, beside what the summary says
        item = section.agenda_item
        shown = speakers.get(item.position, []) if item and item.parent_id is None else []
        section.speakers = shown  # type: ignore[attr-defined]  # for the template
    my_comments = list(
        Comment.objects.filter(paragraph__section__report=report, author=request.user)
        .select_related("paragraph__section")
        .order_by("created_at")
    )
    for comment in my_comments:
        comment.part = part_of(comment.paragraph)  # type: ignore[attr-defined]  # for the template
    can_comment = (
        can(request.user, Permission.COMMENT, committee)
        and report.status == Report.Status.UNDER_REVIEW
        and not report.review_closed
    )
    show_readiness = not report.is_locked and (
        can(request.user, Permission.MANAGE, committee) or can(request.user, Permission.FINALIZE, committee)
    )
    readiness_items = readiness(report) if show_readiness else []
    context = {
        "report": report,
        "session": report.session,
        "parts": parts,
        "sections": parts.shown_sections,
        "part": parts.part,
        "language": language,
        "languages": LANGUAGE_CHOICES,
        "language_name": dict(LANGUAGE_CHOICES).get(language, language),
        "download_languages": [(code, name) for code, name in LANGUAGE_CHOICES if code in WORDED_LANGUAGES],
        "can_edit": can(request.user, Permission.MANAGE, committee) and not report.is_locked,
        "can_manage": can(request.user, Permission.MANAGE, committee),
        "can_comment": can_comment,
        "delegations": Entity.objects.filter(pk__in=represented_entities(request.user, committee))
        if can_comment
        else [],
        "my_comments": my_comments,
        "can_finalize": can(request.user, Permission.FINALIZE, committee) and not report.is_locked,
        "archive": report.archive.all(),
        "decisions": parts.shown_decisions,
        "text_kinds": Decision.Kind.choices,
        "paragraph_kinds": [
            (Paragraph.Kind.PREAMBULAR, _("Add a preambular paragraph")),
            (Paragraph.Kind.OPERATIVE, _("Add an operative paragraph")),
        ],
        "readiness": readiness_items,
        "show_readiness": show_readiness,
        "can_finalize_now": not any(item.blocks for item in readiness_items),
        "conflict": conflict,
        "mine": mine,
        "unsaved": conflict.current if conflict else preview_of,
        "preview": preview_of is not None,
        "opened": _opened(request),
        "structure_actions": [
            ("add", _("Add a paragraph after")),
            ("up", _("Move up")),
            ("down", _("Move down")),
            ("remove", _("Remove")),
        ],
        "section_actions": [
            ("add", _("Add a section after")),
            ("subsection", _("Add a subsection")),
            ("remove", _("Remove the section")),
        ],
    }
    return render(request, "reports/report_page.html", context, status=409 if conflict else 200)


def _opened(request: HttpRequest) -> int | None:
    """The paragraph whose editor the page opens (?edit=pk), as after adding a sub-item."""
    value = request.GET.get("edit", "")
    return int(value) if value.isdigit() else None


def _back(
    request: HttpRequest,
    report: Report,
    language: str,
    opened: Paragraph | None = None,
    at: ReportParagraph | None = None,
) -> HttpResponse:
    """The draft in `language`, at the part the form was sent from (or, for a form that does not say, the part of
    the paragraph `at`), with the editor of the `opened` recommendation paragraph open and in view."""
    address = f"{reverse('reports:report', kwargs={'code': report.session.code})}?lang={language}"
    part = request.POST.get("part", "")
    if not PART_KEY.match(part):
        part = part_of(at) if at is not None else ""
    if part:
        address += f"&part={part}"
    if opened is not None:
        address += f"&edit={opened.pk}#recommendation-{opened.pk}"
    return redirect(address)


@require_POST
@login_required
def edit_paragraph_view(
    request: AuthenticatedHttpRequest, code: str, pk: int, recommendation: bool = False
) -> HttpResponse:
    """Save a paragraph of the summary, or of a recommendation, in one language; or show it as it would print,
    saving nothing ("preview"); or save it and give it a new sub-item ("then": "add-sub-item")."""
    report = _report_for(request.user, code, Permission.MANAGE)
    paragraph = _paragraph(report, pk, recommendation)
    language = text_language(request)
    text = request.POST.get("text", "")
    if request.POST.get("preview"):
        return report_page(request, code, mine=text, preview_of=paragraph)
    try:
        edit_paragraph(
            paragraph=paragraph,
            language=language,
            text=text,
            expected_revision=submitted_revision(request),
            by=request.user,
        )
    except EditConflict as conflict:
        return report_page(request, code, conflict=conflict, mine=text)
    except EditError as error:
        messages.error(request, str(error))
        return _back(request, report, language)
    if request.POST.get("then") == "add-sub-item" and isinstance(paragraph, Paragraph):
        return _add_sub_item(request, report, paragraph)
    messages.success(request, _("The paragraph is saved."))
    return _back(request, report, language)


def _add_sub_item(request: AuthenticatedHttpRequest, report: Report, paragraph: Paragraph) -> HttpResponse:
    """Add the sub-item, and open its editor."""
    try:
        added = add_sub_item(paragraph=paragraph, by=request.user)
    except EditError as error:
        messages.error(request, str(error))
        return _back(request, report, text_language(request))
    messages.success(request, _("A sub-item is added."))
    return _back(request, report, text_language(request), opened=added)


@login_required
def paragraph_comments(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """A paragraph's comments as the draft's page shows them: what the page fetches when they change."""
    report = _report_for(request.user, code, Permission.VIEW_LIMITED)
    paragraph = get_object_or_404(
        ReportParagraph.objects.prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author", "on_behalf_of"))
        ),
        pk=pk,
        section__report=report,
    )
    context = {
        "paragraph": paragraph,
        "session": report.session,
        "can_manage": can(request.user, Permission.MANAGE, report.session.committee),
    }
    return render(request, "reports/paragraph_comments.html", context)


@require_POST
@login_required
def comment_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    report = _report_for(request.user, code, Permission.COMMENT)
    paragraph = get_object_or_404(ReportParagraph, pk=pk, section__report=report)
    form = CommentForm(request.POST)
    if form.is_valid():
        carry_out(
            request,
            lambda: add_comment(
                paragraph=paragraph, author=request.user, language=text_language(request), **form.cleaned_data
            ),
            done=_("Your comment has been sent to the secretariat."),
        )
    elif form.has_error("text", "required"):
        messages.error(request, _("Write a comment."))
    else:
        for name, errors in form.errors.items():
            messages.error(request, f"{form.fields[name].label}: {' '.join(str(error) for error in errors)}")
    return _back(request, report, text_language(request))


@require_POST
@login_required
def resolve_comment_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    report = _report_for(request.user, code, Permission.MANAGE)
    comment = get_object_or_404(Comment, pk=pk, paragraph__section__report=report)
    decision = request.POST.get("decision", "")
    if decision not in (Comment.Status.ACCEPTED, Comment.Status.REJECTED, Comment.Status.ANSWERED):
        return HttpResponseBadRequest()
    outcomes: dict[str, str] = {
        Comment.Status.ACCEPTED: _("The comment is accepted: the paragraph reads as it proposed. Its author is told."),
        Comment.Status.REJECTED: _("The comment is rejected. Its author is told."),
        Comment.Status.ANSWERED: _("The comment is answered. Its author is told."),
    }
    carry_out(
        request,
        lambda: resolve_comment(
            comment=comment, decision=decision, by=request.user, answer=request.POST.get("answer", "")
        ),
        done=outcomes[decision],
    )
    return _back(request, report, comment.language, at=comment.paragraph)  # its form is also fetched alone


@require_POST
@login_required
def report_action_view(request: AuthenticatedHttpRequest, code: str, action: str) -> HttpResponse:
    """Finalize (a job: it builds, converts and archives every language), issue, or open a corrigendum."""
    if action == "finalize":
        report = _report_for(request.user, code, Permission.FINALIZE)
        title = _("Finalizing the report of %(session)s") % {"session": report.session.code}
        back_url = reverse("reports:report", kwargs={"code": report.session.code})
        return start_for_request(request, FINALIZE, title=title, arguments={"report": report.pk}, back_url=back_url)
    actions = {
        "issue": (Permission.MANAGE, issue_report, _("The report is issued.")),
        "corrigendum": (Permission.MANAGE, open_corrigendum, _("A corrigendum is open: edit, then finalize again.")),
    }
    if action not in actions:
        raise Http404
    permission, service, done = actions[action]
    report = _report_for(request.user, code, permission)
    carry_out(request, lambda: service(report=report, by=request.user), done=done)
    return _back(request, report, text_language(request))


def _posted_date(request: HttpRequest, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        return None


@require_POST
@login_required
def review_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Open the draft for review until a day, or move the review's deadline."""
    report = _report_for(request.user, code, Permission.MANAGE)
    until = _posted_date(request, "until")
    if until is None:
        messages.error(request, _("Give the day until which members may comment."))
    elif report.status == Report.Status.UNDER_REVIEW:
        carry_out(
            request,
            lambda: set_review_deadline(report=report, until=until, by=request.user),
            done=_("The review's deadline is moved."),
        )
    else:
        carry_out(
            request,
            lambda: open_review(report=report, until=until, by=request.user),
            done=_("The draft is open for review."),
        )
    return _back(request, report, text_language(request))


@require_POST
@login_required
def import_word_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Read an uploaded Word document into the Chair's summary (by a job), for a look at what it would change
    first."""
    report = _report_for(request.user, code, Permission.MANAGE)
    upload = request.FILES.get("document")
    language = text_language(request)
    if upload is None:
        messages.error(request, _("Choose a Word document (.docx) to import."))
        return _back(request, report, language)
    return start_for_request(
        request,
        READ_SUMMARY,
        title=_("Reading %(file)s for the Chair's summary") % {"file": upload.name},
        arguments={"report": report.pk, "filename": upload.name or "", "language": language},
        back_url=reverse("reports:report", kwargs={"code": code}),
        upload=upload,
    )


@login_required
def word_import_page(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """What the document holds and what importing it would change; apply or discard."""
    report = _report_for(request.user, code, Permission.MANAGE)
    pending = get_object_or_404(PendingSummaryImport, pk=pk, report=report)
    if request.method == "POST":
        if request.POST.get("action") == "apply":
            applied = carry_out(
                request,
                lambda: apply_import(pending=pending, by=request.user),
                done=_("The document is imported into the Chair's summary."),
            )
            if not applied:
                return redirect("reports:word_import", code=code, pk=pk)
        else:
            carry_out(
                request, lambda: discard_import(pending=pending, by=request.user), done=_("Nothing was imported.")
            )
        return _back(request, report, pending.language)
    sections = imported_sections(pending)
    context = {
        "report": report,
        "session": report.session,
        "pending": pending,
        "sections": sections,
        "plan": plan(report, sections, pending.language),
    }
    return render(request, "reports/word_import.html", context)


@login_required
def comments_download(request: AuthenticatedHttpRequest, code: str, kind: str) -> HttpResponse:
    """Every comment on the draft, with what became of it, as a spreadsheet for the chair (CSV or Excel)."""
    if kind not in ("csv", "xlsx"):
        raise Http404
    report = _report_for(request.user, code, Permission.MANAGE)
    comments = (
        Comment.objects.filter(paragraph__section__report=report)
        .select_related("author", "on_behalf_of", "paragraph__section__parent")
        .order_by(
            "paragraph__section__parent__position", "paragraph__section__position", "paragraph__position", "created_at"
        )
    )
    headers = [
        _("Section"),
        _("Paragraph of the section"),
        _("From"),
        _("Language"),
        _("Comment"),
        _("Proposed text"),
        _("Status"),
        _("Answer"),
        _("Written at"),
    ]
    rows = [
        [
            pick(comment.paragraph.section.title, comment.language),
            comment.paragraph.position,
            comment.signed,
            comment.get_language_display(),
            comment.text,
            comment.proposed_text,
            comment.get_status_display(),
            comment.answer,
            comment.created_at.isoformat(timespec="minutes"),
        ]
        for comment in comments
    ]
    return table_download(headers, rows, kind=kind, name=f"{report.session.code}-comments")


@require_POST
@login_required
def remove_text_paragraph_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Remove a paragraph or sub-item of a text the session adopts."""
    report = _report_for(request.user, code, Permission.MANAGE)
    paragraph = get_object_or_404(Paragraph, pk=pk, decision__session=report.session)
    remove = lambda: remove_text_paragraph(paragraph=paragraph, by=request.user)  # noqa: E731
    carry_out(request, remove, done=_("The paragraph is removed."))
    return _back(request, report, text_language(request))


@require_POST
@login_required
def add_text_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """A new text for the session to adopt: its kind, number and title."""
    report = _report_for(request.user, code, Permission.MANAGE)
    post = request.POST
    carry_out(
        request,
        lambda: add_text_adopted(
            report=report,
            kind=post.get("kind", ""),
            number=post.get("number", ""),
            title=post.get("title", ""),
            language=text_language(request),
            by=request.user,
        ),
        done=_("The text is added: write its paragraphs."),
    )
    return _back(request, report, text_language(request))


@require_POST
@login_required
def add_text_paragraph_view(request: AuthenticatedHttpRequest, code: str, pk: int, kind: str) -> HttpResponse:
    report = _report_for(request.user, code, Permission.MANAGE)
    decision = get_object_or_404(Decision, pk=pk, session=report.session)
    add = lambda: add_text_paragraph(decision=decision, kind=kind, by=request.user)  # noqa: E731
    carry_out(request, add, done=_("A paragraph is added."))
    return _back(request, report, text_language(request))


@require_POST
@login_required
def symbol_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Give the report its symbol (allocated in the session's main series) and its date of issue."""
    report = _report_for(request.user, code, Permission.MANAGE)
    issued_on = _posted_date(request, "issued_on")
    if request.POST.get("issued_on") and issued_on is None:
        messages.error(request, _("Give the date of issue as a date."))
        return _back(request, report, text_language(request))
    carry_out(
        request,
        lambda: give_symbol_and_date(report=report, issued_on=issued_on, by=request.user),
        done=_("The report's symbol and date of issue are saved."),
    )
    return _back(request, report, text_language(request))


@require_POST
@login_required
def volume_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The report's volume, for a report issued in volumes, and the note on it in the text's language."""
    report = _report_for(request.user, code, Permission.MANAGE)
    language = text_language(request)
    volume, note = request.POST.get("volume", ""), request.POST.get("volume_note", "")
    carry_out(
        request,
        lambda: set_volume(report=report, volume=volume, note=note, language=language, by=request.user),
        done=_("The report's volume is saved."),
    )
    return _back(request, report, language)


@require_POST
@login_required
def waive_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    report = _report_for(request.user, code, Permission.MANAGE)
    item, reason = request.POST.get("item", ""), request.POST.get("reason", "")
    carry_out(
        request,
        lambda: waive(report=report, item=item, reason=reason, by=request.user),
        done=_("Waived: the report may be finalized without it; the reason is kept."),
    )
    return _back(request, report, text_language(request))


@require_POST
@login_required
def withdraw_waiver_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    report = _report_for(request.user, code, Permission.MANAGE)
    waiver = get_object_or_404(Waiver.objects.select_related("report"), pk=pk, report=report)
    carry_out(request, lambda: withdraw_waiver(waiver=waiver, by=request.user), done=_("The waiver is withdrawn."))
    return _back(request, report, text_language(request))


@login_required
def archived_report(
    request: AuthenticatedHttpRequest, code: str, version: int, language: str, file_format: str
) -> FileResponse:
    """A finalized report exactly as archived, as a Word document, a PDF or Akoma Ntoso XML."""
    report = _report_for(request.user, code, Permission.VIEW_LIMITED)
    entry = get_object_or_404(ArchivedReport, report=report, version=version, language=language, format=file_format)
    name = (entry.symbol or report.session.code).replace("/", "_")
    filename = f"{name}.v{version}.{language}.{EXTENSIONS.get(file_format, file_format)}"
    return FileResponse(entry.file.open("rb"), as_attachment=True, filename=filename, content_type=FORMATS[file_format])


def _given(section: ReportSection | None) -> ReportSection:
    """The section an action on a section is for (its URL names it)."""
    if section is None:
        raise Http404
    return section


def _paragraph(report: Report, pk: int, recommendation: bool) -> ReportParagraph | Paragraph:
    """A paragraph of this report's summary, or of its session's recommendations."""
    if recommendation:
        return get_object_or_404(Paragraph, pk=pk, decision__session=report.session)
    return get_object_or_404(ReportParagraph, pk=pk, section__report=report)


def _chosen(options: dict, request: HttpRequest, name: str, default):
    return options.get(request.GET.get(name), default)


@login_required
def paragraph_history(
    request: AuthenticatedHttpRequest, code: str, pk: int, recommendation: bool = False
) -> HttpResponse:
    """Every saved version of a paragraph in one language (who, when, what changed), and any two compared."""
    report = _report_for(request.user, code, Permission.VIEW_LIMITED)
    paragraph = _paragraph(report, pk, recommendation)
    language = text_language(request)
    versions: list[dict[str, Any]] = []
    previous = ""
    for record in paragraph.history.select_related("history_user").order_by("history_date", "history_id"):
        text = record.text.get(language, "")
        if text != previous or not versions:
            versions.append({"record": record, "text": text, "changes": word_diff(previous, text)})
        previous = text
    by_key = {str(version["record"].history_id): version for version in versions}
    older = _chosen(by_key, request, "from", versions[0])
    newer = _chosen(by_key, request, "to", versions[-1])
    versions.reverse()
    return render(
        request,
        "reports/paragraph_history.html",
        {
            "session": report.session,
            "paragraph": paragraph,
            "versions": versions,
            "language": language,
            "older": older,
            "newer": newer,
            "comparison": word_diff(older["text"], newer["text"]),
        },
    )


@login_required
def draft_changes(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The whole draft between two of its versions (by default, the last finalized one and now), word by word."""
    report = _report_for(request.user, code, Permission.VIEW_LIMITED)
    language = text_language(request)
    milestones = draft_milestones(report)
    by_key = {milestone.key: milestone for milestone in milestones}
    finalized = [m for m in milestones[:-1] if m.status == Report.Status.FINALIZED]
    older = _chosen(by_key, request, "from", (finalized or milestones[:-1] or milestones)[-1])
    newer = _chosen(by_key, request, "to", milestones[-1])
    changed = compare_drafts(draft_at(report, older.moment, language), draft_at(report, newer.moment, language))
    return render(
        request,
        "reports/draft_changes.html",
        {
            "session": report.session,
            "report": report,
            "milestones": milestones,
            "pickers": [("from", _("From"), older), ("to", _("To"), newer)],
            "languages": LANGUAGE_CHOICES,
            "changed": changed,
            "language": language,
        },
    )


@require_POST
@login_required
def paragraph_structure_view(request: AuthenticatedHttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    """Add a paragraph after this one, remove it, or move it up or down."""
    report = _report_for(request.user, code, Permission.MANAGE)
    paragraph = get_object_or_404(ReportParagraph.objects.select_related("section"), pk=pk, section__report=report)
    operations = {
        "add": lambda: add_paragraph(section=paragraph.section, after=paragraph, by=request.user),
        "remove": lambda: remove_paragraph(paragraph=paragraph, by=request.user),
        "up": lambda: move_paragraph(paragraph=paragraph, up=True, by=request.user),
        "down": lambda: move_paragraph(paragraph=paragraph, up=False, by=request.user),
    }
    if action not in operations:
        raise Http404
    carry_out(request, lambda: operations[action]())
    return _back(request, report, text_language(request))


@require_POST
@login_required
def section_title_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Save a section's title in one language."""
    report = _report_for(request.user, code, Permission.MANAGE)
    section = get_object_or_404(ReportSection, pk=pk, report=report)
    revision = submitted_revision(request)
    try:
        rename_section(
            section=section,
            language=text_language(request),
            title=request.POST.get("title", ""),
            expected_revision=revision,
            by=request.user,
        )
        messages.success(request, _("The section's title is saved."))
    except EditConflict as conflict:
        return report_page(request, code, conflict=conflict, mine=request.POST.get("title", ""))
    except EditError as error:
        messages.error(request, str(error))
    return _back(request, report, text_language(request))


@require_POST
@login_required
def section_structure_view(
    request: AuthenticatedHttpRequest, code: str, pk: str | None = None, action: str = ""
) -> HttpResponse:
    """Add a section after this one or a subsection within it, remove it when empty, or (without a section)
    add a section at the end of the summary."""
    report = _report_for(request.user, code, Permission.MANAGE)
    section = get_object_or_404(ReportSection, pk=pk, report=report) if pk else None
    operations = {
        "": lambda: add_section(report=report, after=None, within=None, by=request.user),
        "add": lambda: add_section(report=report, after=section, within=None, by=request.user),
        "subsection": lambda: add_section(report=report, after=None, within=section, by=request.user),
        "remove": lambda: remove_section(section=_given(section), by=request.user),
    }
    carry_out(request, lambda: operations[action]())
    return _back(request, report, text_language(request))


@require_POST
@login_required
def section_add_paragraph_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Start an empty section with a first paragraph."""
    report = _report_for(request.user, code, Permission.MANAGE)
    section = get_object_or_404(ReportSection, pk=pk, report=report)
    carry_out(request, lambda: add_paragraph(section=section, after=None, by=request.user))
    return _back(request, report, text_language(request))

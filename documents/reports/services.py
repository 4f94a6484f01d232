"""The life of a draft report: edited by the secretariat, reviewed by members, finalized by the rapporteurs.

draft → under review → finalized (locked, archived with checksums) → issued; after finalization a
change is a corrigendum: a new version, the old one kept. Every write locks what it changes and
records who made it (django-simple-history).
"""

import datetime
import hashlib
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.jobs.email import email_later
from committee.kernel.audit import acting_as, audited
from committee.kernel.dates import dates_in
from committee.kernel.editing import EditError, check_length, renumber, save_text
from committee.kernel.multilingual import LANGUAGE_NAMES, in_each_language
from committee.notifications.services import notify
from committee.roles.access import Permission, can, holders, represented_entities
from decisions.outcomes.models import Decision, Paragraph
from documents.builders.akn import build_session_report_akn
from documents.builders.pdf import ConversionError, issued_together
from documents.builders.session_report import build_session_report
from documents.registry.models import Document
from documents.registry.services import Series, allocate
from documents.reports import events
from documents.reports.collect import collect_session_report_data, report_languages
from documents.reports.models import ArchivedReport, Comment, Report, ReportParagraph, ReportSection, Waiver
from documents.reports.parts import part_of
from documents.reports.readiness import readiness
from meetings.sessions.models import Session


class ReportError(EditError):
    """A change the report's state does not allow; the message says why, in the user's language."""


def open_draft_report(sender, instance: Session, created: bool, raw: bool = False, **kwargs) -> None:
    """A new session's draft report, empty, waiting for its text (Session's post_save, whoever creates it)."""
    if created and not raw:
        Report.objects.get_or_create(session=instance)


def _require(user: User, permission: Permission, report: Report) -> None:
    if not can(user, permission, report.session.committee):
        raise ReportError(_("You may not do this on this report."))


def _locked_report(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("session__committee").get(pk=report.pk)


def _editable_report(report: Report, by: User) -> Report:
    """The report, locked, if `by` may edit it and it is not finalized."""
    report = _locked_report(report)
    _require(by, Permission.MANAGE, report)
    if report.is_locked:
        raise ReportError(_("The report is finalized: open a corrigendum to change it."))
    return report


def _report_of(paragraph: ReportParagraph | Paragraph | ReportSection) -> Report:
    if isinstance(paragraph, ReportSection):
        return paragraph.report
    if isinstance(paragraph, ReportParagraph):
        return paragraph.section.report
    report = Report.objects.filter(session=paragraph.decision.session_id).first()
    if report is None:
        raise ReportError(_("This session has no report to draft yet."))
    return report


@audited
def edit_paragraph(
    *, paragraph: ReportParagraph | Paragraph, language: str, text: str, expected_revision: int, by: User
) -> ReportParagraph | Paragraph:
    """Save the secretariat's text of a paragraph (of the summary or of a recommendation) in one language,
    unless someone saved it meanwhile."""
    return _save_text(paragraph, "text", language=language, text=text, expected_revision=expected_revision, by=by)


@audited
def rename_section(
    *, section: ReportSection, language: str, title: str, expected_revision: int, by: User
) -> ReportSection:
    """Save a section's title in one language, unless someone saved it meanwhile."""
    return _save_text(section, "title", language=language, text=title, expected_revision=expected_revision, by=by)


def _save_text(node, field: str, *, language: str, text: str, expected_revision: int, by: User):
    with transaction.atomic():
        _editable_report(_report_of(node), by)
        return save_text(node, field, language=language, text=text, expected_revision=expected_revision, by=by)


def _move(report: Report, *, to: str, next_version: bool = False) -> Report:
    """Record `report` (locked by the caller) as moved to status `to`."""
    report.status = to
    report.version += next_version
    report.save(update_fields=["status", "version"])
    return report


def _end_of(day: datetime.date, session: Session) -> datetime.datetime:
    """The last moment of `day` where the session meets: a deadline "until 12 May" holds all that day there."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=zoneinfo.ZoneInfo(session.time_zone))


@audited
def open_review(*, report: Report, by: User, until: datetime.date | None = None) -> Report:
    """Circulate the draft to members, under a limited-distribution symbol (L) the first time; they comment
    until the end of `until` (the pages ask for it; None: no deadline)."""
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, Permission.MANAGE, report)
        if report.status != Report.Status.DRAFT:
            raise ReportError(_("Only a draft can be opened for review."))
        if until is not None and _end_of(until, report.session) < timezone.now():
            raise ReportError(_("The review's deadline is already past."))
        report.review_closes_at = _end_of(until, report.session) if until is not None else None
        report.save(update_fields=["review_closes_at"])
        if report.draft_document_id is None:
            report.draft_document = allocate(
                session=report.session,
                series=Series.LIMITED,
                kind=Document.Kind.DRAFT_REPORT,
                title=in_each_language(gettext_lazy("Draft report")),
                original_language=report.document.original_language if report.document is not None else "en",
                by=by,
            )
            report.save(update_fields=["draft_document"])
        return _move(report, to=Report.Status.UNDER_REVIEW)


@audited
def set_review_deadline(*, report: Report, until: datetime.date, by: User) -> Report:
    """Move the end of the members' review (to extend it, or to reopen a review whose deadline has passed)."""
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, Permission.MANAGE, report)
        if report.status != Report.Status.UNDER_REVIEW:
            raise ReportError(_("Only a draft under review has a deadline."))
        report.review_closes_at = _end_of(until, report.session)
        report.save(update_fields=["review_closes_at"])
    return report


def add_comment(
    *,
    paragraph: ReportParagraph,
    author: User,
    language: str,
    text: str,
    proposed_text: str = "",
    on_behalf_of: int | None = None,
) -> Comment:
    """A member's comment, in the name of the delegation it speaks for (`on_behalf_of`, when it speaks for
    several); the secretariat is told, in the app and by email."""
    report = paragraph.section.report
    _require(author, Permission.COMMENT, report)
    if report.status != Report.Status.UNDER_REVIEW:
        raise ReportError(_("Comments are taken while the draft is under review."))
    if report.review_closed and report.review_closes_at is not None:
        deadline = dates_in((translation.get_language() or "en").split("-")[0]).moment(report.review_closes_at)
        raise ReportError(_("The review has closed: comments were taken until %(deadline)s.") % {"deadline": deadline})
    delegations = represented_entities(author, report.session.committee)
    if on_behalf_of is None and len(delegations) == 1:
        on_behalf_of = next(iter(delegations))
    if on_behalf_of is not None and on_behalf_of not in delegations:
        raise ReportError(_("You speak for no such delegation."))
    if on_behalf_of is None and len(delegations) > 1:
        raise ReportError(_("Say which delegation the comment speaks for."))
    check_length(Comment, "text", text)
    check_length(Comment, "proposed_text", proposed_text)
    comment = Comment(
        paragraph=paragraph,
        author=author,
        language=language,
        text=text,
        proposed_text=proposed_text,
        on_behalf_of_id=on_behalf_of,
    )
    with acting_as(author):
        comment.save()
    _tell_reviewers(report, paragraph.pk)
    _tell_secretariat(report, comment)
    return comment


def _at_paragraph(session: Session, paragraph: ReportParagraph) -> str:
    """The address of a paragraph of the draft: its part (a long draft is shown a part at a time), in view."""
    draft = reverse("reports:report", kwargs={"code": session.code})
    return f"{draft}?part={part_of(paragraph)}#paragraph-{paragraph.pk}"


def _tell_secretariat(report: Report, comment: Comment) -> None:
    """Each of the committee's secretariat learns of the comment, in the app and by email."""
    session = report.session
    who = comment.signed
    url = _at_paragraph(session, comment.paragraph)
    for person in holders(Permission.MANAGE, session.committee).exclude(pk=comment.author_id):
        with translation.override(settings.LANGUAGE_CODE):  # a person's own language is not known yet
            subject = _("%(who)s commented on the draft report of %(session)s") % {"who": who, "session": session.code}
            body = f"{subject}:\n\n{comment.text}\n\n{settings.SITE_URL}{url}"
        notify(user=person, message=subject, url=url)
        email_later(subject=subject, body=body, to=[person.email])


def _tell_reviewers(report: Report, paragraph_id: int) -> None:
    """Everyone reviewing the draft sees the paragraph's comments change (robust: the change stands regardless)."""
    session_id = report.session_id
    transaction.on_commit(lambda: events.send_report_change(session_id, paragraph_id), robust=True)


@audited
def resolve_comment(*, comment: Comment, decision: str, by: User, answer: str = "") -> Comment:
    """Accept (the proposed text replaces the paragraph's), reject or answer a comment; tell its author."""
    check_length(Comment, "answer", answer)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update().select_related("paragraph__section__report__session").get(pk=comment.pk)
        )
        report = _locked_report(comment.paragraph.section.report)
        _require(by, Permission.MANAGE, report)
        if comment.status != Comment.Status.OPEN:
            raise ReportError(_("This comment has already been dealt with."))
        if decision == Comment.Status.ACCEPTED and comment.proposed_text:
            paragraph = comment.paragraph
            edit_paragraph(
                paragraph=paragraph,
                language=comment.language,
                text=comment.proposed_text,
                expected_revision=paragraph.revision,
                by=by,
            )
        comment.status = decision
        comment.answer = answer
        comment.resolved_by = by
        comment.resolved_at = timezone.now()
        comment.save()
        message = _("Your comment on the draft report of %(session)s was %(status)s.") % {
            "session": report.session.code,
            "status": comment.get_status_display().lower(),
        }
        if answer:
            message += "\n\n" + answer
        author = comment.author
        notify(
            user=author,
            message=message.splitlines()[0],
            url=_at_paragraph(report.session, comment.paragraph),
        )
        email_later(subject=message.splitlines()[0], body=message, to=[author.email])
        _tell_reviewers(report, comment.paragraph_id)
    return comment


@audited
def finalize_report(
    *, report: Report, by: User, progress: Callable[[int, int, str], None] = lambda done, of, step: None
) -> list[ArchivedReport]:
    """Lock the report and archive, for each language, the Word document (its contents numbered as the PDF lays
    them out), the PDF and the Akoma Ntoso XML, each with its SHA-256 checksum.

    Runs under SELECT FOR UPDATE, so two rapporteurs finalizing at once archive one version. The files are rows of
    the database (committee.files) written in the same transaction: if it rolls back, or the worker is killed, no
    file is left. `progress(done, of, step)` hears of each step (a job's page shows them).
    """
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, Permission.FINALIZE, report)
        if report.is_locked:
            raise ReportError(_("This report has already been finalized."))
        blocking = [item for item in readiness(report) if item.blocks]
        if blocking:
            raise ReportError(
                _("The report cannot be finalized yet. Missing: %(missing)s.")
                % {"missing": "; ".join(str(item.what).rstrip(".") for item in blocking)}
            )
        languages = report_languages(report.session)
        steps = len(languages) + 2
        progress(0, steps, _("Gathering what the session recorded."))
        data = collect_session_report_data(report.session, final=True)
        documents = []
        for done, language in enumerate(languages, start=1):
            progress(done, steps, _("Writing the report in %(language)s.") % {"language": LANGUAGE_NAMES[language]})
            documents.append(build_session_report(data, language=language))
        progress(steps - 1, steps, _("Making the PDFs and archiving."))
        archived = []
        try:
            files = issued_together(documents)
        except ConversionError as error:
            raise ReportError(_("The PDF could not be made: %(reason)s") % {"reason": error}) from None
        marked_on = timezone.localdate()
        for language, (docx, pdf) in zip(languages, files, strict=True):
            akn = build_session_report_akn(data, language=language, marked_on=marked_on)
            for file_format, content in (
                (ArchivedReport.Format.DOCX, docx),
                (ArchivedReport.Format.PDF, pdf),
                (ArchivedReport.Format.AKN, akn),
            ):
                entry = ArchivedReport(
                    report=report,
                    version=report.version,
                    language=language,
                    format=file_format,
                    symbol=data.symbol,
                    sha256=hashlib.sha256(content).hexdigest(),
                    finalized_by=by,
                )
                entry.file.save(f"report.{file_format}", ContentFile(content), save=False)
                entry.save()
                archived.append(entry)
        _move(report, to=Report.Status.FINALIZED)
    return archived


@audited
def give_symbol_and_date(*, report: Report, issued_on: datetime.date | None, by: User) -> Report:
    """Allocate the report's symbol in the session's main series if it has none, and set its date of issue."""
    with transaction.atomic():
        report = _editable_report(report, by)
        if report.document is None:
            report.document = allocate(
                session=report.session,
                series=Series.MAIN,
                kind=Document.Kind.REPORT,
                title=in_each_language(gettext_lazy("Report")),
                by=by,
            )
            report.save(update_fields=["document"])
        if issued_on is not None:
            document = Document.objects.select_for_update().get(pk=report.document.pk)
            document.issued_on = issued_on
            document.save(update_fields=["issued_on"])
            report.document = document
    return report


@audited
def set_volume(*, report: Report, volume: str, note: str, language: str, by: User) -> Report:
    """The report's volume ("I", under its title) and the note on it in `language` (on the volume line's
    asterisk), for a report issued in volumes; blank: none."""
    with transaction.atomic():
        report = _editable_report(report, by)
        check_length(Report, "volume", volume.strip())
        check_length(Report, "volume_note", note.strip(), language=language)
        report.volume = volume.strip()
        report.volume_note = (
            {**report.volume_note, language: note.strip()}
            if note.strip()
            else {code: text for code, text in report.volume_note.items() if code != language}
        )
        report.save(update_fields=["volume", "volume_note"])
    return report


@audited
def waive(*, report: Report, item: str, reason: str, by: User) -> Waiver:
    """Let this version of the report be finalized without `item`, for `reason` (kept in the history)."""
    with transaction.atomic():
        report = _editable_report(report, by)
        missing = {entry.item: entry for entry in readiness(report)}
        if item not in missing:
            raise ReportError(_("Nothing of that name is missing."))
        if not missing[item].waivable:
            raise ReportError(_("The symbol, the date of issue and a text to archive cannot be waived."))
        if not reason.strip():
            raise ReportError(_("Say why the report may be finalized without it."))
        check_length(Waiver, "reason", reason)
        waiver, _created = Waiver.objects.update_or_create(
            report=report, version=report.version, item=item, defaults={"reason": reason.strip(), "waived_by": by}
        )
    return waiver


@audited
def withdraw_waiver(*, waiver: Waiver, by: User) -> None:
    with transaction.atomic():
        _editable_report(waiver.report, by)
        Waiver.objects.select_for_update().filter(pk=waiver.pk).delete()


@audited
def issue_report(*, report: Report, by: User) -> Report:
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, Permission.MANAGE, report)
        if report.status != Report.Status.FINALIZED:
            raise ReportError(_("Only a finalized report can be issued."))
        return _move(report, to=Report.Status.ISSUED)


@audited
def open_corrigendum(*, report: Report, by: User) -> Report:
    """Make a finalized or issued report editable again as its next version; the archived ones stay."""
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, Permission.MANAGE, report)
        if not report.is_locked:
            raise ReportError(_("Only a finalized report takes a corrigendum."))
        return _move(report, to=Report.Status.DRAFT, next_version=True)


@audited
def add_paragraph(*, section: ReportSection, after: ReportParagraph | None, by: User) -> ReportParagraph:
    """Insert an empty paragraph after `after` (at the start of the section when None)."""
    with transaction.atomic():
        _editable_report(section.report, by)
        paragraphs = list(section.paragraphs.select_for_update().order_by("position"))
        index = 0 if after is None else next(i for i, p in enumerate(paragraphs) if p.pk == after.pk) + 1
        new = ReportParagraph(section=section, position=0, text={})
        renumber([*paragraphs[:index], new, *paragraphs[index:]])
    return new


@audited
def remove_paragraph(*, paragraph: ReportParagraph, by: User) -> None:
    with transaction.atomic():
        _editable_report(paragraph.section.report, by)
        section = paragraph.section
        paragraph.delete()
        renumber(list(section.paragraphs.select_for_update().order_by("position")))


@audited
def move_paragraph(*, paragraph: ReportParagraph, up: bool, by: User) -> None:
    """Swap the paragraph with the one before (up) or after it."""
    with transaction.atomic():
        _editable_report(paragraph.section.report, by)
        paragraphs = list(paragraph.section.paragraphs.select_for_update().order_by("position"))
        index = next(i for i, p in enumerate(paragraphs) if p.pk == paragraph.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(paragraphs):
            paragraphs[index], paragraphs[other] = paragraphs[other], paragraphs[index]
            renumber(paragraphs)


@audited
def add_text_adopted(*, report: Report, kind: str, number: str, title: str, language: str, by: User) -> Decision:
    """A text the session is to adopt (recommendations, conclusions, a decision, a resolution), after the others,
    with a first operative paragraph to write; how it was adopted is recorded once it is."""
    with transaction.atomic():
        report = _editable_report(report, by)
        if kind not in Decision.Kind.values:
            raise ReportError(_("Choose what kind of text it is."))
        check_length(Decision, "number", number)
        check_length(Decision, "title", title, language=language)
        session = report.session
        last = session.decisions.select_for_update().aggregate(last=Max("position"))["last"] or 0
        decision = Decision.objects.create(
            session=session,
            kind=kind,
            number=number.strip(),
            title={language: title.strip()} if title.strip() else {},
            position=last + 1,
        )
        Paragraph.objects.create(decision=decision, kind=Paragraph.Kind.OPERATIVE, position=1, text={})
    return decision


@audited
def add_text_paragraph(*, decision: Decision, kind: str, by: User) -> Paragraph:
    """A new, empty paragraph of a text: a preambular one after the other preambular ones, an operative one at
    the end (the preamble comes first, as in every resolution)."""
    with transaction.atomic():
        report = Report.objects.filter(session=decision.session_id).first()
        if report is None:
            raise ReportError(_("This session has no report to draft yet."))
        _editable_report(report, by)
        if kind not in Paragraph.Kind.values:
            raise ReportError(_("Choose a preambular or an operative paragraph."))
        paragraphs = list(decision.paragraphs.select_for_update().filter(parent=None).order_by("position"))
        new = Paragraph(decision=decision, kind=kind, position=0, text={})
        at = len(paragraphs)
        if kind == Paragraph.Kind.PREAMBULAR:
            at = sum(1 for p in paragraphs if p.kind == Paragraph.Kind.PREAMBULAR)
        renumber([*paragraphs[:at], new, *paragraphs[at:]])
    return new


@audited
def remove_text_paragraph(*, paragraph: Paragraph, by: User) -> None:
    """Remove a paragraph of a text, with its sub-items, unless its follow-up has begun."""
    with transaction.atomic():
        _editable_report(_report_of(paragraph), by)
        if paragraph.actions.exists() or any(sub.actions.exists() for sub in paragraph.sub_items.all()):
            raise ReportError(_("Its follow-up has begun: the paragraph stays."))
        decision, parent = paragraph.decision, paragraph.parent
        paragraph.delete()
        renumber(list(decision.paragraphs.select_for_update().filter(parent=parent).order_by("position")))


@audited
def add_sub_item(*, paragraph: Paragraph, by: User) -> Paragraph:
    """A new, empty lettered sub-item at the end of a recommendation's paragraph: (a), (b)…"""
    with transaction.atomic():
        _editable_report(_report_of(paragraph), by)
        if paragraph.parent_id is not None:
            raise ReportError(_("A sub-item cannot have sub-items of its own."))
        siblings = list(paragraph.sub_items.select_for_update().order_by("position"))
        new = Paragraph(decision=paragraph.decision, parent=paragraph, kind=paragraph.kind, position=0, text={})
        renumber([*siblings, new])
    return new


@audited
def add_section(*, report: Report, after: ReportSection | None, within: ReportSection | None, by: User):
    """Insert an untitled section after `after`, or as the last subsection of `within`
    (or the last section when both are None)."""
    with transaction.atomic():
        report = _editable_report(report, by)
        parent = after.parent if after else within
        if parent is not None and parent.parent_id is not None:
            raise ReportError(_("A subsection cannot have subsections of its own."))
        siblings = list(report.sections.select_for_update().filter(parent=parent).order_by("position"))
        index = next(i for i, s in enumerate(siblings) if s.pk == after.pk) + 1 if after else len(siblings)
        new = ReportSection(report=report, parent=parent, position=0, title={})
        renumber([*siblings[:index], new, *siblings[index:]])
    return new


@audited
def remove_section(*, section: ReportSection, by: User) -> None:
    """Remove a section that holds nothing: its paragraphs and subsections go first, one by one."""
    with transaction.atomic():
        report = _editable_report(section.report, by)
        section = ReportSection.objects.select_for_update().get(pk=section.pk)
        if section.paragraphs.exists() or section.subsections.exists():
            raise ReportError(_("Only an empty section can be removed: remove its paragraphs and subsections first."))
        section.delete()
        renumber(list(report.sections.select_for_update().filter(parent=section.parent).order_by("position")))

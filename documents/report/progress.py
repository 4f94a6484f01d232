"""The progress report: a note by the secretariat to a session on the follow-up of the previous session's
recommendations (or conclusions, or decisions).

Masthead and title, then a summary (the actions by status, as a table and as charts), then one section per
operative paragraph: its text quoted, each action with whom it is for, when it is due, its status and its
latest published progress. Only published progress goes into the document.
"""

import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.translation import npgettext, pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from decisions.charts import Chart
from decisions.follow_up import actions_with_progress, operative_numbers, paragraph_label
from decisions.models import Decision, Paragraph, Status
from documents.models import Document
from documents.report.data import DocumentData, Text, masthead_fields
from documents.report.document import DJANGO_LANGUAGE, INDENTED_STYLE, UNDocument, capitalize, full_stop, roman_numeral
from documents.report.language import WORDED_LANGUAGES, report_language
from documents.report.markup import parse
from meetings.models import Session


@dataclass(frozen=True)
class ProgressData:
    on: datetime.date
    status: str
    narrative: Text


@dataclass(frozen=True)
class ActionData:
    label: str  # "(b)" where the action is on a sub-item, else ""
    description: Text
    responsible: str  # secretariat, member, partner
    responsible_name: Text
    due: datetime.date | None
    due_by_next_session: bool
    status: str
    latest: ProgressData | None


@dataclass(frozen=True)
class FollowedParagraphData:
    number: str
    text: Text
    sub_items: tuple[Text, ...]
    actions: tuple[ActionData, ...]


@dataclass(frozen=True)
class ProgressReportData(DocumentData):
    reported_number: int = 0  # the session whose decisions are followed up
    decision_kind: str = Decision.Kind.AGREED_RECOMMENDATIONS
    paragraphs: tuple[FollowedParagraphData, ...] = ()
    as_of: datetime.date | None = None


def reported_session(document: Document) -> Session | None:
    """The session before the document's: its decisions are the ones followed up."""
    if document.session_id is None:
        return None
    session = document.session
    return session.committee.sessions.filter(number__lt=session.number).order_by("-number").first()


def collect_progress_report_data(document: Document, *, as_of: datetime.date | None = None) -> ProgressReportData:
    """The follow-up of the previous session's decisions, as published, in a fixed number of queries."""
    session = Session.objects.select_related("committee__secretariat", "committee__parent").get(pk=document.session_id)
    reported = reported_session(document)
    decisions = list(
        Decision.objects.filter(session=reported).prefetch_related("paragraphs__sub_items") if reported else []
    )
    actions = actions_with_progress(AnonymousUser(), session.committee).filter(paragraph__decision__session=reported)
    by_paragraph: dict[int, list[ActionData]] = {}
    for action in actions:
        published = [u for u in action.shown_updates if u.is_published]
        latest = published[-1] if published else None
        top = action.paragraph.parent_id or action.paragraph_id
        by_paragraph.setdefault(top, []).append(
            ActionData(
                label=f"({action.paragraph.letter})" if action.paragraph.parent_id else "",
                description=action.description,
                responsible=action.responsible,
                responsible_name=action.responsible_entity.name if action.responsible_entity else {},
                due=action.due,
                due_by_next_session=action.due_by_next_session,
                status=action.status,
                latest=ProgressData(latest.reported_on, latest.status, latest.narrative) if latest else None,
            )
        )
    numbers = operative_numbers([d.pk for d in decisions])
    paragraphs = []
    for decision in decisions:
        for paragraph in decision.paragraphs.all():
            if paragraph.parent_id is None and paragraph.kind == Paragraph.Kind.OPERATIVE:
                paragraphs.append(
                    FollowedParagraphData(
                        number=paragraph_label(paragraph, numbers),
                        text=paragraph.text,
                        sub_items=tuple(sub.text for sub in paragraph.sub_items.all()),
                        actions=tuple(by_paragraph.get(paragraph.pk, [])),
                    )
                )
    return ProgressReportData(
        **masthead_fields(session, document),
        reported_number=reported.number if reported else 0,
        decision_kind=decisions[0].kind if decisions else Decision.Kind.AGREED_RECOMMENDATIONS,
        paragraphs=tuple(paragraphs),
        as_of=as_of or document.issued_on or timezone.localdate(),
    )


def progress_report_languages(document: Document) -> list[str]:
    """The languages in which the followed-up decisions are written (and the tool has its wording)."""
    reported = reported_session(document)
    if reported is None:
        return []
    texts = Paragraph.objects.filter(decision__session=reported).values_list("text", flat=True)
    present = {language for text in texts for language, value in text.items() if value}
    return [language for language in WORDED_LANGUAGES if language in present]


def build_progress_report(data: ProgressReportData, *, language: str) -> bytes:
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ProgressReport(data, report_language(language)).build()


def status_name(status: str) -> str:
    return {
        Status.NOT_STARTED: pgettext("report status", "not started"),
        Status.IN_PROGRESS: pgettext("report status", "in progress"),
        Status.COMPLETED: pgettext("report status", "completed"),
        Status.ONGOING: pgettext("report status", "ongoing"),
        Status.DISCONTINUED: pgettext("report status", "discontinued"),
    }[status]


class _ProgressReport(UNDocument):
    data: ProgressReportData

    def build(self) -> bytes:
        self.set_up()
        self.masthead()
        self.title()
        self.heading(f"{roman_numeral(1)}.", pgettext("progress report", "Summary"), 1)
        self.summary()
        self.heading(f"{roman_numeral(2)}.", self.paragraphs_heading(), 1)
        for paragraph in self.data.paragraphs:
            self.followed(paragraph)
        return self.finish()

    def kind_words(self) -> str:
        return {
            Decision.Kind.AGREED_RECOMMENDATIONS: pgettext("progress report", "agreed recommendations"),
            Decision.Kind.AGREED_CONCLUSIONS: pgettext("progress report", "agreed conclusions"),
            Decision.Kind.DECISION: pgettext("progress report", "decisions"),
            Decision.Kind.RESOLUTION: pgettext("progress report", "resolutions"),
        }[self.data.decision_kind]

    def title(self) -> None:
        title = pgettext("progress report", "Progress in the implementation of the %(kind)s of the %(ordinal)s session")
        line = self.paragraph(
            self.rich(title, kind=self.kind_words(), ordinal=self.lang.ordinal(self.data.reported_number)),
            size=Pt(16),
            bold=True,
        )
        line.paragraph_format.space_before = Pt(18)
        self.paragraph([(pgettext("progress report", "Note by the secretariat"), "")], bold=True)

    def paragraphs_heading(self) -> str:
        return capitalize(pgettext("progress report", "Progress by paragraph"))

    def summary(self) -> None:
        actions = [action for paragraph in self.data.paragraphs for action in paragraph.actions]
        totals = Counter(action.status for action in actions)
        counted = ", ".join(
            pgettext("progress report", "%(count)s %(status)s") % {"count": totals[s], "status": status_name(s)}
            for s in Status.values
            if totals[s]
        )  # e.g. "2 completed, 1 in progress"
        scope = npgettext(
            "progress report",
            "This note reports on the follow-up of %(paragraphs)s operative paragraph of the %(kind)s of the "
            "%(ordinal)s session %(of_body)s, as of %(date)s.",
            "This note reports on the follow-up of %(paragraphs)s operative paragraphs of the %(kind)s of the "
            "%(ordinal)s session %(of_body)s, as of %(date)s.",
            len(self.data.paragraphs),
        )
        recorded = npgettext(
            "progress report",
            "%(count)s action was recorded on them (%(counted)s).",
            "%(count)s actions were recorded on them (%(counted)s).",
            len(actions),
        )
        runs = self.rich(
            scope,
            paragraphs=str(len(self.data.paragraphs)),
            kind=self.kind_words(),
            ordinal=self.lang.ordinal(self.data.reported_number),
            of_body=self.of_body(),
            date=self.lang.date(self.data.as_of),
        )
        if actions:
            runs += self.rich(" " + recorded, count=str(len(actions)), counted=counted)
        else:
            runs += self.rich(" " + pgettext("progress report", "No follow-up action was recorded."))
        self.numbered(runs)
        if not actions:
            return
        self.summary_table()
        for chart in self.charts():
            picture = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
            picture.add_run().add_picture(io.BytesIO(chart.png()), width=Cm(16.5))
            picture.paragraph_format.line_spacing = 1.0  # not the body's exact 12 points, which would clip it
            picture.paragraph_format.keep_with_next = True
            caption = self.paragraph([(self.lang.typography(chart.description), "italic")])
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def summary_table(self) -> None:
        statuses = [s for s in Status.values if any(a.status == s for p in self.data.paragraphs for a in p.actions)]
        table = self.document.add_table(rows=1, cols=2 + len(statuses))
        table.style = "Table Grid"
        header = [pgettext("progress report", "Paragraph"), *map(status_name, statuses), pgettext("report", "Total")]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(capitalize(text)).bold = True
        for paragraph in self.data.paragraphs:
            counts = Counter(a.status for a in paragraph.actions)
            values = [paragraph.number, *(str(counts[s]) for s in statuses), str(len(paragraph.actions))]
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.paragraphs[0].add_run(text)
        self.paragraph()

    def charts(self) -> list[Chart]:
        counts = [Counter(a.status for a in p.actions) for p in self.data.paragraphs]
        return [
            Chart(
                key="actions-by-paragraph",
                title=pgettext("progress report", "Actions by paragraph and status"),
                category_label=pgettext("progress report", "Paragraph"),
                categories=tuple(
                    pgettext("progress report", "Paragraph %(number)s") % {"number": p.number}
                    for p in self.data.paragraphs
                ),
                counts=tuple(counts),
            )
        ]

    def followed(self, paragraph: FollowedParagraphData) -> None:
        self.heading("", pgettext("progress report", "Paragraph %(number)s") % {"number": paragraph.number}, 2)
        quoted = self.paragraph(style=INDENTED_STYLE)
        self.write_segments(quoted, parse(self.drafted(paragraph.text)))
        for letter, sub_item in enumerate(paragraph.sub_items):
            line = self.hanging(self.sub_item_label(letter), level=2)
            self.write_segments(line, parse(self.drafted(sub_item)))
        if not paragraph.actions:
            self.numbered(self.rich(pgettext("progress report", "No follow-up action was recorded.")))
        for action in paragraph.actions:
            self.action(action)

    def responsible(self, action: ActionData) -> str:
        if action.responsible == "secretariat":
            return pgettext("progress report", "the secretariat")
        return self.text(action.responsible_name)

    def due(self, action: ActionData) -> str:
        if action.due_by_next_session:
            return pgettext("progress report", "by the next session")
        if action.due:
            return pgettext("progress report", "by %(date)s") % {"date": self.lang.date(action.due)}
        return pgettext("progress report", "no date set")

    def action(self, action: ActionData) -> None:
        description = full_stop(self.drafted(action.description))
        runs = self.rich(f"{action.label} " if action.label else "") + [(self.lang.typography(description), "")]
        runs += self.rich(
            " " + pgettext("progress report", "Responsible: %(who)s; due %(due)s; status: %(status)s."),
            who=self.responsible(action),
            due=self.due(action),
            status=status_name(action.status),
        )
        if action.latest is not None:
            progress = self.drafted(action.latest.narrative)
            runs += self.rich(
                " " + pgettext("progress report", "Progress as of %(date)s: %(progress)s"),
                date=self.lang.date(action.latest.on),
                progress=full_stop(progress) if progress else pgettext("progress report", "no account given."),
            )
        else:
            runs += self.rich(" " + pgettext("progress report", "No progress has been published yet."))
        self.numbered(runs)

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

from django.utils import translation
from django.utils.translation import npgettext, pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from committee.kernel.collation import collation_key
from committee.kernel.markup import parse, xml_safe
from decisions.follow_up.charts import (
    Chart,
    actions_by_paragraph,
    implementation_by_member,
    status_by_area,
    statuses_over_time,
)
from decisions.follow_up.models import Status
from decisions.outcomes.models import Decision
from documents.builders.data import DocumentData, Text
from documents.builders.document import (
    DJANGO_LANGUAGE,
    INDENTED_STYLE,
    UNDocument,
    capitalize,
    full_stop,
)
from documents.builders.language import report_language
from documents.builders.word import add_runs


@dataclass(frozen=True)
class ProgressData:
    on: datetime.date
    status: str
    narrative: Text


@dataclass(frozen=True)
class ActionData:
    sub_item: int | None  # the index of the sub-item it is on (0 for "a"), None for the paragraph itself
    description: Text
    responsible: str  # secretariat, member, partner
    responsible_name: Text
    due: datetime.date | None
    due_by_next_session: bool
    history: tuple[ProgressData, ...]  # published, up to the note's date, in date order
    illustrative: bool = False

    @property
    def status(self) -> str:
        return self.history[-1].status if self.history else Status.NOT_STARTED

    @property
    def latest(self) -> ProgressData | None:
        return self.history[-1] if self.history else None


@dataclass(frozen=True)
class FollowedParagraphData:
    number: str
    text: Text
    sub_items: tuple[Text, ...]
    actions: tuple[ActionData, ...]


@dataclass(frozen=True)
class StrategyData:
    title: Text
    illustrative: bool
    measures: int
    members: int
    by_area: tuple[tuple[int, Text, Counter[str]], ...]  # each area's number, title and statuses (all members)
    by_member: tuple[tuple[Text, Counter[str]], ...]


@dataclass(frozen=True)
class ProgressReportData(DocumentData):
    reported_number: int = 0  # the session whose decisions are followed up
    decision_kind: str = Decision.Kind.AGREED_RECOMMENDATIONS
    paragraphs: tuple[FollowedParagraphData, ...] = ()
    as_of: datetime.date | None = None
    strategies: tuple[StrategyData, ...] = ()


def build_progress_report(data: ProgressReportData, *, language: str) -> bytes:
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ProgressReport(data, report_language(language)).build()


def status_name(status: str) -> str:
    names: dict[str, str] = {
        Status.NOT_STARTED: pgettext("report status", "not started"),
        Status.IN_PROGRESS: pgettext("report status", "in progress"),
        Status.COMPLETED: pgettext("report status", "completed"),
        Status.ONGOING: pgettext("report status", "ongoing"),
        Status.DISCONTINUED: pgettext("report status", "discontinued"),
    }
    return names[status]


class _ProgressReport(UNDocument):
    data: ProgressReportData

    def build(self) -> bytes:
        self.set_up()
        self.masthead()
        self.title()
        chapters = [pgettext("progress report", "Summary"), self.paragraphs_heading()]
        chapters += [self.strategy_heading(strategy) for strategy in self.data.strategies]
        numbers = iter(self.lang.chapter_label(n) for n in range(1, len(chapters) + 1))
        self.heading(next(numbers), chapters[0], 1)
        self.summary()
        self.heading(next(numbers), chapters[1], 1)
        for paragraph in self.data.paragraphs:
            self.followed(paragraph)
        for strategy, title in zip(self.data.strategies, chapters[2:], strict=True):
            self.heading(next(numbers), title, 1)
            self.strategy(strategy)
        return self.finish()

    @property
    def as_of(self) -> datetime.date:
        """The date the note speaks as of: the collector always gives one."""
        if self.data.as_of is None:
            raise ValueError("A progress report is as of a date.")
        return self.data.as_of

    def kind_words(self) -> str:
        words: dict[str, str] = {
            Decision.Kind.AGREED_RECOMMENDATIONS: pgettext("progress report", "agreed recommendations"),
            Decision.Kind.AGREED_CONCLUSIONS: pgettext("progress report", "agreed conclusions"),
            Decision.Kind.DECISION: pgettext("progress report", "decisions"),
            Decision.Kind.RESOLUTION: pgettext("progress report", "resolutions"),
        }
        return words[self.data.decision_kind]

    def title(self) -> None:
        title = pgettext("progress report", "Progress in the implementation of the %(kind)s of the %(ordinal)s session")
        self.paragraph(
            self.rich(title, kind=self.kind_words(), ordinal=self.lang.ordinal(self.data.reported_number)),
            size=Pt(16),
            bold=True,
            space_before=Pt(18),
        )
        self.paragraph([(pgettext("progress report", "Note by the secretariat"), "")], bold=True)

    def paragraphs_heading(self) -> str:
        return capitalize(pgettext("progress report", "Progress by paragraph"))

    def summary(self) -> None:
        actions = [action for paragraph in self.data.paragraphs for action in paragraph.actions]
        totals = Counter(action.status for action in actions)
        counted = self.lang.semicolon.join(
            pgettext("progress report", "%(status)s, %(count)s") % {"count": totals[s], "status": status_name(s)}
            for s in Status.values
            if totals[s]
        )  # e.g. "completed, 2; in progress, 1"
        scope = npgettext(
            "progress report",
            "This note reports on the follow-up of %(paragraphs)s operative paragraph of the %(kind)s of the "
            "%(ordinal)s session %(of_body)s, as of %(date)s.",
            "This note reports on the follow-up of %(paragraphs)s operative paragraphs of the %(kind)s of the "
            "%(ordinal)s session %(of_body)s, as of %(date)s.",
            len(self.data.paragraphs),
        )
        runs = self.rich(
            scope,
            paragraphs=str(len(self.data.paragraphs)),
            kind=self.kind_words(),
            ordinal=self.lang.ordinal(self.data.reported_number),
            of_body=self.of_body(),
            date=self.lang.date(self.as_of),
        )
        if actions:
            recorded = pgettext("progress report", "Actions recorded: %(count)s (%(counted)s).")
            runs += self.rich(self.lang.sentence_space + recorded, count=str(len(actions)), counted=counted)
        else:
            runs += self.rich(
                self.lang.sentence_space + pgettext("progress report", "No follow-up action was recorded.")
            )
        if any(action.illustrative for action in actions):
            illustrative = pgettext(
                "progress report", "The actions and progress in this note are illustrative examples, not real figures."
            )
            runs += self.rich(self.lang.sentence_space + illustrative)
        self.numbered(runs)
        if not actions:
            return
        self.summary_table()
        by_paragraph = {
            pgettext("progress report", "Paragraph %(number)s") % {"number": p.number}: Counter(
                a.status for a in p.actions
            )
            for p in self.data.paragraphs
        }
        histories = [[(u.on, u.status) for u in a.history] for a in actions]
        self.charts(
            [
                actions_by_paragraph(by_paragraph, label=pgettext("progress report", "Paragraph")),
                statuses_over_time(histories, until=self.as_of),
            ]
        )

    def charts(self, charts: list[Chart]) -> None:
        for chart in charts:
            picture = self.paragraph(alignment=WD_ALIGN_PARAGRAPH.CENTER)
            picture.add_run().add_picture(io.BytesIO(chart.png()), width=Cm(16.5))
            picture.paragraph_format.line_spacing = 1.0  # not the body's exact 12 points, which would clip it
            picture.paragraph_format.keep_with_next = True
            self.paragraph(
                [(self.lang.typography(xml_safe(chart.description)), "italic")], alignment=WD_ALIGN_PARAGRAPH.CENTER
            )

    def strategy_heading(self, strategy: StrategyData) -> str:
        return pgettext("progress report", "Implementation of the %(strategy)s") % {
            "strategy": self.text(strategy.title)
        }

    def collated(self, member: tuple[Text, Counter[str]]) -> tuple[int, ...]:
        return collation_key(self.text(member[0]))

    def strategy(self, strategy: StrategyData) -> None:
        line = pgettext("progress report", "Measures: %(measures)s; members reporting: %(members)s; as of %(date)s.")
        runs = self.rich(line, measures=str(strategy.measures), members=str(strategy.members),
                         date=self.lang.date(self.as_of))  # fmt: skip
        if strategy.illustrative:
            runs += self.rich(
                self.lang.sentence_space + pgettext("progress report", "These figures are illustrative, not real ones.")
            )
        self.numbered(runs)
        self.charts(
            [
                status_by_area({f"{number}. {self.text(title)}": counts for number, title, counts in strategy.by_area}),
                implementation_by_member(
                    {self.text(name): counts for name, counts in sorted(strategy.by_member, key=self.collated)}
                ),
            ]
        )

    def summary_table(self) -> None:
        statuses = [s for s in Status.values if any(a.status == s for p in self.data.paragraphs for a in p.actions)]
        table = self.table(1, 2 + len(statuses))
        table.style = "Table Grid"
        header = [pgettext("progress report", "Paragraph"), *map(status_name, statuses), pgettext("report", "Total")]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            add_runs(cell.paragraphs[0], [(capitalize(text), "bold")])
        for paragraph in self.data.paragraphs:
            counts = Counter(a.status for a in paragraph.actions)
            values = [paragraph.number, *(str(counts[s]) for s in statuses), str(len(paragraph.actions))]
            for cell, text in zip(table.add_row().cells, values, strict=True):  # type: ignore[no-untyped-call]
                cell.paragraphs[0].add_run(text)
        self.paragraph()

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
        label = f"{self.sub_item_label(action.sub_item)} " if action.sub_item is not None else ""
        runs = self.rich(label) + [
            (self.lang.typography(full_stop(self.drafted(action.description), self.lang.stop)), "")
        ]
        runs += self.rich(
            self.lang.sentence_space
            + pgettext("progress report", "Responsible: %(who)s; due %(due)s; status: %(status)s."),
            who=self.responsible(action),
            due=self.due(action),
            status=status_name(action.status),
        )
        if action.latest is not None:
            heading = pgettext("progress report", "Progress as of %(date)s.") % {
                "date": self.lang.date(action.latest.on)
            }
            progress = self.drafted(action.latest.narrative)
            runs += [(" ", ""), (self.lang.typography(heading), "italic")]
            runs += self.rich(
                self.lang.sentence_space
                + (
                    full_stop(progress, self.lang.stop)
                    if progress
                    else pgettext("progress report", "No account given.")
                )
            )
        else:
            runs += self.rich(
                self.lang.sentence_space + pgettext("progress report", "No progress has been published yet.")
            )
        self.numbered(runs)

"""The provisional agenda and annotations of a session, as a UN-style Word document.

Masthead and title, I. the provisional agenda (the numbered items with their sub-items), II. the
annotations item by item in numbered paragraphs with the documents for each item, and an annex
with the proposed organization of work, half-day by half-day.
"""

import datetime
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import pgettext
from docx.shared import Pt

from committee.kernel.markup import parse, xml_safe
from documents.builders.data import DocumentData, Text
from documents.builders.document import DJANGO_LANGUAGE, UNDocument
from documents.builders.language import report_language
from documents.builders.word import add_runs, format_paragraph


@dataclass(frozen=True)
class AnnotatedItemData:
    number: int
    title: Text
    sub_items: tuple[Text, ...] = ()
    annotation: Text | None = None
    documents: tuple[tuple[str, Text], ...] = ()  # (symbol, title)


@dataclass(frozen=True)
class HalfDayData:
    date: datetime.date
    period: str  # morning or afternoon
    items: tuple[int, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class ProvisionalAgendaData(DocumentData):
    items: tuple[AnnotatedItemData, ...] = ()
    organization_of_work: tuple[HalfDayData, ...] = ()


def build_provisional_agenda(data: ProvisionalAgendaData, *, language: str) -> bytes:
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ProvisionalAgenda(data, report_language(language)).build()


class _ProvisionalAgenda(UNDocument):
    data: ProvisionalAgendaData

    def build(self) -> bytes:
        self.set_up()
        self.masthead()
        self.paragraph(
            [(pgettext("report", "Provisional agenda and annotations"), "")],
            size=Pt(16),
            bold=True,
            space_before=Pt(18),
        )
        self.heading(self.lang.chapter_label(1), pgettext("report", "Provisional agenda"), 1)
        self.agenda_list(self.data.items, level=1)
        self.heading(self.lang.chapter_label(2), pgettext("report", "Annotations to the provisional agenda"), 1)
        for item in self.data.items:
            self.annotation(item)
        if self.data.organization_of_work:
            self.annex_heading(self.lang.annex_number(1), pgettext("report", "Proposed organization of work"))
            self.timetable()
        return self.finish()

    def annotation(self, item: AnnotatedItemData) -> None:
        self.heading(self.lang.paragraph_label(item.number), self.drafted(item.title), 2)
        for text in self.drafted(item.annotation or {}).split("\n\n"):
            if text.strip():
                self.numbered(segments=parse(text.strip()))
        if item.documents:
            self.paragraph([(pgettext("report", "Documentation"), "bold")], keep_with_next=True)
            for symbol, title in item.documents:
                self.paragraph(
                    [(xml_safe(symbol), ""), ("\t", ""), (self.lang.typography(self.text(title)), "")],
                    tab_stop=Pt(144),
                    left_indent=Pt(144),
                    first_line_indent=-Pt(144),
                )

    def timetable(self) -> None:
        days = sorted({slot.date for slot in self.data.organization_of_work})
        periods = {(slot.date, slot.period): slot for slot in self.data.organization_of_work}
        titles = {item.number: self.drafted(item.title) for item in self.data.items}
        table = self.table(len(days) + 1, 3)
        table.style = "Table Grid"
        rows = [row.cells for row in table.rows]
        headings = ["", pgettext("report", "Morning"), pgettext("report", "Afternoon")]
        for cell, text in zip(rows[0], headings, strict=True):
            add_runs(cell.paragraphs[0], [(text, "bold")])
        for cells, day in zip(rows[1:], days, strict=True):
            add_runs(cells[0].paragraphs[0], [(self.lang.weekday_date(day), "")])
            for cell, period in zip(cells[1:], ("morning", "afternoon"), strict=True):
                slot = periods.get((day, period))
                if slot is None:
                    continue
                lines = []
                note = self.drafted(slot.note or {})
                if note:
                    lines.append([(self.lang.typography(note), "italic")])
                for number in slot.items:
                    lines.append(
                        self.rich(
                            pgettext("report", "Item %(number)s: %(title)s"),
                            number=str(number),
                            title=titles.get(number, ""),
                        )
                    )
                for index, runs in enumerate(lines):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    add_runs(paragraph, runs)
                    format_paragraph(paragraph, space_after=Pt(0))

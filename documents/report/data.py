"""Everything a session report says, gathered in a fixed number of queries into plain data.

The builder works from these frozen dataclasses alone, with no database access, so that the
same data gives the same document and a test can build one from data it writes by hand.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from committee.multilingual import pick
from decisions.models import Decision, Paragraph
from documents.models import Document, ReportParagraph, ReportSection
from documents.report.language import WORDED_LANGUAGES
from meetings.models import Agenda, BureauMember, Meeting, Participation, Session

Text = dict[str, str]  # a text per language code


@dataclass(frozen=True)
class AgendaItemData:
    number: int
    title: Text
    purpose: str = ""
    sub_items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class MeetingData:
    key: str
    kind: str
    date: datetime.date | None = None


@dataclass(frozen=True)
class OfficerData:
    role: str
    courtesy: str
    name: str
    state: Text = field(default_factory=dict)
    elected_on: datetime.date | None = None
    elected_at: MeetingData | None = None


@dataclass(frozen=True)
class ParagraphData:
    kind: str
    text: Text
    sub_items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class DecisionData:
    kind: str
    title: Text
    paragraphs: tuple[ParagraphData, ...]


@dataclass(frozen=True)
class SectionData:
    title: Text
    numbered: bool = True
    agenda_item: int | None = None
    paragraphs: tuple[Text, ...] = ()
    subsections: tuple["SectionData", ...] = ()


@dataclass(frozen=True)
class ParticipantData:
    category: str
    name: Text  # the name borne at the session, completed with today's where the session gives none

    def name_in(self, language: str) -> str:
        return pick(self.name, language)


@dataclass(frozen=True)
class DocumentData:
    """What every document of a session says in its masthead."""

    symbol: str
    distribution: str
    issued_on: datetime.date | None
    original_language: str
    organization: Text  # the secretariat's organization, named in the masthead
    organization_short: Text  # its acronym (UNCTAD), where participation lists name it
    organization_gender: dict[str, str]
    parents: tuple[Text, ...]  # the body's parents, the top first
    body: Text
    body_gender: dict[str, str]
    body_short: Text  # how the report names the body after the first mention, with its article
    organizations_in_english_order: bool
    number: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    venue: Text
    city: Text


@dataclass(frozen=True)
class SessionReportData(DocumentData):
    decisions: tuple[DecisionData, ...] = ()
    summary: tuple[SectionData, ...] = ()
    agenda: tuple[AgendaItemData, ...] = ()
    agenda_symbol: str = ""
    agenda_adopted_at: MeetingData | None = None
    next_agenda: tuple[AgendaItemData, ...] = ()
    next_agenda_adopted_at: MeetingData | None = None
    closing_meeting: MeetingData | None = None
    bureau: tuple[OfficerData, ...] = ()
    participants: tuple[ParticipantData, ...] = ()
    participants_list_symbol: str = ""


def collect_session_report_data(session: Session, *, final: bool = False) -> SessionReportData:
    """Read everything the report of `session` needs, in a number of queries that does not grow with it.

    Before its adoption the report circulates under its draft's limited-distribution symbol (L), if it
    has one; `final` asks for the report as adopted, under its general symbol.
    """
    session = (
        Session.objects.select_related("committee__secretariat", "report")
        .prefetch_related(
            "meetings",
            Prefetch("bureau", queryset=BureauMember.objects.select_related("state", "elected_at")),
            Prefetch("agendas", queryset=Agenda.objects.with_items()),
            Prefetch("participations", queryset=Participation.objects.select_related("entity")),
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related(
                    Prefetch(
                        "paragraphs",
                        queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related("sub_items"),
                        to_attr="top_paragraphs",
                    )
                ),
            ),
            "documents",
        )
        .get(pk=session.pk)
    )
    agendas = {agenda.kind: agenda for agenda in session.agendas.all()}
    agenda = agendas.get(Agenda.Kind.ADOPTED) or agendas.get(Agenda.Kind.PROVISIONAL)
    next_agenda = agendas.get(Agenda.Kind.NEXT_SESSION)
    documents = list(session.documents.all())
    report_document = _report_document(session, documents, final=final)
    meetings = [_meeting(m) for m in session.meetings.all()]
    return SessionReportData(
        **masthead_fields(session, report_document),
        decisions=tuple(_decision(d) for d in session.decisions.all()),
        summary=_summary(session, agenda),
        agenda=_agenda_items(agenda),
        agenda_symbol=next((d.symbol for d in documents if d.kind == Document.Kind.PROVISIONAL_AGENDA), ""),
        agenda_adopted_at=_adopted_at(agenda),
        next_agenda=_agenda_items(next_agenda),
        next_agenda_adopted_at=_adopted_at(next_agenda),
        closing_meeting=next((m for m in meetings if m.kind == Meeting.Kind.CLOSING_PLENARY), None),
        bureau=tuple(
            OfficerData(
                role=b.role,
                courtesy=b.courtesy,
                name=b.name,
                state=b.state.name if b.state else {},
                elected_on=b.elected_on,
                elected_at=_meeting(b.elected_at) if b.elected_at else None,
            )
            for b in session.bureau.all()
        ),
        participants=tuple(
            ParticipantData(category=p.category, name=p.entity.name | p.name) for p in session.participations.all()
        ),
        participants_list_symbol=next(
            (d.symbol for d in documents if d.kind == Document.Kind.LIST_OF_PARTICIPANTS), ""
        ),
    )


def masthead_fields(session: Session, document: Document | None) -> dict:
    """The fields of DocumentData for a document of `session` (its committee and secretariat loaded)."""
    committee = session.committee
    secretariat = committee.secretariat
    return {
        "symbol": document.symbol if document else "",
        "distribution": document.distribution if document else Document.Distribution.GENERAL,
        "issued_on": document.issued_on if document else None,
        "original_language": document.original_language if document else "en",
        "organization": secretariat.name if secretariat else {},
        "organization_short": (secretariat.acronym or secretariat.name) if secretariat else {},
        "organization_gender": secretariat.name_gender if secretariat else {},
        "parents": tuple(parent.name for parent in reversed(committee.ancestors())),
        "body": committee.name,
        "body_gender": committee.name_gender,
        "body_short": committee.short_name,
        "organizations_in_english_order": committee.organizations_in_english_order,
        "number": session.number,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "venue": session.venue,
        "city": session.city,
    }


def _report_document(session: Session, documents: list[Document], *, final: bool) -> Document | None:
    report = getattr(session, "report", None)
    drafting = report is not None and report.status in (report.Status.DRAFT, report.Status.UNDER_REVIEW)
    if drafting and not final and report.draft_document_id:
        return next((d for d in documents if d.pk == report.draft_document_id), None)
    if report is not None and report.document_id:
        return next((d for d in documents if d.pk == report.document_id), None)
    return next((d for d in documents if d.kind == Document.Kind.REPORT), None)


def _meeting(meeting: Meeting) -> MeetingData:
    return MeetingData(key=meeting.key, kind=meeting.kind, date=meeting.date)


def _adopted_at(agenda: Agenda | None) -> MeetingData | None:
    if agenda is None:
        return None
    if agenda.adopted_at is not None:
        return MeetingData(agenda.adopted_at.key, agenda.adopted_at.kind, agenda.adopted_on or agenda.adopted_at.date)
    if agenda.adopted_on is not None:
        return MeetingData("", "", agenda.adopted_on)
    return None


def _agenda_items(agenda: Agenda | None) -> tuple[AgendaItemData, ...]:
    if agenda is None:
        return ()
    return tuple(
        AgendaItemData(
            number=item.position,
            title=item.title,
            purpose=item.purpose,
            sub_items=tuple(sub.title for sub in item.sub_items.all()),
        )
        for item in agenda.top_items
    )


def _decision(decision: Decision) -> DecisionData:
    return DecisionData(
        kind=decision.kind,
        title=decision.title,
        paragraphs=tuple(
            ParagraphData(kind=p.kind, text=p.text, sub_items=tuple(sub.text for sub in p.sub_items.all()))
            for p in decision.top_paragraphs
        ),
    )


def _summary(session: Session, agenda: Agenda | None) -> tuple[SectionData, ...]:
    numbers = {item.pk: item.position for item in (agenda.top_items if agenda else [])}
    sections = (
        ReportSection.objects.filter(report__session=session, parent__isnull=True)
        .prefetch_related("paragraphs", "subsections__paragraphs")
        .order_by("position")
    )

    def section(s: ReportSection, subsections: tuple[SectionData, ...] = ()) -> SectionData:
        return SectionData(
            title=s.title,
            numbered=s.numbered,
            agenda_item=numbers.get(s.agenda_item_id) if s.agenda_item_id else None,
            paragraphs=tuple(p.text for p in s.paragraphs.all()),
            subsections=subsections,
        )

    return tuple(section(s, tuple(section(sub) for sub in s.subsections.all())) for s in sections)


def report_languages(session: Session) -> list[str]:
    """The languages in which the session's report has drafted text (its summary or its decisions)
    and the tool has its wording."""
    texts = [
        *ReportParagraph.objects.filter(section__report__session=session).values_list("text", flat=True),
        *Paragraph.objects.filter(decision__session=session).values_list("text", flat=True),
    ]
    present = {language for text in texts for language, value in text.items() if value}
    return [language for language in WORDED_LANGUAGES if language in present]

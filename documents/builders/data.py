"""What each document says, as plain frozen data.

The builders work from these dataclasses alone, with no database access, so that the same data gives the
same document and a test can build one from data it writes by hand (`documents.reports.collect` reads them)."""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from committee.kernel.multilingual import pick
from documents.builders.schemes import UNCTAD_EXPERT_GROUP, SchemeData

Text = dict[str, str]  # a text per language code


class ListedItem(Protocol):
    """An agenda item as a list of items shows it: number, title and sub-items' titles."""

    @property
    def number(self) -> int: ...

    @property
    def title(self) -> Text: ...

    @property
    def sub_items(self) -> tuple[Text, ...]: ...


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
class AssignedActionData:
    """Who is to act on an operative paragraph, and by when (decisions.follow_up)."""

    responsible: str  # decisions.follow_up.Action.Responsible: the secretariat, a member, a partner
    name: Text = field(default_factory=dict)  # the member or partner's
    due_on: datetime.date | None = None
    due_by_next_session: bool = False


@dataclass(frozen=True)
class ParagraphData:
    kind: str
    text: Text
    sub_items: tuple[Text, ...] = ()
    actions: tuple[AssignedActionData, ...] = ()


@dataclass(frozen=True)
class DecisionData:
    kind: str
    title: Text
    paragraphs: tuple[ParagraphData, ...]
    number: str = ""
    key: str = ""  # which of the session's texts it is (decisions.outcomes.Decision's primary key)
    method: str = ""  # how it was adopted (decisions.outcomes.Decision.Method); blank: not recorded
    adopted_at: "MeetingData | None" = None  # the meeting (or just the day) it was adopted
    silence_ends_on: datetime.date | None = None
    in_favour: tuple[Text, ...] = ()  # the States' names, for a recorded vote
    against: tuple[Text, ...] = ()
    abstaining: tuple[Text, ...] = ()
    objections: tuple[Text, ...] = ()  # under a silence procedure: one breaks the silence

    @property
    def not_adopted(self) -> bool:
        return self.method == "silence" and bool(self.objections)

    @property
    def adopted(self) -> bool:
        """Recorded as adopted: how (a method), or when; a text still in negotiation is neither."""
        return (bool(self.method) or self.adopted_at is not None) and not self.not_adopted


@dataclass(frozen=True)
class StepData:
    """A procedural step the session is recorded to have taken (meetings.proceedings), and where."""

    kind: str
    at: "MeetingData | None" = None
    rapporteur_authorized: bool = False
    starts_on: datetime.date | None = None  # the next session's dates and place, where it announces them
    ends_on: datetime.date | None = None
    place: Text = field(default_factory=dict)


@dataclass(frozen=True)
class SectionData:
    title: Text
    numbered: bool = True
    agenda_item: int | None = None
    paragraphs: tuple[Text, ...] = ()
    subsections: tuple["SectionData", ...] = ()
    speakers: tuple[Text, ...] = ()  # the delegations that took the floor on its agenda item, in turn


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
    body_genitive: Text  # the name after "of", in the languages that decline it (Russian)
    body_short: Text  # how the report names the body after the first mention, with its article
    organizations_in_english_order: bool
    number: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    venue: Text
    city: Text
    masthead: str = "un"  # schemes.Masthead: "United Nations" on top, or the organization alone
    emblem: bytes = b""  # the secretariat's emblem (PNG or JPEG), printed in the masthead where it has one
    # How Akoma Ntoso names the body (AKN4UN's actor): its organization, then each body from the top.
    actor_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionReportData(DocumentData):
    scheme: SchemeData = UNCTAD_EXPERT_GROUP
    decisions: tuple[DecisionData, ...] = ()
    summary: tuple[SectionData, ...] = ()
    agenda: tuple[AgendaItemData, ...] = ()
    agenda_symbol: str = ""
    agenda_adopted: bool = False  # the record of its adoption; the report says nothing of one without it
    agenda_adopted_at: MeetingData | None = None
    agenda_as_amended: bool = False
    next_agenda: tuple[AgendaItemData, ...] = ()
    next_agenda_adopted_at: MeetingData | None = None  # None: its approval is not recorded
    steps: tuple[StepData, ...] = ()
    bureau: tuple[OfficerData, ...] = ()
    participants: tuple[ParticipantData, ...] = ()
    participants_list_symbol: str = ""
    volume: str = ""  # "I" for a report issued in volumes, with its note
    volume_note: Text = field(default_factory=dict)
    members_joined: tuple[Text, ...] = ()  # States that became members since the previous session
    members_left: tuple[Text, ...] = ()

"""A report scheme: the shape of a body's session report, as data (what `session_report.py` writes from).

Bodies write their reports in different shapes. An UNCTAD expert group puts its agreed recommendations in
chapter I, the Chair's summary in chapter II and the organizational matters in chapter III, with the next
session's agenda and the attendance in annexes; a UN plenary opens with the opening of the session and the
organizational matters (attendance written as running text), gives each substantive item its chapter, and
annexes each decision it adopted; a committee meeting report (as WTO committees write theirs) goes item by
item, with who took the floor and what the chair concluded, and the date of the next meeting; a regional
committee's outcomes document (as the Pacific Islands Forum's committees issue theirs) lists its decisions
with who is to act and by when.

A scheme is an ordered list of parts (chapters, then annexes), each holding one kind of content, with a
title per language (blank: the content's usual title). A body starts from a preset and changes what it needs;
`documents.schemes` keeps each body's scheme and lets the secretariat edit it.
"""

from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

Text = dict[str, str]


class Holds:
    """What a part of a report holds."""

    DECISIONS = "decisions"  # the texts adopted: in a chapter, or (in an annex) one annex each
    DECISIONS_WITH_ACTIONS = "decisions_with_actions"  # the same, each operative paragraph with who acts by when
    DRAFTED = "drafted"  # the drafted sections (a Chair's summary, proceedings), lettered, in one chapter
    DRAFTED_CHAPTERS = "drafted_chapters"  # each drafted section a chapter of its own (one per agenda item)
    SECTIONS = "sections"  # a chapter of the procedural sections listed in the part's `sections`
    NEXT_AGENDA = "next_agenda"  # the provisional agenda of the next session, listed
    ATTENDANCE = "attendance"  # who attended, as the scheme writes attendance (a list, or running text)
    # A procedural section, written from what the session is recorded to have done (meetings.proceedings):
    OPENING = "opening"
    ELECTION_OF_OFFICERS = "election_of_officers"
    ADOPTION_OF_AGENDA = "adoption_of_agenda"  # with the organization of work
    CREDENTIALS = "credentials"
    STATUS_OF_MEMBERSHIP = "status_of_membership"
    OTHER_MATTERS = "other_matters"
    NEXT_SESSION = "next_session"  # its date and venue
    NEXT_SESSION_AGENDA = "next_session_agenda"
    ADOPTION_OF_OUTCOME = "adoption_of_outcome"  # how each text was adopted
    ADOPTION_OF_REPORT = "adoption_of_report"
    CLOSING = "closing"

    PROCEDURAL = (
        OPENING,
        ELECTION_OF_OFFICERS,
        ADOPTION_OF_AGENDA,
        CREDENTIALS,
        STATUS_OF_MEMBERSHIP,
        ATTENDANCE,
        OTHER_MATTERS,
        NEXT_SESSION,
        NEXT_SESSION_AGENDA,
        ADOPTION_OF_OUTCOME,
        ADOPTION_OF_REPORT,
        CLOSING,
    )
    CHAPTERS = (DECISIONS, DECISIONS_WITH_ACTIONS, DRAFTED, DRAFTED_CHAPTERS, SECTIONS, *PROCEDURAL)
    ANNEXES = (DECISIONS, DECISIONS_WITH_ACTIONS, NEXT_AGENDA, ATTENDANCE)
    DRAFTED_KINDS = (DRAFTED, DRAFTED_CHAPTERS)


class TitlePattern:
    """How the report's title names it."""

    SESSION = "session"  # Report of the Group of Experts on its first session
    WORK_OF_SESSION = "work_of_session"  # Report of the Conference on the work of its first session
    MEETING = "meeting"  # Report of the Committee on its first meeting
    OUTCOMES = "outcomes"  # Outcomes of the first meeting of the Committee

    ALL = (SESSION, WORK_OF_SESSION, MEETING, OUTCOMES)
    MEETINGS = (MEETING, OUTCOMES)  # the body's sittings are called meetings, not sessions


class Masthead:
    UN = "un"  # "United Nations" above the organization, as UN bodies' documents print it
    ORGANIZATION = "organization"  # the secretariat's organization alone: a body outside the UN system

    ALL = (UN, ORGANIZATION)


class Attendance:
    LIST = "list"  # by category, the States in two columns
    TEXT = "text"  # running text with the counts of States and organizations

    ALL = (LIST, TEXT)


# Titles a preset gives a part where the usual title of what it holds would not do, in every language the
# report is worded in (a key of this catalogue is stored, so that each language has its own wording).
USUAL_TITLES = {
    "decisions_and_report": pgettext_lazy("report", "Adoption of the decisions and of the report"),
    "organizational_matters": pgettext_lazy("report", "Organizational matters"),
    "agreed_conclusions": pgettext_lazy("report", "Agreed conclusions"),
    "proceedings": pgettext_lazy("report", "Proceedings"),
    "summary_of_discussions": pgettext_lazy("report", "Summary of discussions"),
    "decisions": pgettext_lazy("report", "Decisions"),
}


@dataclass(frozen=True)
class PartData:
    """A chapter or an annex: what it holds, and its title per language; where a language has none, the
    title of the `usual` catalogue entry, else the usual title of what it holds."""

    holds: str
    title: Text = field(default_factory=dict)
    annex: bool = False
    sections: tuple["PartData", ...] = ()  # a chapter of sections: its procedural sections, in order
    usual: str = ""  # a key of USUAL_TITLES


@dataclass(frozen=True)
class SchemeData:
    parts: tuple[PartData, ...]
    title_pattern: str = TitlePattern.SESSION
    attendance: str = Attendance.LIST
    rapporteur_line: bool = False  # "Rapporteur: Ms. X (State)" under the title
    agenda_item_line: bool = False  # "Agenda item 6" in the masthead: the item under which the report is adopted
    statements: bool = False  # under each item, the delegations that took the floor on it (the live meeting's record)
    masthead: str = Masthead.UN

    @property
    def chapters(self) -> tuple[PartData, ...]:
        return tuple(part for part in self.parts if not part.annex)

    @property
    def annexes(self) -> tuple[PartData, ...]:
        return tuple(part for part in self.parts if part.annex)

    def holds(self, kind: str) -> bool:
        """Whether a part, or a section of one, holds `kind`."""
        return any(part.holds == kind or any(s.holds == kind for s in part.sections) for part in self.parts)


H = Holds

# The presets a body starts from (documents.schemes offers them by these keys).
UNCTAD_EXPERT_GROUP = SchemeData(
    parts=(
        PartData(H.DECISIONS),
        PartData(H.DRAFTED),
        PartData(
            H.SECTIONS,
            sections=(
                PartData(H.ELECTION_OF_OFFICERS),
                PartData(H.ADOPTION_OF_AGENDA),
                PartData(H.NEXT_SESSION_AGENDA),
                PartData(H.ADOPTION_OF_OUTCOME),
                PartData(H.ADOPTION_OF_REPORT),
            ),
        ),
        PartData(H.NEXT_AGENDA, annex=True),
        PartData(H.ATTENDANCE, annex=True),
    ),
)

UN_PLENARY = SchemeData(
    title_pattern=TitlePattern.WORK_OF_SESSION,
    attendance=Attendance.TEXT,
    parts=(
        PartData(H.OPENING),
        PartData(
            H.SECTIONS,
            sections=(
                PartData(H.ELECTION_OF_OFFICERS),
                PartData(H.ADOPTION_OF_AGENDA),
                PartData(H.ATTENDANCE),
            ),
        ),
        PartData(H.DRAFTED_CHAPTERS),
        PartData(H.CREDENTIALS),
        PartData(
            H.SECTIONS,
            usual="decisions_and_report",
            sections=(PartData(H.ADOPTION_OF_OUTCOME), PartData(H.ADOPTION_OF_REPORT)),
        ),
        PartData(H.CLOSING),
        PartData(H.DECISIONS, annex=True),
    ),
)

COMMITTEE_MEETING = SchemeData(
    title_pattern=TitlePattern.MEETING,
    statements=True,
    parts=(
        PartData(H.ADOPTION_OF_AGENDA),
        PartData(H.DRAFTED_CHAPTERS),
        PartData(H.OTHER_MATTERS),
        PartData(H.NEXT_SESSION),
    ),
)

REGIONAL_OUTCOMES = SchemeData(
    title_pattern=TitlePattern.OUTCOMES,
    masthead=Masthead.ORGANIZATION,
    parts=(
        PartData(H.DECISIONS_WITH_ACTIONS),
        PartData(H.NEXT_SESSION),
        PartData(H.ATTENDANCE, annex=True),
    ),
)

PRESETS: dict[str, SchemeData] = {
    "unctad_expert_group": UNCTAD_EXPERT_GROUP,
    "un_plenary": UN_PLENARY,
    "committee_meeting": COMMITTEE_MEETING,
    "regional_outcomes": REGIONAL_OUTCOMES,
}

"""Build a session report as a UN-style Word document from its data, in one language.

The chapters and annexes are those of the body's report scheme (`schemes.py`): for an UNCTAD expert group,
as in the reference report (TD/B/EDE/1/3) and ../shared/UN-CONVENTIONS.md, the masthead, the contents,
I. the agreed recommendations, II. the Chair's summary, III. the organizational matters written from the
session's data, then the annexes (the provisional agenda of the next session, attendance). What any UN
document shares is in `document.py`.
"""

import datetime
from collections.abc import Callable

from django.utils import translation
from django.utils.translation import npgettext, pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from committee.kernel.collation import collation_key
from committee.kernel.markup import parse, plain, sub_items, xml_safe
from documents.builders.data import (
    AgendaItemData,
    AssignedActionData,
    DecisionData,
    MeetingData,
    OfficerData,
    SectionData,
    SessionReportData,
    StepData,
)
from documents.builders.document import (
    CONTENTS_STYLES,
    DJANGO_LANGUAGE,
    INDENT,
    INDENTED_STYLE,
    UNDocument,
    category_heading,
)
from documents.builders.language import report_language
from documents.builders.schemes import USUAL_TITLES, Attendance, Holds, PartData, TitlePattern
from documents.builders.word import Run, add_runs, begin_field, end_field, format_paragraph
from meetings.programme.models import BureauMember, Meeting
from meetings.registration.attendance import NGO_CATEGORIES, attendance_by_category
from meetings.registration.models import Participation


def build_session_report(data: SessionReportData, *, language: str) -> bytes:
    """The report of the session described by `data`, in `language`, as the bytes of a .docx file."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _SessionReport(data, report_language(language)).build()


# A chapter: its title, what writes it, and its sections (label, title) for the contents. An annex: what it
# holds (a key of Holds, or "decision-N" for the N-th decision annexed), its title and what writes it.
Chapter = tuple[str, Callable[[], None], list[tuple[str, str]]]
Annex = tuple[str, str, Callable[[], None]]
Section = tuple[str, int | None, Callable[[], None]]  # title, agenda item, writer


class _SessionReport(UNDocument):
    data: SessionReportData

    # The document ---------------------------------------------------------------------------------

    def build(self) -> bytes:
        self.set_up()
        self.masthead()
        self.title()
        scheme = self.data.scheme
        annexes = [annex for part in scheme.annexes for annex in self.annexes_of(part)]
        # A report with one annex calls it "Annex", unnumbered.
        self.annex_numbers = {
            key: self.lang.annex_number(index + 1) if len(annexes) > 1 else ""
            for index, (key, _t, _w) in enumerate(annexes)
        }
        chapters: list[Chapter] = []
        self.chapter_numbers: dict[str, str] = {}
        for part in scheme.chapters:
            written = self.chapters_of(part)
            if written:
                self.chapter_numbers.setdefault(part.holds, self.lang.annex_number(len(chapters) + 1))
            chapters += written
        self.contents(chapters, annexes)
        for index, (title, writer, _sections) in enumerate(chapters):
            self.heading(self.lang.chapter_label(index + 1), title, 1)
            writer()
        for key, title, writer in annexes:
            heading = self.annex_heading(self.annex_numbers[key], title)
            if key == Holds.ATTENDANCE and scheme.attendance == Attendance.LIST:
                self.attendance_note(heading)
            writer()
        return self.finish()

    def part_title(self, part: PartData, default: str = "") -> str:
        """The scheme's title for the part in this language, else its usual one, else `default`."""
        title = xml_safe(part.title.get(self.lang.code, "")).strip()
        if title:
            return title
        if part.usual in USUAL_TITLES:
            return str(USUAL_TITLES[part.usual])
        return default

    def chapters_of(self, part: PartData) -> list[Chapter]:
        """The chapters a part of the scheme gives: none where it has nothing to say."""
        if part.holds in (Holds.DECISIONS, Holds.DECISIONS_WITH_ACTIONS):
            if not self.decisions:
                return []
            writer = self.recommendations if part.holds == Holds.DECISIONS else self.decisions_with_actions
            return [(self.part_title(part, self.recommendations_title()), writer, self.recommendations_sections())]
        if part.holds == Holds.DRAFTED:
            if not self.data.summary:
                return []
            return [(self.part_title(part, self.summary_title()), self.summary, self.summary_sections())]
        if part.holds == Holds.DRAFTED_CHAPTERS:
            return [self.drafted_chapter(section) for section in self.data.summary]
        if part.holds == Holds.SECTIONS:
            sections = self.procedural_sections(part.sections)
            if not sections:
                return []
            titles = [(self.lang.section_label(i), title) for i, (title, _number, _writer) in enumerate(sections)]
            default = pgettext("report", "Organizational matters")
            return [(self.part_title(part, default), lambda: self.organizational_matters(sections), titles)]
        sections = self.procedural_sections((part,))
        if not sections:
            return []
        ((title, number, writer),) = sections

        def procedural_chapter() -> None:
            self.begin_procedural_chapter()
            self.agenda_item_line(number)
            writer()

        return [(title, procedural_chapter, [])]

    def annexes_of(self, part: PartData) -> list[Annex]:
        if part.holds in (Holds.DECISIONS, Holds.DECISIONS_WITH_ACTIONS):
            with_actions = part.holds == Holds.DECISIONS_WITH_ACTIONS
            return [
                (
                    f"decision-{index}",
                    self.decision_annex_title(decision),
                    self.annexed_decision(decision, with_actions),
                )
                for index, decision in enumerate(self.decisions)
            ]
        if part.holds == Holds.NEXT_AGENDA and self.data.next_agenda and self.data.next_agenda_adopted_at:
            return [(Holds.NEXT_AGENDA, self.part_title(part, self.next_agenda_title()), self.next_agenda)]
        if part.holds == Holds.ATTENDANCE and self.data.participants:
            return [(Holds.ATTENDANCE, self.part_title(part, pgettext("report", "Attendance")), self.attendance)]
        return []

    def title(self) -> None:
        """The report's title and where and when the session was held."""
        patterns = {
            TitlePattern.SESSION: pgettext("report", "Report %(of_body)s on its %(ordinal)s session"),
            TitlePattern.WORK_OF_SESSION: pgettext(
                "report", "Report %(of_body)s on the work of its %(ordinal)s session"
            ),
            TitlePattern.MEETING: pgettext("report", "Report %(of_body)s on its %(ordinal)s meeting"),
            TitlePattern.OUTCOMES: pgettext("report", "Outcomes of the %(ordinal)s meeting %(of_body)s"),
        }
        title = self.rich(patterns[self.data.scheme.title_pattern], of_body=self.of_body(), ordinal=self.ordinal())
        self.paragraph(title, size=Pt(16), bold=True, space_before=Pt(18))
        held = self.held_at()
        if held:
            self.paragraph(held)
        if self.data.volume:
            self.volume_line()
        if self.data.scheme.rapporteur_line:
            self.rapporteur_line()

    def volume_line(self) -> None:
        """ "Volume I*", its note on the asterisk, as a report issued in volumes says what each holds
        (UN-CONVENTIONS §2)."""
        line = self.paragraph(
            self.rich(pgettext("report", "Volume %(number)s"), number=xml_safe(self.data.volume)), space_before=Pt(6)
        )
        note = self.drafted(self.data.volume_note)
        if note:
            self.heading_note(line, note)

    def rapporteur_line(self) -> None:
        """ "Rapporteur: Ms. X (State)", under the title, as some bodies' reports name who presents them."""
        finalizers = [o for o in self.data.bureau if o.role in ("rapporteur", "vice_chair_rapporteur")]
        if not finalizers:
            return
        role = finalizers[0].role
        people = [o for o in finalizers if o.role == role]
        office = self.office("rapporteur", people)
        names = self.joined([self.officer(person) for person in people])
        self.paragraph(
            self.rich(pgettext("report", "%(office)s: %(names)s"), office=office, names=names), space_before=Pt(6)
        )

    def after_masthead(self) -> None:
        """ "Agenda item 6", where the scheme asks for it: the item of the agenda under which the session adopts
        its report (UN-CONVENTIONS §2, CLP/63 and TDB EX(41)); nothing where the agenda names no such item."""
        item = next((item for item in self.data.agenda if item.purpose == "adoption_of_report"), None)
        if self.data.scheme.agenda_item_line and item is not None:
            self.paragraph(self.rich(pgettext("report", "Agenda item %(number)s"), number=str(item.number)))

    def session_line(self) -> str:
        return self.by_unit(pgettext("report", "%(ordinal)s session"), pgettext("report", "%(ordinal)s meeting"))

    def dates(self, start: datetime.date, end: datetime.date) -> list[Run]:
        """ "on 4 October 2017", "on 14 and 15 May 2024" (two days), "from 4 to 6 October 2017"."""
        first, last = self.lang.range_ends(start, end)
        if start == end:
            return self.rich(pgettext("report", "on %(date)s"), date=last)
        if (end - start).days == 1:
            return self.rich(pgettext("report", "on %(start)s and %(end)s"), start=first, end=last)
        return self.rich(pgettext("report", "from %(start)s to %(end)s"), start=first, end=last)

    def held_at(self) -> list[Run]:
        d = self.data
        if not (d.start_date and d.end_date):
            return []
        dates = self.dates(d.start_date, d.end_date)
        city = self.text(d.city)
        # "Held" agrees with the session, or with the meeting (Spanish "celebrada", Arabic "المعقود").
        if self.text(d.venue):
            return self.rich(
                self.by_unit(
                    pgettext("report", "Held %(at_venue)s, %(in_city)s, %(dates)s"),
                    pgettext("report, of a meeting", "Held %(at_venue)s, %(in_city)s, %(dates)s"),
                ),
                at_venue=self.lang.at(self.text(d.venue)),
                in_city=self.lang.in_city(city),
                dates=dates,
            )
        if city:
            held_in = self.by_unit(
                pgettext("report", "Held in %(city)s, %(dates)s"),
                pgettext("report, of a meeting", "Held in %(city)s, %(dates)s"),
            )
            return self.rich(held_in, city=city, dates=dates)
        return []

    def contents(self, chapters: list[Chapter], annexes: list[Annex]) -> None:
        self.paragraph([(pgettext("report", "Contents"), "")], size=Pt(14), space_before=Pt(18))
        page = self.paragraph([(pgettext("report", "Page"), "italic")], alignment=WD_ALIGN_PARAGRAPH.RIGHT)
        entries: list[tuple[str, str, int]] = []
        for index, (title, _writer, sections) in enumerate(chapters):
            entries.append((self.lang.chapter_label(index + 1), title, 1))
            entries.extend((label, section, 2) for label, section in sections)
        if len(annexes) > 1:
            entries.append(("", pgettext("report", "Annexes"), 0))
            entries.extend(
                (self.lang.chapter_label(i + 1), title, 1) for i, (_key, title, _writer) in enumerate(annexes)
            )
        elif annexes:
            entries.append(("", pgettext("report", "Annex"), 0))
            entries.append(("", annexes[0][1], 1))
        last = page
        for index, (label, title, level) in enumerate(entries):
            # A heading's entry takes its level's style (its page number is written there when the pages are
            # known: pdf.py); the line that announces the annexes is no heading's.
            last = self.paragraph(style=CONTENTS_STYLES[level - 1] if level else None)
            if index == 0:  # Word replaces the entries, from here to the field's end, by its own
                begin_field(last, ' TOC \\o "1-2" \\h \\z \\u ')
            add_runs(last, [(f"{label}\t" if label else "", ""), (self.lang.typography(plain(title)), "")])
            format_paragraph(last, first_line_indent=None if label else Cm(0), space_after=None if level else Pt(3))
        if entries:
            end_field(last)
        last.add_run().add_break(WD_BREAK.PAGE)

    # I. Recommendations -----------------------------------------------------------------------

    @property
    def decisions(self) -> tuple[DecisionData, ...]:
        """The texts chapter I holds: those the session is recorded to have adopted (how, or at least when)."""
        return tuple(decision for decision in self.data.decisions if decision.adopted)

    def recommendations_title(self) -> str:
        if len(self.decisions) == 1:  # its own title, else its kind's
            return self.decision_title(self.decisions[0])
        return pgettext("report", "Agreed recommendations and decisions")

    def recommendations_sections(self) -> list[tuple[str, str]]:
        if len(self.decisions) < 2:
            return []
        return [(self.lang.section_label(i), self.decision_title(d)) for i, d in enumerate(self.decisions)]

    def decision_title(self, decision: DecisionData) -> str:
        kinds = {
            "agreed_recommendations": pgettext("report", "Agreed recommendations"),
            "agreed_conclusions": pgettext("report", "Agreed conclusions"),
            "decision": pgettext("report", "Decision"),
            "resolution": pgettext("report", "Resolution"),
        }
        return self.drafted(decision.title) or kinds[decision.kind]

    def recommendations(self, *, with_actions: bool = False) -> None:
        several = len(self.decisions) > 1
        for index, decision in enumerate(self.decisions):
            if several:
                self.heading(self.lang.section_label(index), self.decision_title(decision), 2)
            self.decision_text(decision, with_actions=with_actions)

    def decisions_with_actions(self) -> None:
        self.recommendations(with_actions=True)

    def decision_text(self, decision: DecisionData, *, with_actions: bool = False) -> None:
        """A text as adopted: the body, its preambular paragraphs, its numbered operative paragraphs with their
        lettered sub-items (and, `with_actions`, who is to act on each, by when)."""
        self.paragraph([(self.body(capital=True, full=True) + self.lang.comma, "")], style=INDENTED_STYLE)
        operative = 0
        for paragraph in decision.paragraphs:
            if paragraph.kind == "operative":
                operative += 1
                written = self.hanging(self.lang.paragraph_label(operative))
            else:
                written = self.paragraph(style=INDENTED_STYLE)
            self.write_segments(written, parse(self.drafted(paragraph.text)))
            written_items = [text for text in map(self.drafted, paragraph.sub_items) if text]  # a blank one: none
            for letter, sub_item in enumerate(written_items):
                line = self.hanging(self.sub_item_label(letter), level=2)
                self.write_segments(line, parse(sub_item))
            if with_actions:
                self.actions(paragraph.actions)

    def actions(self, actions: tuple[AssignedActionData, ...]) -> None:
        """Below an operative paragraph: who is to act, and by when, as its follow-up records them."""
        for action in actions:
            if action.name:
                who = self.name(self.text(action.name))
            else:
                who = pgettext("report action", "the secretariat")
            if action.due_on:
                when = self.rich(pgettext("report action", "by %(date)s"), date=self.lang.date(action.due_on))
            elif action.due_by_next_session:
                when = self.rich(pgettext("report action", "by the next session"))
            else:
                when = []
            runs = self.rich(pgettext("report action", "Responsible: %(who)s"), who=who)
            if when:
                runs += self.rich(pgettext("report action", "; timeline: ")) + when
            self.paragraph([(text, "italic") for text, _style in [*runs, (".", "")]], left_indent=INDENT * 2)

    def decision_annex_title(self, decision: DecisionData) -> str:
        """ "Decision 1/1: Title", "Agreed conclusions": an annexed text's title."""
        title = self.drafted(decision.title)
        if decision.number and decision.kind in ("decision", "resolution"):
            numbered = {
                "decision": pgettext("report annex", "Decision %(number)s"),
                "resolution": pgettext("report annex", "Resolution %(number)s"),
            }
            label = numbered[decision.kind] % {"number": xml_safe(decision.number)}
            if title:
                return self.lang.typography(
                    pgettext("report annex", "%(label)s: %(title)s") % {"label": label, "title": title}
                )
            return label
        return self.decision_title(decision)

    def annexed_decision(self, decision: DecisionData, with_actions: bool) -> Callable[[], None]:
        return lambda: self.decision_text(decision, with_actions=with_actions)

    # II. Chair's summary ------------------------------------------------------------------------

    def summary_title(self) -> str:
        chair = next((o for o in self.data.bureau if o.role == BureauMember.Role.CHAIR), None)
        if chair is not None and chair.courtesy == "ms":
            return pgettext("report, feminine", "Chair's summary")
        return pgettext("report, masculine", "Chair's summary")

    def summary_sections(self) -> list[tuple[str, str]]:
        labels = self.section_labels(self.data.summary)
        return [(label, self.drafted(s.title)) for label, s in zip(labels, self.data.summary, strict=True)]

    def section_labels(self, sections: tuple[SectionData, ...], *, letters: bool = True) -> list[str]:
        labels, count = [], 0
        for section in sections:
            if section.numbered:
                labels.append(self.lang.section_label(count) if letters else self.lang.paragraph_label(count + 1))
                count += 1
            else:
                labels.append("")
        return labels

    def summary(self) -> None:
        for label, section in zip(self.section_labels(self.data.summary), self.data.summary, strict=True):
            self.heading(label, self.drafted(section.title), 2)
            self.agenda_item_line(section.agenda_item)
            self.statements(section)
            self.summary_paragraphs(section.paragraphs)
            labels = self.section_labels(section.subsections, letters=False)
            for sub_label, subsection in zip(labels, section.subsections, strict=True):
                self.heading(sub_label, self.drafted(subsection.title), 3)
                self.summary_paragraphs(subsection.paragraphs)

    def statements(self, section: SectionData) -> None:
        """Who took the floor on the section's item, as the live meeting recorded it, where the scheme asks."""
        if not (self.data.scheme.statements and section.speakers):
            return
        names = [[(self.name(self.text(name)), "")] for name in section.speakers]
        sentence = pgettext(
            "report", "Statements were made by the representatives of the following members and groups: %(names)s."
        )
        self.numbered(self.rich(sentence, names=self.joined(names)))

    def drafted_chapter(self, section: SectionData) -> Chapter:
        """A drafted section as a chapter of its own (a substantive item's), its subsections lettered."""
        labels = self.section_labels(section.subsections)
        titles = [(label, self.drafted(sub.title)) for label, sub in zip(labels, section.subsections, strict=True)]

        def write() -> None:
            self.agenda_item_line(section.agenda_item)
            self.statements(section)
            self.summary_paragraphs(section.paragraphs)
            for label, subsection in zip(labels, section.subsections, strict=True):
                self.heading(label, self.drafted(subsection.title), 2)
                self.summary_paragraphs(subsection.paragraphs)

        return (self.drafted(section.title), write, titles)

    def summary_paragraphs(self, texts: tuple[dict[str, str], ...]) -> None:
        """Numbered paragraphs, each with its lettered sub-items; one not drafted in this language is left out."""
        for text in texts:
            lead, items = sub_items(self.drafted(text))
            if not lead:
                continue
            self.numbered(segments=parse(lead))
            for letter, item in enumerate(items):
                self.write_segments(self.hanging(self.sub_item_label(letter), level=2), parse(item))

    # Procedural sections -------------------------------------------------------------------------
    # Each says what the session is recorded to have done, and nothing it is not: a step not yet recorded has
    # no section, even where an agenda item names it (the draft lists what is not recorded yet: readiness.py).

    def procedural_items(self) -> list[AgendaItemData]:
        return [item for item in self.data.agenda if item.purpose]

    def recorded(self, kind: str) -> bool:
        """Whether the session is recorded to have done what a procedural section of `kind` reports."""
        if kind == Holds.ELECTION_OF_OFFICERS:
            return bool(self.data.bureau)
        if kind == Holds.ADOPTION_OF_AGENDA:
            return self.data.agenda_adopted or self.step("organization_of_work") is not None
        if kind == Holds.NEXT_SESSION_AGENDA:
            return self.data.next_agenda_adopted_at is not None
        if kind == Holds.ADOPTION_OF_OUTCOME:
            return any(decision.method for decision in self.data.decisions)
        if kind == Holds.ATTENDANCE:
            return bool(self.data.participants)
        return self.step(kind) is not None

    def procedural_title(self, kind: str) -> str:
        titles: dict[str, str] = {
            Holds.OPENING: pgettext("report", "Opening of the session"),
            Holds.ELECTION_OF_OFFICERS: pgettext("report", "Election of officers"),
            Holds.ADOPTION_OF_AGENDA: pgettext("report", "Adoption of the agenda and organization of work"),
            Holds.CREDENTIALS: pgettext("report", "Credentials"),
            Holds.STATUS_OF_MEMBERSHIP: pgettext("report", "Status of membership"),
            Holds.ATTENDANCE: pgettext("report", "Attendance"),
            Holds.OTHER_MATTERS: pgettext("report", "Other matters"),
            Holds.NEXT_SESSION: self.by_unit(
                pgettext("report", "Date and venue of the next session"),
                pgettext("report", "Date of the next meeting"),
            ),
            Holds.NEXT_SESSION_AGENDA: pgettext("report", "Provisional agenda of the next session"),
            Holds.ADOPTION_OF_OUTCOME: pgettext("report", "Adoption of the outcome of the session"),
            Holds.ADOPTION_OF_REPORT: pgettext("report", "Adoption of the report"),
            Holds.CLOSING: self.by_unit(
                pgettext("report", "Closing of the session"), pgettext("report", "Closing of the meeting")
            ),
        }
        return titles[kind]

    def procedural_sections(self, parts: tuple[PartData, ...]) -> list[Section]:
        """(title, agenda item, writer) of each of `parts` the session is recorded to have done. The sections that
        agenda items name keep the agenda's order among themselves; each takes its item's title (and its "(Agenda
        item N)" line) unless the scheme gives one."""
        writers: dict[str, Callable[[], None]] = {
            Holds.OPENING: self.opening,
            Holds.ELECTION_OF_OFFICERS: self.election,
            Holds.ADOPTION_OF_AGENDA: self.adoption_of_agenda,
            Holds.CREDENTIALS: self.credentials,
            Holds.STATUS_OF_MEMBERSHIP: self.status_of_membership,
            Holds.ATTENDANCE: self.attendance_in_chapter,
            Holds.OTHER_MATTERS: self.other_matters,
            Holds.NEXT_SESSION: self.next_session,
            Holds.NEXT_SESSION_AGENDA: self.next_session_agenda,
            Holds.ADOPTION_OF_OUTCOME: self.adoption_of_outcome,
            Holds.ADOPTION_OF_REPORT: self.adoption_of_report,
            Holds.CLOSING: self.closing,
        }
        named = {item.purpose: item for item in self.procedural_items()}
        shown = [part for part in parts if part.holds in writers and self.recorded(part.holds)]
        slots = [index for index, part in enumerate(shown) if part.holds in named]
        for slot, part in zip(
            slots, sorted((shown[i] for i in slots), key=lambda p: named[p.holds].number), strict=True
        ):
            shown[slot] = part
        sections: list[Section] = []
        for part in shown:
            item = named.get(part.holds)
            usual = self.drafted(item.title) if item else self.procedural_title(part.holds)
            sections.append((self.part_title(part, usual), item.number if item else None, writers[part.holds]))
        return sections

    def begin_procedural_chapter(self) -> None:
        self.previous_meeting: MeetingData | None = None
        self.named_body = False  # the chapter opens with the body's full name

    def organizational_matters(self, sections: list[Section]) -> None:
        self.begin_procedural_chapter()
        for index, (title, number, writer) in enumerate(sections):
            self.heading(self.lang.section_label(index), title, 2)
            self.agenda_item_line(number)
            writer()

    def by_unit(self, session: str, meeting: str) -> str:
        """The wording for a body that holds sessions, or for one that holds meetings (the title pattern's)."""
        return meeting if self.data.scheme.title_pattern in TitlePattern.MEETINGS else session

    def step(self, kind: str) -> StepData | None:
        return next((step for step in self.data.steps if step.kind == kind), None)

    def at_meeting(self, meeting: MeetingData | None, sentence: str, **values: str | list[Run]) -> None:
        """A numbered paragraph "At its <meeting>, on <date>, <sentence>", or "At the same meeting, …"."""
        opening: list[Run]
        if meeting is not None and meeting.key and meeting == self.previous_meeting:  # a meeting, not just a day
            opening = self.rich(pgettext("report", "At the same meeting, "))
        elif meeting is not None and meeting.kind and meeting.date:
            opening = self.rich(
                pgettext("report", "At its %(meeting)s, on %(date)s, "),
                meeting=self.meeting_name(meeting.kind),
                date=self.lang.date(meeting.date),
            )
        elif meeting is not None and meeting.kind:
            opening = self.rich(pgettext("report", "At its %(meeting)s, "), meeting=self.meeting_name(meeting.kind))
        elif meeting is not None and meeting.date:
            opening = self.rich(pgettext("report", "On %(date)s, "), date=self.lang.date(meeting.date))
        else:
            opening = []
        self.previous_meeting = meeting
        body = self.body(capital=not opening)
        self.numbered(opening + self.rich(sentence, body=body, **values))

    def meeting_name(self, kind: str) -> str:
        names: dict[str, str] = {
            Meeting.Kind.OPENING_PLENARY: pgettext("report", "opening plenary meeting"),
            Meeting.Kind.CLOSING_PLENARY: pgettext("report", "closing plenary meeting"),
        }
        return names.get(kind, pgettext("report", "plenary meeting"))

    def election(self) -> None:
        groups: dict[tuple[MeetingData | None], list[OfficerData]] = {}
        for officer in self.data.bureau:
            when = officer.elected_at or (MeetingData("", "", officer.elected_on) if officer.elected_on else None)
            groups.setdefault((when,), []).append(officer)
        for (meeting,), officers in groups.items():
            self.at_meeting(
                meeting, pgettext("report", "%(body)s elected %(officers)s."), officers=self.officers(officers)
            )

    def officers(self, officers: list[OfficerData]) -> list[Run]:
        """Mr. X (Bangladesh) Chair and Ms. Y (Egypt) and Mr. Z (Estonia) Vice-Chairs-cum-Rapporteurs."""
        by_role: dict[str, list[OfficerData]] = {}
        for officer in officers:
            by_role.setdefault(officer.role, []).append(officer)
        groups = []
        for role in BureauMember.Role.values:
            people = by_role.get(role)
            if not people:
                continue
            names = [self.officer(person) for person in people]
            groups.append([*self.joined(names), (" ", ""), (self.office(role, people), "")])
        return self.joined(groups)

    def officer(self, officer: OfficerData) -> list[Run]:
        runs = [*self.lang.courtesy(officer.courtesy), ("\u00a0" + self.name(officer.name), "")]
        state = self.name(self.text(officer.state))
        return [*runs, (f" ({state})", "")] if state else runs

    def joined(self, parts: list[list[Run]]) -> list[Run]:
        """A, B and C."""
        if len(parts) == 1:
            return parts[0]
        runs: list[Run] = []
        for index, part in enumerate(parts[:-1]):
            if index:
                runs.append((pgettext("report list", ", "), ""))
            runs.extend(part)
        return runs + self.rich(pgettext("report list", " and ")) + parts[-1]

    def office(self, role: str, people: list[OfficerData]) -> str:
        """The office's title, agreeing in number, and in gender where the language marks it."""
        count = len(people)
        if all(person.courtesy == "ms" for person in people):
            titles = {
                "chair": npgettext("report office, feminine", "Chair", "Chairs", count),
                "vice_chair": npgettext("report office, feminine", "Vice-Chair", "Vice-Chairs", count),
                "rapporteur": npgettext("report office, feminine", "Rapporteur", "Rapporteurs", count),
                "vice_chair_rapporteur": npgettext(
                    "report office, feminine", "Vice-Chair-cum-Rapporteur", "Vice-Chairs-cum-Rapporteurs", count
                ),
            }
        else:
            titles = {
                "chair": npgettext("report office, masculine", "Chair", "Chairs", count),
                "vice_chair": npgettext("report office, masculine", "Vice-Chair", "Vice-Chairs", count),
                "rapporteur": npgettext("report office, masculine", "Rapporteur", "Rapporteurs", count),
                "vice_chair_rapporteur": npgettext(
                    "report office, masculine", "Vice-Chair-cum-Rapporteur", "Vice-Chairs-cum-Rapporteurs", count
                ),
            }
        return titles[role]

    def opening(self) -> None:
        step = self.step(Holds.OPENING)
        if step is None:
            return
        if step.at is not None and step.at.date:
            sentence = self.by_unit(
                pgettext("report", "The %(ordinal)s session %(of_body)s was opened on %(date)s."),
                pgettext("report", "The %(ordinal)s meeting %(of_body)s was opened on %(date)s."),
            )
            date = self.lang.date(step.at.date)
        else:
            sentence = self.by_unit(
                pgettext("report", "The %(ordinal)s session %(of_body)s was opened."),
                pgettext("report", "The %(ordinal)s meeting %(of_body)s was opened."),
            )
            date = ""
        self.numbered(self.rich(sentence, ordinal=self.ordinal(), of_body=self.of_body(), date=date))
        self.previous_meeting = step.at

    def closing(self) -> None:
        step = self.step(Holds.CLOSING)
        if step is None:
            return
        if step.at is not None and step.at.date:
            sentence = self.by_unit(
                pgettext("report", "The %(ordinal)s session %(of_body)s was closed on %(date)s."),
                pgettext("report", "The %(ordinal)s meeting %(of_body)s was closed on %(date)s."),
            )
            date = self.lang.date(step.at.date)
        else:
            sentence = self.by_unit(
                pgettext("report", "The %(ordinal)s session %(of_body)s was closed."),
                pgettext("report", "The %(ordinal)s meeting %(of_body)s was closed."),
            )
            date = ""
        self.numbered(self.rich(sentence, ordinal=self.ordinal(), of_body=self.of_body(), date=date))

    def credentials(self) -> None:
        step = self.step(Holds.CREDENTIALS)
        if step is not None:
            self.at_meeting(
                step.at,
                pgettext(
                    "report", "%(body)s approved the report on the credentials of the representatives attending it."
                ),
            )

    def status_of_membership(self) -> None:
        """The States that became members, or ceased to be, since the previous session, as the membership's
        dates record them."""
        step = self.step(Holds.STATUS_OF_MEMBERSHIP)
        if step is None:
            return
        joined, left = self.data.members_joined, self.data.members_left
        if not joined and not left:
            self.at_meeting(
                step.at,
                pgettext("report", "%(body)s noted that its membership was unchanged since its previous session."),
            )
            return
        if joined:
            self.at_meeting(
                step.at,
                npgettext(
                    "report",
                    "%(body)s welcomed %(states)s, which had become a member since its previous session.",
                    "%(body)s welcomed %(states)s, which had become members since its previous session.",
                    len(joined),
                ),
                states=self.states(joined),
            )
        if left:
            self.at_meeting(
                step.at,
                npgettext(
                    "report",
                    "%(body)s noted that %(states)s had ceased to be a member since its previous session.",
                    "%(body)s noted that %(states)s had ceased to be members since its previous session.",
                    len(left),
                ),
                states=self.states(left),
            )

    def other_matters(self) -> None:
        step = self.step(Holds.OTHER_MATTERS)
        if step is not None:
            self.at_meeting(step.at, pgettext("report", "%(body)s took up no other matters."))

    def next_session(self) -> None:
        """Where and when the next session (or meeting) is to be held, as announced."""
        step = self.step(Holds.NEXT_SESSION)
        if step is None or step.starts_on is None:
            return
        values: dict[str, str | list[Run]] = {
            "ordinal": self.lang.ordinal(self.data.number + 1),
            "of_body": self.of_body(),
            "city": self.text(step.place),
        }
        values["dates"] = self.dates(step.starts_on, step.ends_on or step.starts_on)
        if values["city"]:
            sentence = self.by_unit(
                pgettext(
                    "report",
                    "It was announced that the %(ordinal)s session %(of_body)s would be held in %(city)s %(dates)s.",
                ),
                pgettext(
                    "report",
                    "It was announced that the %(ordinal)s meeting %(of_body)s would be held in %(city)s %(dates)s.",
                ),
            )
        else:
            sentence = self.by_unit(
                pgettext(
                    "report", "It was announced that the %(ordinal)s session %(of_body)s would be held %(dates)s."
                ),
                pgettext(
                    "report", "It was announced that the %(ordinal)s meeting %(of_body)s would be held %(dates)s."
                ),
            )
        self.numbered(self.rich(sentence, **values))

    def adoption_of_agenda(self) -> None:
        d = self.data
        if d.agenda_adopted:
            if d.agenda_symbol and d.agenda_as_amended:
                sentence = pgettext(
                    "report",
                    "%(body)s adopted its provisional agenda, issued as %(symbol)s, as orally amended. "
                    "The agenda as adopted was as follows:",
                )
            elif d.agenda_symbol:
                sentence = pgettext(
                    "report",
                    "%(body)s adopted its provisional agenda, issued as %(symbol)s. "
                    "The agenda as adopted was as follows:",
                )
            elif d.agenda_as_amended:
                sentence = pgettext("report", "%(body)s adopted its agenda, as orally amended, which was as follows:")
            else:
                sentence = pgettext("report", "%(body)s adopted its agenda, which was as follows:")
            self.at_meeting(d.agenda_adopted_at, sentence, symbol=xml_safe(d.agenda_symbol))
            self.agenda_list(d.agenda, level=2)
        work = self.step("organization_of_work")
        if work is not None:
            self.at_meeting(work.at, pgettext("report", "%(body)s approved the proposed organization of work."))

    def next_session_agenda(self) -> None:
        if self.data.next_agenda_adopted_at is None:  # its approval is not recorded
            return
        annex = self.annex_numbers.get("next_agenda")
        if annex:
            sentence = pgettext(
                "report", "%(body)s approved the provisional agenda for its %(ordinal)s session (see annex %(annex)s)."
            )
        elif annex == "":  # the only annex
            sentence = pgettext(
                "report", "%(body)s approved the provisional agenda for its %(ordinal)s session (see the annex)."
            )
        else:
            sentence = pgettext("report", "%(body)s approved the provisional agenda for its %(ordinal)s session.")
        self.at_meeting(
            self.data.next_agenda_adopted_at,
            sentence,
            ordinal=self.lang.ordinal(self.data.number + 1),
            annex=annex or "",
        )

    def adoption_of_report(self) -> None:
        step = self.step("adoption_of_report")
        if step is None:
            return
        finalizers = [o for o in self.data.bureau if o.role in ("rapporteur", "vice_chair_rapporteur")]
        who = ""
        if not step.rapporteur_authorized:
            sentence = pgettext("report", "%(body)s adopted the report on its %(ordinal)s session.")
        elif finalizers:
            role = finalizers[0].role
            people = [o for o in finalizers if o.role == role]
            feminine = all(person.courtesy == "ms" for person in people)
            who = self.lang.definite_plural(
                self.office(role, people), plural=len(people) > 1, gender="f" if feminine else "m"
            )
            sentence = pgettext(
                "report",
                "%(body)s authorized %(who)s to finalize the report on its %(ordinal)s session "
                "after the session had closed.",
            )
        else:  # no rapporteur recorded to name
            sentence = pgettext(
                "report",
                "%(body)s adopted the draft report on its %(ordinal)s session and authorized its finalization "
                "after the session had closed.",
            )
        self.at_meeting(step.at, sentence, who=who, ordinal=self.ordinal())

    def adoption_of_outcome(self) -> None:
        """How each text was adopted, as recorded: by consensus, without a vote, by a recorded vote (with the
        voting), or under a silence procedure (and, if a State objected, that the text was not adopted)."""
        for decision in self.data.decisions:
            if not decision.method:
                continue
            reference = self.decision_reference(decision)
            if decision.method == "silence":
                ends = self.lang.date(decision.silence_ends_on) if decision.silence_ends_on else ""
                if decision.objections:
                    sentence = pgettext(
                        "report",
                        "The silence procedure on %(decision)s, which was to end on %(date)s, was broken by "
                        "%(states)s; the text was not adopted.",
                    )
                else:
                    sentence = pgettext(
                        "report",
                        "%(body)s adopted %(decision)s under a silence procedure that ended on %(date)s, no "
                        "objection having been received.",
                    )
                self.at_meeting(None, sentence, decision=reference, date=ends, states=self.states(decision.objections))
                continue
            if decision.method == "recorded_vote":
                self.at_meeting(
                    decision.adopted_at,
                    pgettext("report", "%(body)s adopted %(decision)s %(vote)s. The voting was as follows:"),
                    decision=reference,
                    vote=self.recorded_vote(decision),
                )
                for label, states in (
                    (pgettext("report vote", "In favour:"), decision.in_favour),
                    (pgettext("report vote", "Against:"), decision.against),
                    (pgettext("report vote", "Abstaining:"), decision.abstaining),
                ):
                    if states:
                        label_runs = [(self.lang.typography(label), "italic"), (" ", "")]
                        self.paragraph([*label_runs, *self.states(states), (".", "")], left_indent=INDENT * 2)
                continue
            sentences = {
                "consensus": pgettext("report", "%(body)s adopted %(decision)s by consensus."),
                "without_vote": pgettext("report", "%(body)s adopted %(decision)s without a vote."),
            }
            self.at_meeting(decision.adopted_at, sentences[decision.method], decision=reference)

    def decision_reference(self, decision: DecisionData) -> list[Run]:
        """How a sentence names the text: "decision 1/1", "the agreed recommendations", "the decision “title”",
        followed by where the report holds it if it was adopted."""
        title = self.drafted(decision.title)
        if decision.number and decision.kind in ("decision", "resolution"):
            numbered = {
                "decision": pgettext("report reference", "decision %(number)s"),
                "resolution": pgettext("report reference", "resolution %(number)s"),
            }
            reference = self.rich(numbered[decision.kind], number=xml_safe(decision.number))
        elif decision.kind in ("decision", "resolution") and title:
            titled = {
                "decision": pgettext("report reference", "the decision “%(title)s”"),
                "resolution": pgettext("report reference", "the resolution “%(title)s”"),
            }
            reference = self.rich(titled[decision.kind], title=plain(title))
        else:
            kinds = {
                "agreed_recommendations": pgettext("report reference", "the agreed recommendations"),
                "agreed_conclusions": pgettext("report reference", "the agreed conclusions"),
                "decision": pgettext("report reference", "the decision"),
                "resolution": pgettext("report reference", "the resolution"),
            }
            reference = self.rich(kinds[decision.kind])
        if decision.not_adopted:
            return reference
        index = next((i for i, adopted in enumerate(self.decisions) if adopted is decision), None)
        annex = self.annex_numbers.get(f"decision-{index}")
        if annex is not None:
            if not annex:
                return reference + self.rich(pgettext("report reference", " (see the annex)"))
            return reference + self.rich(pgettext("report reference", " (see annex %(annex)s)"), annex=annex)
        chapter = self.chapter_numbers.get(Holds.DECISIONS) or self.chapter_numbers.get(Holds.DECISIONS_WITH_ACTIONS)
        if chapter:
            return reference + self.rich(pgettext("report reference", " (see chapter %(chapter)s)"), chapter=chapter)
        return reference

    def recorded_vote(self, decision: DecisionData) -> str:
        """ "by a recorded vote of 30 to 10, with 7 abstentions" ("to none" where no State voted against)."""
        in_favour, against, abstaining = len(decision.in_favour), len(decision.against), len(decision.abstaining)
        values = {
            "in_favour": str(in_favour),
            "against": str(against) if against else pgettext("report vote", "none"),
            "abstaining": str(abstaining),
        }
        if not abstaining:
            return pgettext("report vote", "by a recorded vote of %(in_favour)s to %(against)s") % values
        return (
            npgettext(
                "report vote",
                "by a recorded vote of %(in_favour)s to %(against)s, with %(abstaining)s abstention",
                "by a recorded vote of %(in_favour)s to %(against)s, with %(abstaining)s abstentions",
                abstaining,
            )
            % values
        )

    def states(self, names: tuple[dict[str, str], ...]) -> list[Run]:
        """The States' names in the report's language, in its alphabetical order, separated by commas."""
        written = sorted((self.name(self.text(name)) for name in names), key=collation_key)
        return [(pgettext("report list", ", ").join(written), "")]

    # Annexes ---------------------------------------------------------------------------------------

    def attendance_note(self, heading: Paragraph) -> None:
        note_text = pgettext("report", "This list shows only the participants who registered.")
        if self.data.participants_list_symbol:
            note_text += " " + pgettext("report", "The full list of participants is issued as %(symbol)s.") % {
                "symbol": xml_safe(self.data.participants_list_symbol)
            }
        self.heading_note(heading, note_text)

    def next_agenda_title(self) -> str:
        return "".join(
            text
            for text, _style in self.rich(
                pgettext("report", "Provisional agenda for the %(ordinal)s session %(of_body)s"),
                ordinal=self.lang.ordinal(self.data.number + 1),
                of_body=self.of_body(),
            )
        )

    def next_agenda(self) -> None:
        self.agenda_list(self.data.next_agenda, level=1)

    def attendance(self) -> None:
        """The attendance annex: the list by category, or the running text with its counts."""
        if self.data.scheme.attendance == Attendance.TEXT:
            self.registered_note(self.paragraph(self.attendance_sentence()))
        else:
            self.attendance_list()

    def attendance_in_chapter(self) -> None:
        """Attendance as a section of a chapter: its paragraphs numbered with the report's."""
        if self.data.scheme.attendance == Attendance.TEXT:
            self.registered_note(self.numbered(self.attendance_sentence()))
        else:
            self.attendance_list(numbered_as_report=True)

    def registered_note(self, paragraph: Paragraph) -> None:
        """What the counts are of: the delegations registered, not those marked present at each meeting."""
        note = pgettext("report", "The counts are of the delegations registered for the session.")
        self.notes.reference(paragraph, [(self.lang.typography(note), "")])

    def attendance_sentence(self) -> list[Run]:
        """ "Representatives of 35 States members of UNCTAD, 2 observer States and 4 intergovernmental
        organizations attended the session. The list of participants is issued as …", from the counts."""
        counts: dict[str, int] = {}
        for participant in self.data.participants:
            category = "ngo" if participant.category in NGO_CATEGORIES else participant.category
            counts[category] = counts.get(category, 0) + 1
        # The States members of the body itself ("of the Conference"): its short name, else its full one.
        short = self.text(self.data.body_short)
        of_body = self.name(self.lang.of(short)) if short else self.of_body()
        C = Participation.Category
        members, others_states, observers = (
            counts.get(C.MEMBER_STATE, 0),
            counts.get(C.OTHER_STATE, 0),
            counts.get(C.OBSERVER_STATE, 0),
        )
        igos, un_bodies, agencies, ngos = (
            counts.get(C.INTERGOVERNMENTAL, 0),
            counts.get(C.UN_BODY, 0),
            counts.get(C.SPECIALIZED_AGENCY, 0),
            counts.get("ngo", 0),
        )
        phrases: list[tuple[int, str]] = [
            (members, npgettext(
                "report attendance count", "%(count)s State member %(of_body)s",
                "%(count)s States members %(of_body)s", members
            )),
            (others_states, npgettext(
                "report attendance count", "%(count)s other State", "%(count)s other States", others_states
            )),
            (observers, npgettext(
                "report attendance count", "%(count)s non-member observer State",
                "%(count)s non-member observer States", observers
            )),
            (igos, npgettext(
                "report attendance count", "%(count)s intergovernmental organization",
                "%(count)s intergovernmental organizations", igos
            )),
            (un_bodies, npgettext(
                "report attendance count", "%(count)s United Nations organ, body or programme",
                "%(count)s United Nations organs, bodies and programmes", un_bodies
            )),
            (agencies, npgettext(
                "report attendance count", "%(count)s specialized agency or related organization",
                "%(count)s specialized agencies and related organizations", agencies
            )),
            (ngos, npgettext(
                "report attendance count", "%(count)s non-governmental organization",
                "%(count)s non-governmental organizations", ngos
            )),
        ]  # fmt: skip
        parts = [
            self.rich(phrase, count=self.lang.number(count), of_body=of_body) for count, phrase in phrases if count
        ]
        runs: list[Run] = []
        if parts:
            template = self.by_unit(
                pgettext("report attendance", "Representatives of %(counts)s attended the session."),
                pgettext("report attendance", "Representatives of %(counts)s attended the meeting."),
            )
            runs = self.rich(template, counts=self.joined(parts))
        others = counts.get(C.OTHER, 0)
        if others:
            sentence = npgettext(
                "report attendance",
                "%(count)s other participant also attended.",
                "%(count)s other participants also attended.",
                others,
            )
            runs += [(" " if runs else "", "")] + self.rich(sentence, count=self.lang.number(others))
        if self.data.participants_list_symbol:
            note = pgettext("report", "The list of participants is issued as %(symbol)s.")
            runs += [(" ", "")] + self.rich(note, symbol=xml_safe(self.data.participants_list_symbol))
        return runs

    def attendance_list(self, *, numbered_as_report: bool = False) -> None:
        groups = attendance_by_category(
            self.data.participants,
            language=self.lang.code,
            organizations_in_english_order=self.data.organizations_in_english_order,
        )
        number = 0
        ngo_intro_written = False
        for group in groups:
            names = [self.name(p.name_in(self.lang.code)) for p in group.participations]
            if group.category in NGO_CATEGORIES:
                if not ngo_intro_written:
                    number += 1
                    count = sum(len(g.participations) for g in groups if g.category in NGO_CATEGORIES)
                    self.attendance_line(number, Participation.Category.NGO_GENERAL, count, numbered_as_report)
                    ngo_intro_written = True
                self.paragraph([(category_heading(group.category), "italic")], left_indent=INDENT, keep_with_next=True)
            else:
                number += 1
                self.attendance_line(number, group.category, len(names), numbered_as_report)
            if group.category in Participation.STATE_CATEGORIES and len(names) > 1:
                self.two_columns(names)
            else:
                for name in names:
                    self.paragraph([(self.lang.typography(name), "")], left_indent=INDENT, space_after=Pt(0))
                self.paragraph(space_after=Pt(0))

    def members_of(self, organization: str, gender: str | None) -> str:
        """Whose members the member States are: the organization known by its acronym, as UNCTAD's reports say
        ("of UNCTAD", "de la CNUCED"); where the secretariat has none, the body itself ("of the Committee")."""
        if self.data.organization_short and self.data.organization_short != self.data.organization:
            return self.lang.of(self.lang.organization(organization, gender))
        short = self.text(self.data.body_short)
        return self.name(self.lang.of(short)) if short else self.of_body()

    def attendance_line(self, number: int, category: str, count: int, numbered_as_report: bool) -> None:
        organization = self.text(self.data.organization_short)
        gender = self.data.organization_gender.get(self.lang.code)
        lines: dict[str, str] = {
            Participation.Category.MEMBER_STATE: npgettext(
                "report attendance",
                "Representatives of the following State member %(of_organization)s attended %(sitting)s:",
                "Representatives of the following States members %(of_organization)s attended %(sitting)s:",
                count,
            ),
            Participation.Category.OTHER_STATE: npgettext(
                "report attendance",
                "Representatives of the following State, a member of the Conference, attended %(sitting)s:",
                "Representatives of the following States, members of the Conference, attended %(sitting)s:",
                count,
            ),
            Participation.Category.OBSERVER_STATE: npgettext(
                "report attendance",
                "Representatives of the following non-member observer State attended %(sitting)s:",
                "Representatives of the following non-member observer States attended %(sitting)s:",
                count,
            ),
            Participation.Category.INTERGOVERNMENTAL: npgettext(
                "report attendance",
                "Representatives of the following intergovernmental organization attended %(sitting)s:",
                "Representatives of the following intergovernmental organizations attended %(sitting)s:",
                count,
            ),
            Participation.Category.UN_BODY: npgettext(
                "report attendance",
                "Representatives of the following United Nations organ, body or programme attended %(sitting)s:",
                "Representatives of the following United Nations organs, bodies and programmes attended %(sitting)s:",
                count,
            ),
            Participation.Category.SPECIALIZED_AGENCY: npgettext(
                "report attendance",
                "Representatives of the following specialized agency or related organization attended %(sitting)s:",
                "Representatives of the following specialized agencies and related organizations attended %(sitting)s:",
                count,
            ),
            Participation.Category.NGO_GENERAL: npgettext(
                "report attendance",
                "Representatives of the following non-governmental organization attended %(sitting)s:",
                "Representatives of the following non-governmental organizations attended %(sitting)s:",
                count,
            ),
            Participation.Category.OTHER: npgettext(
                "report attendance",
                "The following also attended %(sitting)s:",
                "The following also attended %(sitting)s:",
                count,
            ),
        }
        paragraph = self.numbered() if numbered_as_report else self.hanging(self.lang.paragraph_label(number))
        sitting = self.by_unit(pgettext("report", "the session"), pgettext("report", "the meeting"))
        values = {"of_organization": self.members_of(organization, gender), "sitting": sitting}
        add_runs(paragraph, self.rich(lines[category], **values))
        format_paragraph(paragraph, keep_with_next=True)

    def two_columns(self, names: list[str]) -> None:
        """States in two columns, filled down the first, then the second, with no gap where a long name wraps:
        a section of two columns between continuous breaks, which Word and LibreOffice balance."""
        self.columns(2)
        for name in names:
            self.paragraph(
                [(self.lang.typography(name), "")],
                space_after=Pt(0),
                left_indent=INDENT,
                first_line_indent=Cm(-0.5),  # a name that wraps hangs under its start
                keep_together=True,
            )
        self.columns(1)
        self.paragraph(space_after=Pt(0))

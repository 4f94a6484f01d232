"""Everything a document of a session says, read from the apps below in a fixed number of queries.

Each `collect_*` function returns the plain data its builder (`documents.builders`) turns into a document."""

import datetime
import re

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone

from committee.bodies.models import Committee, Membership
from committee.kernel.multilingual import pick
from decisions.follow_up.models import Action
from decisions.follow_up.services import actions_with_progress, operative_numbers, paragraph_label
from decisions.outcomes.models import Decision, Paragraph, StatePosition
from decisions.strategies.models import Strategy
from decisions.strategies.monitoring import strategy_matrix
from documents.builders.data import (
    AgendaItemData,
    AssignedActionData,
    DecisionData,
    MeetingData,
    OfficerData,
    ParagraphData,
    ParticipantData,
    SectionData,
    SessionReportData,
    StepData,
)
from documents.builders.language import WORDED_LANGUAGES
from documents.builders.participants_list import ROLE_ORDER, DelegateData, DelegationData, ParticipantsListData
from documents.builders.progress_report import (
    ActionData,
    FollowedParagraphData,
    ProgressData,
    ProgressReportData,
    StrategyData,
)
from documents.builders.provisional_agenda import AnnotatedItemData, HalfDayData, ProvisionalAgendaData
from documents.builders.schemes import Holds, Masthead
from documents.registry.models import Document
from documents.reports.models import ReportParagraph, ReportSection
from documents.schemes.rules import scheme_data
from meetings.live.models import Speaker
from meetings.proceedings.models import Proceeding
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot, BureauMember, Meeting
from meetings.registration.models import Participation
from meetings.sessions.models import Session


def collect_session_report_data(session: Session, *, final: bool = False) -> SessionReportData:
    """Read everything the report of `session` needs, in a number of queries that does not grow with it.

    Before its adoption the report circulates under its draft's limited-distribution symbol (L), if it
    has one; `final` asks for the report as adopted, under its general symbol.
    """
    session = (
        Session.objects.select_related("committee__secretariat", "committee__report_scheme", "report")
        .prefetch_related(
            Prefetch("bureau", queryset=BureauMember.objects.select_related("state", "elected_at")),
            Prefetch("proceedings", queryset=Proceeding.objects.select_related("meeting")),
            Prefetch("agendas", queryset=Agenda.objects.with_items()),
            Prefetch("participations", queryset=Participation.objects.select_related("entity")),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("adopted_at").prefetch_related(
                    Prefetch("votes", queryset=StatePosition.objects.select_related("state")),
                    Prefetch(
                        "paragraphs",
                        queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related(
                            "sub_items",
                            Prefetch("actions", queryset=Action.objects.select_related("responsible_entity")),
                        ),
                        to_attr="top_paragraphs",
                    ),
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
    adopted = agendas.get(Agenda.Kind.ADOPTED)
    stored_scheme = getattr(session.committee, "report_scheme", None)  # None: the default scheme
    scheme = scheme_data(stored_scheme.as_dict() if stored_scheme else None)
    joined, left = _membership_changes(session) if scheme.holds(Holds.STATUS_OF_MEMBERSHIP) else ((), ())
    return SessionReportData(
        **masthead_fields(session, report_document),
        scheme=scheme,
        volume=session.report.volume if hasattr(session, "report") else "",
        volume_note=session.report.volume_note if hasattr(session, "report") else {},
        members_joined=joined,
        members_left=left,
        decisions=tuple(_decision(d) for d in session.decisions.all()),
        summary=_summary(session, agenda, with_speakers=scheme.statements),
        agenda=_agenda_items(agenda),
        agenda_symbol=next((d.symbol for d in documents if d.kind == Document.Kind.PROVISIONAL_AGENDA), ""),
        agenda_adopted=adopted is not None,
        agenda_adopted_at=_adopted_at(adopted),
        agenda_as_amended=adopted.as_amended if adopted else False,
        next_agenda=_agenda_items(next_agenda),
        next_agenda_adopted_at=_adopted_at(next_agenda),
        steps=tuple(
            StepData(
                kind=step.kind,
                at=_at(step.meeting, step.date),
                rapporteur_authorized=step.rapporteur_authorized,
                starts_on=step.next_starts_on,
                ends_on=step.next_ends_on,
                place=step.next_place,
            )
            for step in session.proceedings.all()
        ),
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
    scheme = getattr(committee, "report_scheme", None)  # read with the session; None: the default
    return {
        "masthead": scheme.masthead if scheme else Masthead.UN,
        "emblem": bytes(secretariat.emblem) if secretariat else b"",
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
        "body_genitive": committee.name_genitive,
        "body_short": committee.short_name,
        "organizations_in_english_order": committee.organizations_in_english_order,
        "number": session.number,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "venue": session.venue,
        "city": session.city,
        "actor_path": actor_path(committee),
    }


def actor_path(committee: Committee) -> tuple[str, ...]:
    """How Akoma Ntoso names the body (AKN4UN's actor, "unctad-tdb-ede"): its organization's acronym (or code),
    then each body from the top by what its symbol series adds to its parent's (TD/B/, then EDE/), or else by its
    code (less its parent's: PECC-POL under PECC is "pol")."""
    secretariat = committee.secretariat
    organization = _name_part(pick(secretariat.acronym, "en") or secretariat.code if secretariat else "") or "un"
    path, parent = [organization], None
    for body in [*reversed(committee.ancestors()), committee]:
        series, code = body.symbol_series, body.code
        if parent is not None and parent.symbol_series and series.startswith(parent.symbol_series):
            series = series[len(parent.symbol_series) :]
        if parent is not None and code.upper().startswith(parent.code.upper() + "-"):
            code = code[len(parent.code) + 1 :]
        path.append(_name_part(series) or _name_part(code))
        parent = body
    return tuple(path)


def _name_part(text: str) -> str:
    """A part of a FRBR name: its ASCII letters and digits, in lower case ("TD/B/" is "tdb")."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _session_id(document: Document) -> int:
    """The document's session: every document the tool writes is a session's."""
    if document.session_id is None:
        raise Session.DoesNotExist(f"{document.symbol} is not a session's document.")
    return document.session_id


def _report_document(session: Session, documents: list[Document], *, final: bool) -> Document | None:
    report = getattr(session, "report", None)
    drafting = report is not None and report.status in (report.Status.DRAFT, report.Status.UNDER_REVIEW)
    if drafting and not final and report is not None and report.draft_document_id:
        return next((d for d in documents if d.pk == report.draft_document_id), None)
    if report is not None and report.document_id:
        return next((d for d in documents if d.pk == report.document_id), None)
    return next((d for d in documents if d.kind == Document.Kind.REPORT), None)


def _meeting(meeting: Meeting) -> MeetingData:
    return MeetingData(key=meeting.key, kind=meeting.kind, date=meeting.date)


def _at(meeting: Meeting | None, on: datetime.date | None) -> MeetingData | None:
    """Where and when something was done: its meeting and day, or the day alone."""
    if meeting is not None:
        return MeetingData(meeting.key, meeting.kind, on or meeting.date)
    return MeetingData("", "", on) if on is not None else None


def _adopted_at(agenda: Agenda | None) -> MeetingData | None:
    return _at(agenda.adopted_at, agenda.adopted_on) if agenda is not None else None


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
        for item in agenda.top_items  # type: ignore[attr-defined]  # prefetched (to_attr)
    )


def _decision(decision: Decision) -> DecisionData:
    def states(position: str) -> tuple[dict[str, str], ...]:
        return tuple(vote.state.name for vote in decision.votes.all() if vote.position == position)

    return DecisionData(
        kind=decision.kind,
        title=decision.title,
        paragraphs=tuple(
            ParagraphData(
                kind=p.kind,
                text=p.text,
                sub_items=tuple(sub.text for sub in p.sub_items.all()),
                actions=tuple(
                    AssignedActionData(
                        responsible=action.responsible,
                        name=action.responsible_entity.name if action.responsible_entity else {},
                        due_on=action.due_on,
                        due_by_next_session=action.due_by_next_session,
                    )
                    for action in p.actions.all()
                ),
            )
            for p in decision.top_paragraphs  # type: ignore[attr-defined]  # prefetched (to_attr)
        ),
        number=decision.number,
        key=str(decision.pk),
        method=decision.method,
        adopted_at=_at(decision.adopted_at, decision.adopted_on),
        silence_ends_on=decision.silence_ends_on,
        in_favour=states(StatePosition.Position.IN_FAVOUR),
        against=states(StatePosition.Position.AGAINST),
        abstaining=states(StatePosition.Position.ABSTAINING),
        objections=states(StatePosition.Position.OBJECTION),
    )


def _membership_changes(session: Session) -> tuple[tuple[dict[str, str], ...], tuple[dict[str, str], ...]]:
    """The names of the States that became members of the body, and of those that ceased to be, between its
    previous session's end and this session's start, as the membership's dates record them."""
    if session.start_date is None:
        return (), ()
    previous = (
        Session.objects.filter(committee_id=session.committee_id, number__lt=session.number, end_date__isnull=False)
        .order_by("-number")
        .values_list("end_date", flat=True)
        .first()
    )
    if previous is None:
        return (), ()
    memberships = Membership.objects.filter(
        committee_id=session.committee_id, status=Membership.Status.MEMBER
    ).select_related("entity")
    joined = tuple(m.entity.name for m in memberships if m.since and previous < m.since <= session.start_date)
    left = tuple(m.entity.name for m in memberships if m.until and previous <= m.until < session.start_date)
    return joined, left


def _summary(session: Session, agenda: Agenda | None, *, with_speakers: bool = False) -> tuple[SectionData, ...]:
    numbers = {
        item.pk: item.position
        for item in (agenda.top_items if agenda else [])  # type: ignore[attr-defined]  # prefetched (to_attr)
    }
    sections = (
        ReportSection.objects.filter(report__session=session, parent__isnull=True)
        .prefetch_related("paragraphs", "subsections__paragraphs")
        .order_by("position")
    )

    speakers: dict[int, list[dict[str, str]]] = {}  # agenda item -> the delegations that spoke on it, in turn
    if with_speakers:
        spoke = Speaker.objects.filter(
            meeting__session=session, status=Speaker.Status.SPOKE, agenda_item__isnull=False
        ).select_related("entity")
        for speaker in spoke.order_by("started_at", "pk"):
            names = speakers.setdefault(speaker.agenda_item_id or 0, [])  # never 0: the query wants an item
            if speaker.entity.name not in names:
                names.append(speaker.entity.name)

    def section(s: ReportSection, subsections: tuple[SectionData, ...] = ()) -> SectionData:
        return SectionData(
            title=s.title,
            numbered=s.numbered,
            agenda_item=numbers.get(s.agenda_item_id) if s.agenda_item_id else None,
            paragraphs=tuple(p.text for p in s.paragraphs.all()),
            subsections=subsections,
            speakers=tuple(speakers.get(s.agenda_item_id, ())) if s.agenda_item_id else (),
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


def collect_provisional_agenda_data(document: Document) -> ProvisionalAgendaData:
    """The provisional agenda of the document's session, with its annotations and organization of work."""
    session = Session.objects.select_related(
        "committee__secretariat", "committee__parent", "committee__report_scheme"
    ).get(pk=_session_id(document))
    agenda = (
        Agenda.objects.filter(session=session, kind=Agenda.Kind.PROVISIONAL)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.filter(parent__isnull=True).prefetch_related(
                    "sub_items", Prefetch("documents", queryset=Document.objects.order_by("symbol"))
                ),
                to_attr="top_items",
            ),
            Prefetch("slots", queryset=AgendaSlot.objects.prefetch_related("items")),
        )
        .first()
    )
    items = agenda.top_items if agenda else []  # type: ignore[attr-defined]  # prefetched (to_attr)
    readable = Document.Distribution.GENERAL  # a public agenda lists only documents of general distribution
    return ProvisionalAgendaData(
        **masthead_fields(session, document),
        items=tuple(
            AnnotatedItemData(
                number=item.position,
                title=item.title,
                sub_items=tuple(sub.title for sub in item.sub_items.all()),
                annotation=item.annotation,
                documents=tuple((d.symbol, d.title) for d in item.documents.all() if d.distribution == readable),
            )
            for item in items
        ),
        organization_of_work=tuple(
            HalfDayData(
                date=slot.date,
                period=slot.period,
                items=tuple(sorted(item.position for item in slot.items.all())),
                note=slot.note,
            )
            for slot in (agenda.slots.all() if agenda else [])
        ),
    )


def provisional_agenda_languages(document: Document) -> list[str]:
    """The languages in which the agenda's items have titles and the tool has its wording."""
    titles = AgendaItem.objects.filter(
        agenda__session_id=_session_id(document), agenda__kind=Agenda.Kind.PROVISIONAL
    ).values_list("title", flat=True)
    present = {language for title in titles for language, text in title.items() if text}
    return [language for language in WORDED_LANGUAGES if language in present]


def collect_participants_list_data(document: Document) -> ParticipantsListData:
    """The delegations registered for the document's session, with their delegates, in three queries."""
    session = (
        Session.objects.select_related("committee__secretariat", "committee__parent", "committee__report_scheme")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("entity").prefetch_related("delegates"),
            )
        )
        .get(pk=_session_id(document))
    )
    return ParticipantsListData(
        **masthead_fields(session, document),
        delegations=tuple(
            DelegationData(
                category=participation.category,
                name=participation.entity.name | participation.name,
                delegates=tuple(
                    DelegateData(
                        role=d.role,
                        courtesy=d.courtesy,
                        name=d.name,
                        title=d.title,
                        function=d.function,
                        organization=d.organization,
                    )
                    for d in sorted(participation.delegates.all(), key=lambda d: (ROLE_ORDER[d.role], d.position))
                ),
            )
            for participation in session.participations.all()
        ),
    )


def participants_list_languages(document: Document) -> list[str]:
    """Names of States and organizations are known in every UN language: the list is in every worded one."""
    return list(WORDED_LANGUAGES)


def reported_session(document: Document) -> Session | None:
    """The session before the document's: its decisions are the ones followed up."""
    session = document.session
    if session is None:
        return None
    return session.committee.sessions.filter(number__lt=session.number).order_by("-number").first()


def collect_progress_report_data(document: Document, *, as_of: datetime.date | None = None) -> ProgressReportData:
    """The follow-up of the previous session's decisions as published by the note's date (or today), and the
    committee's strategies, in a number of queries that does not grow with them."""
    session = Session.objects.select_related(
        "committee__secretariat", "committee__parent", "committee__report_scheme"
    ).get(pk=_session_id(document))
    as_of = as_of or document.issued_on or timezone.localdate()
    reported = reported_session(document)
    decisions = list(
        Decision.objects.filter(session=reported).prefetch_related("paragraphs__sub_items") if reported else []
    )
    sub_item_index = {
        sub.pk: index
        for decision in decisions
        for paragraph in decision.paragraphs.all()
        for index, sub in enumerate(paragraph.sub_items.all())
    }
    actions = actions_with_progress(AnonymousUser(), session.committee).filter(paragraph__decision__session=reported)
    by_paragraph: dict[int, list[ActionData]] = {}
    for action in actions:
        history = tuple(
            ProgressData(u.reported_on, u.status, u.narrative)
            for u in action.shown_updates  # type: ignore[attr-defined]  # prefetched (to_attr)
            if u.is_published and u.reported_on <= as_of
        )
        by_paragraph.setdefault(action.top_paragraph_id, []).append(
            ActionData(
                sub_item=sub_item_index.get(action.paragraph_id) if action.paragraph.parent_id else None,
                description=action.description,
                responsible=action.responsible,
                responsible_name=action.responsible_entity.name if action.responsible_entity else {},
                due=action.due,  # type: ignore[attr-defined]  # annotated by actions_with_progress
                due_by_next_session=action.due_by_next_session,
                history=history,
                illustrative=action.illustrative,
            )
        )
    numbers = operative_numbers([d.pk for d in decisions])
    paragraphs = [
        FollowedParagraphData(
            number=paragraph_label(paragraph, numbers),
            text=paragraph.text,
            sub_items=tuple(sub.text for sub in paragraph.sub_items.all()),
            actions=tuple(by_paragraph.get(paragraph.pk, [])),
        )
        for decision in decisions
        for paragraph in decision.paragraphs.all()
        if paragraph.parent_id is None and paragraph.kind == Paragraph.Kind.OPERATIVE
    ]
    return ProgressReportData(
        **masthead_fields(session, document),
        reported_number=reported.number if reported else 0,
        decision_kind=decisions[0].kind if decisions else Decision.Kind.AGREED_RECOMMENDATIONS,
        paragraphs=tuple(paragraphs),
        as_of=as_of,
        strategies=tuple(_strategy(strategy) for strategy in session.committee.strategies.all()),
    )


def _strategy(strategy: Strategy) -> StrategyData:
    matrix = strategy_matrix(strategy)
    rows = [row for area in matrix.areas for row in area.rows]  # type: ignore[attr-defined]  # see strategy_matrix
    return StrategyData(
        title=strategy.title,
        illustrative=strategy.illustrative,
        measures=len(rows),
        members=len(matrix.members),
        by_area=tuple(
            (area.number, area.title, counts)
            for area, (_name, counts) in zip(matrix.areas, matrix.counts_by_area(), strict=True)
        ),
        by_member=tuple(
            (member.name, counts)
            for member, (_name, counts) in zip(matrix.members, matrix.counts_by_member(), strict=True)
        ),
    )


def progress_report_languages(document: Document) -> list[str]:
    """The languages in which the followed-up decisions are written (and the tool has its wording)."""
    reported = reported_session(document)
    if reported is None:
        return []
    texts = Paragraph.objects.filter(decision__session=reported).values_list("text", flat=True)
    present = {language for text in texts for language, value in text.items() if value}
    return [language for language in WORDED_LANGUAGES if language in present]

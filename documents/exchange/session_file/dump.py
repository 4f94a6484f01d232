"""Write a session back out as a session file, in a canonical order so that exports compare equal."""

import datetime
import json
from typing import Any

from django.db.models import Prefetch

from committee.bodies.models import Committee, Entity
from committee.kernel.multilingual import LANGUAGES
from decisions.outcomes.models import Paragraph
from documents.reports.models import Report, ReportSection
from documents.schemes.models import ReportScheme
from meetings.proceedings.models import Proceeding
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session

AGENDA_ORDER = list(Agenda.Kind.values)
CATEGORY_ORDER = list(Participation.Category.values)


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(_in_language_order(data), ensure_ascii=False, indent=2) + "\n"


def _in_language_order(value: Any) -> Any:
    """Texts by language (and genders by language) in the UN's order, en fr es ru zh ar, whatever order the
    database kept: PostgreSQL's jsonb sorts an object's keys by length, then bytes."""
    if isinstance(value, dict):
        if value and all(key in LANGUAGES for key in value):
            return {code: value[code] for code in LANGUAGES if code in value}
        return {key: _in_language_order(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_language_order(item) for item in value]
    return value


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is empty or default, so that a file says only what it needs to."""
    return {key: value for key, value in values.items() if value not in (None, "", {}, [])}


def _iso(value: datetime.date | datetime.time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return value.isoformat()


def export_session(session: Session) -> dict[str, Any]:
    session = (
        Session.objects.select_related("committee", "country")
        .prefetch_related(
            "meetings__agenda_items",
            "meetings__people__entity",
            "bureau__state",
            "bureau__elected_at",
            Prefetch("agendas", queryset=Agenda.objects.with_items()),
            "agendas__slots__items",
            "proceedings__meeting",
            "decisions__adopted_at",
            "decisions__votes__state",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("entity").prefetch_related("delegates__meetings"),
            ),
            "documents__agenda_items",
            "documents__meetings",
            "documents__submitted_by",
            Prefetch(
                "decisions__paragraphs",
                queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related("sub_items"),
                to_attr="top_paragraphs",
            ),
        )
        .get(pk=session.pk)
    )
    committees = [*reversed(session.committee.ancestors()), session.committee]
    participations = sorted(
        session.participations.all(), key=lambda p: (CATEGORY_ORDER.index(p.category), p.entity.code)
    )
    organizations = {
        entity.code: entity
        for entity in [
            *(c.secretariat for c in committees if c.secretariat is not None),
            *(p.entity for p in participations),
            *(m.entity for c in committees for m in c.memberships.select_related("entity")),
        ]
        if entity.kind == Entity.Kind.ORGANIZATION
    }
    agendas = sorted(session.agendas.all(), key=lambda a: AGENDA_ORDER.index(a.kind))
    reference_agenda = next((a for a in agendas if a.kind == Agenda.Kind.ADOPTED), None) or next(
        (a for a in agendas if a.kind == Agenda.Kind.PROVISIONAL), None
    )
    numbers = {
        item.pk: item.position
        for item in (reference_agenda.top_items if reference_agenda else [])  # type: ignore[attr-defined]  # prefetched
    }
    return {
        "format": "rapporteur-session",
        "version": 1,
        "committees": [_committee(c) for c in committees],
        "organizations": [_organization(organizations[code]) for code in sorted(organizations)],
        "session": _compact(
            {
                "committee": session.committee.code,
                "number": session.number,
                "code": session.code,
                "status": session.status,
                "venue": session.venue,
                "city": session.city,
                "country": session.country.code if session.country else None,
                "time_zone": session.time_zone,
                "start_date": _iso(session.start_date),
                "end_date": _iso(session.end_date),
                "meetings": [_meeting(m, numbers) for m in session.meetings.all()],
                "bureau": [_bureau_member(b) for b in session.bureau.all()],
                "agendas": [_agenda(a) for a in agendas],
                "proceedings": [
                    _step(step)
                    for step in sorted(session.proceedings.all(), key=lambda s: Proceeding.Kind.values.index(s.kind))
                ],
                "participants": [_participant(p) for p in participations],
                "documents": [_document(d, numbers) for d in session.documents.all()],
                "decisions": [_decision(d) for d in session.decisions.all()],
            }
        )
        | _report(session, numbers),
    }


def _committee(committee: Committee) -> dict[str, Any]:
    scheme = ReportScheme.objects.filter(committee=committee).first()
    members = [
        _compact({"entity": m.entity.code, "status": m.status, "since": _iso(m.since), "until": _iso(m.until)})
        for m in committee.memberships.select_related("entity").order_by("entity__code")
    ]
    return _compact(
        {
            "code": committee.code,
            "kind": committee.kind,
            "parent": committee.parent.code if committee.parent is not None else None,
            "name": committee.name,
            "name_gender": committee.name_gender,
            "name_genitive": committee.name_genitive,
            "short_name": committee.short_name,
            "mandate": committee.mandate,
            "secretariat": committee.secretariat.code if committee.secretariat is not None else None,
            "symbol_series": committee.symbol_series,
            "organizations_in_english_order": committee.organizations_in_english_order or None,
            "delegations_register_themselves": committee.delegations_register_themselves or None,
            "time_zone": None if committee.time_zone == "UTC" else committee.time_zone,
            "public": committee.is_public or None,
            "members": members,
            "report_scheme": _scheme(scheme) if scheme is not None else None,
        }
    )


def _scheme(scheme: ReportScheme) -> dict[str, Any]:
    """The body's report scheme, its parts' keys in one order (as_dict), its parts kept even when none."""
    stored = scheme.as_dict()
    return {**_compact(stored), "parts": stored["parts"]}


def _organization(entity: Entity) -> dict[str, Any]:
    return _compact(
        {
            "code": entity.code,
            "type": entity.organization_type,
            "name": entity.name,
            "acronym": entity.acronym,
            "name_gender": entity.name_gender,
        }
    )


def _meeting(meeting: Any, numbers: dict[int, int]) -> dict[str, Any]:
    people = [
        _compact(
            {
                "role": person.role,
                "courtesy": person.courtesy,
                "name": person.name,
                "entity": person.entity.code if person.entity_id else None,
                "function": person.function,
                "illustrative": person.illustrative or None,
            }
        )
        for person in meeting.people.all()
    ]
    return _compact(
        {
            "key": meeting.key,
            "kind": meeting.kind,
            "title": meeting.title,
            "date": _iso(meeting.date),
            "start_time": _iso(meeting.start_time),
            "end_time": _iso(meeting.end_time),
            "room": meeting.room,
            "online_link": meeting.online_link,
            "status": None if meeting.status == "scheduled" else meeting.status,
            "agenda_items": sorted(numbers[item.pk] for item in meeting.agenda_items.all() if item.pk in numbers),
            "people": people,
            "next_date": _iso(meeting.next_date),
            "next_topic": meeting.next_topic,
            "sequence": meeting.sequence or None,
        }
    )


def _bureau_member(member: Any) -> dict[str, Any]:
    return _compact(
        {
            "role": member.role,
            "courtesy": member.courtesy,
            "name": member.name,
            "state": member.state.code if member.state else None,
            "elected_on": _iso(member.elected_on),
            "elected_at": member.elected_at.key if member.elected_at else None,
        }
    )


def _agenda(agenda: Agenda) -> dict[str, Any]:
    top_items: list[AgendaItem] = agenda.top_items  # type: ignore[attr-defined]  # prefetched (to_attr)
    numbers = {item.pk: item.position for item in top_items}
    items = [
        _compact(
            {
                "title": item.title,
                "purpose": item.purpose,
                "annotation": item.annotation,
                "sub_items": [{"title": sub.title} for sub in item.sub_items.all()],
            }
        )
        for item in top_items
    ]
    return (
        _compact(
            {
                "kind": agenda.kind,
                "adopted_on": _iso(agenda.adopted_on),
                "adopted_at": agenda.adopted_at.key if agenda.adopted_at else None,
                "as_amended": agenda.as_amended or None,
            }
        )
        | {"items": items}
        | _compact({"organization_of_work": [_slot(slot, numbers) for slot in agenda.slots.all()]})
    )


def _slot(slot: AgendaSlot, numbers: dict[int, int]) -> dict[str, Any]:
    return {
        "date": _iso(slot.date),
        "period": slot.period,
        "items": sorted(numbers[item.pk] for item in slot.items.all() if item.pk in numbers),
    } | _compact({"note": slot.note})


def _participant(participation: Participation) -> dict[str, Any]:
    delegates = [
        _compact(
            {
                "role": "" if d.role == Delegate.Role.DELEGATE else d.role,
                "courtesy": d.courtesy,
                "name": d.name,
                "title": d.title,
                "function": d.function,
                "organization": d.organization,
                "email": d.email,
                "meetings": sorted(meeting.key for meeting in d.meetings.all()),
                "language": None if d.language == "en" else d.language,
                "illustrative": d.illustrative or None,
            }
        )
        for d in participation.delegates.all()
    ]
    return _compact(
        {
            "entity": participation.entity.code,
            "category": participation.category,
            "name": participation.name,
            "delegates": delegates,
        }
    )


def _document(document: Any, numbers: dict[int, int]) -> dict[str, Any]:
    return _compact(
        {
            "symbol": document.symbol,
            "kind": document.kind,
            "title": document.title,
            "distribution": document.distribution,
            "issued_on": _iso(document.issued_on),
            "original_language": document.original_language,
            "agenda_items": sorted(numbers[item.pk] for item in document.agenda_items.all() if item.pk in numbers),
            "meetings": sorted(meeting.key for meeting in document.meetings.all()),
            "submitted_by": sorted(entity.code for entity in document.submitted_by.all()),
        }
    )


def _decision(decision: Any) -> dict[str, Any]:
    paragraphs = [
        _compact(
            {
                "kind": p.kind,
                "text": p.text,
                "sub_items": [{"text": sub.text} for sub in p.sub_items.all()],
            }
        )
        for p in decision.top_paragraphs
    ]
    return _compact(
        {
            "kind": decision.kind,
            "number": decision.number,
            "title": decision.title,
            "adopted_on": _iso(decision.adopted_on),
            "adopted_at": decision.adopted_at.key if decision.adopted_at else None,
            "method": decision.method,
            "silence_ends_on": _iso(decision.silence_ends_on),
            "votes": [
                {"state": vote.state.code, "position": vote.position}
                for vote in sorted(decision.votes.all(), key=lambda vote: vote.state.code)
            ],
        }
    ) | {"paragraphs": paragraphs}


def _step(step: Proceeding) -> dict[str, Any]:
    return _compact(
        {
            "kind": step.kind,
            "meeting": step.meeting.key if step.meeting else None,
            "on": _iso(step.held_on) if step.meeting is None or step.held_on != step.meeting.date else None,
            "rapporteur_authorized": step.rapporteur_authorized or None,
            "next_starts_on": _iso(step.next_starts_on),
            "next_ends_on": _iso(step.next_ends_on),
            "next_place": step.next_place,
        }
    )


def _report(session: Session, numbers: dict[int, int]) -> dict[str, Any]:
    """{"report": …} once the session's report has a symbol or a text, else nothing."""
    report = (
        Report.objects.filter(session=session)
        .select_related("document")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=ReportSection.objects.filter(parent__isnull=True).prefetch_related(
                    "paragraphs", "subsections__paragraphs"
                ),
                to_attr="top_sections",
            )
        )
        .first()
    )
    if report is None or (report.document is None and not report.top_sections and not report.volume):
        return {}  # a report with no text yet, as every new session has

    def section(s: ReportSection, *, nested: bool) -> dict[str, Any]:
        return _compact(
            {
                "title": s.title,
                "numbered": None if s.numbered else False,
                "agenda_item": numbers.get(s.agenda_item_id) if s.agenda_item_id else None,
                "paragraphs": [{"text": p.text} for p in s.paragraphs.all()],
                "subsections": [] if nested else [section(sub, nested=True) for sub in s.subsections.all()],
            }
        )

    summary = [section(s, nested=False) for s in report.top_sections]
    return {
        "report": _compact(
            {
                "document": report.document.symbol if report.document else None,
                "volume": report.volume,
                "volume_note": report.volume_note,
            }
        )
        | {"summary": summary}
    }

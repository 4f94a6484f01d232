"""Write a checked session file into the database, all or nothing.

Rows are matched by their natural keys (codes, symbols, meeting keys, positions), updated only
where they differ and removed where the file no longer has them, so that importing the same
file twice changes nothing and writes no history.
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.import_errors import ImportRejected, Problem
from decisions.outcomes.models import Decision, Paragraph, StatePosition
from documents.exchange.session_file.validate import place, read_session_file
from documents.registry.models import Document
from documents.reports.models import Report, ReportParagraph, ReportSection
from documents.schemes.models import ReportScheme
from documents.schemes.services import from_dict
from meetings.proceedings.models import Proceeding
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot, BureauMember, Meeting, MeetingPerson
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session

CHANGE_REASON = "Imported from a session file"
M = TypeVar("M", bound=models.Model)
Row = tuple[list[str | int], dict[str, Any]]  # a row's place in the file, and its field values


def import_session(data: dict[str, Any] | str) -> Session:
    """Import a session file (parsed or as text); raise ImportRejected and write nothing on any problem."""
    if isinstance(data, str):
        data = read_session_file(data)
    try:
        with transaction.atomic():
            return _Writer().write(data)
    except IntegrityError as error:
        # Another import of the same session, or an edit of it, committed in the meantime.
        raise ImportRejected(
            [
                Problem(
                    place(["session"]),
                    _("the session changed while it was being imported; try again (%(error)s)") % {"error": error},
                )
            ]
        ) from None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


class _Writer:
    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        # The place of a finalized report while it is written: its text stands as archived, so any change is refused.
        self.locked: list[str | int] | None = None

    def sync(
        self,
        model: type[M],
        current: Iterable[M],
        key: Iterable[str],
        rows: list[Row],
    ) -> list[M]:
        """Make the `current` rows (loaded by the caller, with what it will need) become `rows`.

        Each of `rows` is (its place in the file, its field values); rows are matched on the `key`
        fields. Returns the rows in the file's order.
        """
        key = tuple(key)
        existing = {tuple(getattr(obj, field) for field in key): obj for obj in current}
        kept = []
        for path, values in rows:
            obj = existing.pop(tuple(values[field] for field in key), None)
            if obj is None:
                obj = model(**values)
            elif all(getattr(obj, field) == value for field, value in values.items()):
                kept.append(obj)
                continue
            else:
                for field, value in values.items():
                    setattr(obj, field, value)
            kept.append(self.save(obj, path))
        for obj in existing.values():
            self.refuse_if_locked(self.locked)
            obj._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
            obj.delete()
        return kept

    def refuse_if_locked(self, path: list[str | int] | None) -> None:
        if self.locked is not None:
            message = _("the report is finalized and its text cannot change: open a corrigendum in the app first")
            raise ImportRejected([Problem(place(path or self.locked), message)])

    def save(self, obj: M, path: list[str | int]) -> M:
        """Validate and save one row; a problem the file's checks could not see rolls everything back."""
        self.refuse_if_locked(path)
        # Foreign keys were resolved from the file's checked references: no need to query them again.
        relations = [field.name for field in obj._meta.concrete_fields if field.is_relation]
        try:
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ImportRejected(
                [
                    Problem(place([*path, field]), message)
                    for field, messages in error.message_dict.items()
                    for message in messages
                ]
            ) from None
        obj._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
        obj.save()
        return obj

    # The file, top down ------------------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> Session:
        self.entities = {e.code: e for e in Entity.objects.exclude(kind=Entity.Kind.ORGANIZATION)}
        self.write_organizations(data.get("organizations", []))
        committees = self.write_committees(data["committees"])
        return self.write_session(data["session"], committees)

    def write_organizations(self, organizations: list[dict[str, Any]]) -> None:
        """Create the organizations the database lacks; leave the others as they are.

        An organization is shared by every session it attends: an older session's file must not
        undo a later correction of its name.
        """
        existing = {e.code: e for e in Entity.objects.filter(code__in=[o["code"] for o in organizations])}
        for index, org in enumerate(organizations):
            entity = existing.get(org["code"]) or self.save(
                Entity(
                    code=org["code"],
                    kind=Entity.Kind.ORGANIZATION,
                    organization_type=org["type"],
                    name=org["name"],
                    acronym=org.get("acronym", {}),
                    name_gender=org.get("name_gender", {}),
                ),
                ["organizations", index],
            )
            self.entities[org["code"]] = entity

    def upsert(
        self,
        obj: M | None,
        model: type[M],
        key: dict[str, Any],
        values: dict[str, Any],
        path: list[str | int],
    ) -> M:
        if obj is None:
            return self.save(model(**key, **values), path)
        if any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            self.save(obj, path)
        return obj

    def write_committees(self, committees: list[dict[str, Any]]) -> dict[str, Committee]:
        """Create the committees the database lacks, with their members; leave the others as they are.

        Like organizations, committees are shared by all their sessions and are edited in the app.
        """
        codes = [c["code"] for c in committees] + [c["parent"] for c in committees if c.get("parent")]
        known = {c.code: c for c in Committee.objects.filter(code__in=codes)}
        for index, data in enumerate(committees):
            if data["code"] in known:
                continue
            secretariat = self.entities.get(data["secretariat"]) if data.get("secretariat") else None
            committee = self.save(
                Committee(
                    code=data["code"],
                    kind=data["kind"],
                    parent=known[data["parent"]] if data.get("parent") else None,
                    name=data["name"],
                    name_gender=data.get("name_gender", {}),
                    name_genitive=data.get("name_genitive", {}),
                    short_name=data.get("short_name", {}),
                    mandate=data.get("mandate", ""),
                    secretariat=secretariat,
                    symbol_series=data.get("symbol_series", ""),
                    organizations_in_english_order=data.get("organizations_in_english_order", False),
                    delegations_register_themselves=data.get("delegations_register_themselves", False),
                    time_zone=data.get("time_zone", "UTC"),
                    is_public=data.get("public", False),
                ),
                ["committees", index],
            )
            known[data["code"]] = committee
            if "report_scheme" in data:
                scheme = data["report_scheme"]
                self.save(from_dict(ReportScheme(committee=committee), scheme), ["committees", index, "report_scheme"])
            for member_index, member in enumerate(data.get("members", [])):
                self.save(
                    Membership(
                        committee=committee,
                        entity=self.entities[member["entity"]],
                        status=member.get("status", Membership.Status.MEMBER),
                        since=_date(member.get("since")),
                        until=_date(member.get("until")),
                    ),
                    ["committees", index, "members", member_index],
                )
        return known

    def write_session(self, data: dict[str, Any], committees: dict[str, Committee]) -> Session:
        values = {
            "committee_id": committees[data["committee"]].pk,
            "number": data["number"],
            "status": data.get("status", Session.Status.PLANNED),
            "venue": data.get("venue", {}),
            "city": data.get("city", {}),
            "country_id": self.entities[data["country"]].pk if data.get("country") else None,
            "time_zone": data.get("time_zone", "UTC"),
            "start_date": _date(data.get("start_date")),
            "end_date": _date(data.get("end_date")),
        }
        existing = Session.objects.select_for_update().filter(code=data["code"]).first()
        session = self.upsert(existing, Session, {"code": data["code"]}, values, ["session"])
        meetings = self.write_meetings(session, data.get("meetings", []))
        self.write_bureau(session, data.get("bureau", []), meetings)
        agenda_items = self.write_agendas(session, data.get("agendas", []), meetings)
        self.write_programme(data.get("meetings", []), meetings, agenda_items)
        self.write_participants(session, data.get("participants", []), meetings)
        documents = self.write_documents(session, data.get("documents", []), agenda_items, meetings)
        self.write_report(session, data.get("report"), documents, agenda_items)
        self.remove_other_documents(session, documents)
        self.write_decisions(session, data.get("decisions", []), meetings)
        self.write_proceedings(session, data.get("proceedings", []), meetings)
        return session

    def write_meetings(self, session: Session, meetings: list[dict[str, Any]]) -> dict[str, Meeting]:
        rows: list[Row] = [
            (
                ["session", "meetings", index],
                {
                    "session_id": session.pk,
                    "committee_id": session.committee_id,
                    "key": meeting["key"],
                    "kind": meeting["kind"],
                    "title": meeting.get("title", {}),
                    "date": _date(meeting.get("date")),
                    "start_time": _time(meeting.get("start_time")),
                    "end_time": _time(meeting.get("end_time")),
                    "room": meeting.get("room", ""),
                    "online_link": meeting.get("online_link", ""),
                    "status": meeting.get("status", Meeting.Status.SCHEDULED),
                    "next_date": _date(meeting.get("next_date")),
                    "next_topic": meeting.get("next_topic", {}),
                    "sequence": meeting.get("sequence", 0),
                    "position": index + 1,
                },
            )
            for index, meeting in enumerate(meetings)
        ]
        written = self.sync(Meeting, session.meetings.all(), ["key"], rows)
        return {meeting.key: meeting for meeting in written}

    def write_programme(
        self, data: list[dict[str, Any]], meetings: dict[str, Meeting], agenda_items: dict[int, AgendaItem]
    ) -> None:
        """What each meeting takes up and who leads it: written once the agendas it refers to are."""
        for index, meeting_data in enumerate(data):
            meeting = meetings[meeting_data["key"]]
            wanted = {agenda_items[number].pk for number in meeting_data.get("agenda_items", [])}
            if {item.pk for item in meeting.agenda_items.all()} != wanted:
                meeting.agenda_items.set(wanted)
            rows: list[Row] = [
                (
                    ["session", "meetings", index, "people", position],
                    {
                        "meeting_id": meeting.pk,
                        "position": position + 1,
                        "role": person["role"],
                        "courtesy": person.get("courtesy", ""),
                        "name": person["name"],
                        "entity_id": self.entities[person["entity"]].pk if person.get("entity") else None,
                        "function": person.get("function", ""),
                        "illustrative": person.get("illustrative", False),
                    },
                )
                for position, person in enumerate(meeting_data.get("people", []))
            ]
            self.sync(MeetingPerson, meeting.people.all(), ["position"], rows)

    def write_bureau(self, session: Session, bureau: list[dict[str, Any]], meetings: dict[str, Meeting]) -> None:
        rows: list[Row] = [
            (
                ["session", "bureau", index],
                {
                    "session_id": session.pk,
                    "position": index + 1,
                    "role": member["role"],
                    "courtesy": member["courtesy"],
                    "name": member["name"],
                    "state_id": self.entities[member["state"]].pk if member.get("state") else None,
                    "elected_on": _date(member.get("elected_on")),
                    "elected_at_id": meetings[member["elected_at"]].pk if member.get("elected_at") else None,
                },
            )
            for index, member in enumerate(bureau)
        ]
        self.sync(BureauMember, session.bureau.all(), ["position"], rows)

    def write_agendas(
        self, session: Session, agendas: list[dict[str, Any]], meetings: dict[str, Meeting]
    ) -> dict[int, AgendaItem]:
        """Write the agendas; return the items that documents and report sections refer to, by number."""
        rows: list[Row] = [
            (
                ["session", "agendas", index],
                {
                    "session_id": session.pk,
                    "kind": agenda["kind"],
                    "adopted_on": _date(agenda.get("adopted_on")),
                    "adopted_at_id": meetings[agenda["adopted_at"]].pk if agenda.get("adopted_at") else None,
                    "as_amended": agenda.get("as_amended", False),
                },
            )
            for index, agenda in enumerate(agendas)
        ]
        current = session.agendas.all().prefetch_related(
            Prefetch("items", queryset=AgendaItem.objects.filter(parent__isnull=True).prefetch_related("sub_items"))
        )
        by_kind: dict[str, dict[int, AgendaItem]] = {}
        written = self.sync(Agenda, current, ["kind"], rows)
        for index, (agenda, data) in enumerate(zip(written, agendas, strict=True)):
            path: list[str | int] = ["session", "agendas", index, "items"]
            item_rows: list[Row] = [
                (
                    [*path, number - 1],
                    {
                        "agenda_id": agenda.pk,
                        "parent_id": None,
                        "position": number,
                        "title": item["title"],
                        "purpose": item.get("purpose", ""),
                        "annotation": item.get("annotation", {}),
                    },
                )
                for number, item in enumerate(data["items"], start=1)
            ]
            items = self.sync(AgendaItem, agenda.items.all(), ["position"], item_rows)
            for item, item_data in zip(items, data["items"], strict=True):
                sub_rows: list[Row] = [
                    (
                        [*path, item.position - 1, "sub_items", letter - 1],
                        {"agenda_id": agenda.pk, "parent_id": item.pk, "position": letter, "title": sub["title"]},
                    )
                    for letter, sub in enumerate(item_data.get("sub_items", []), start=1)
                ]
                self.sync(AgendaItem, item.sub_items.all(), ["position"], sub_rows)
            self.write_organization_of_work(agenda, data.get("organization_of_work", []), items, path[:-1])
            by_kind[agenda.kind] = {item.position: item for item in items}
        return by_kind.get(Agenda.Kind.ADOPTED) or by_kind.get(Agenda.Kind.PROVISIONAL) or {}

    def write_organization_of_work(
        self, agenda: Agenda, slots: list[dict[str, Any]], items: list[AgendaItem], path: list[str | int]
    ) -> None:
        rows: list[Row] = [
            (
                [*path, "organization_of_work", index],
                {
                    "agenda_id": agenda.pk,
                    "date": _date(slot["date"]),
                    "period": slot["period"],
                    "note": slot.get("note", {}),
                },
            )
            for index, slot in enumerate(slots)
        ]
        written = self.sync(AgendaSlot, agenda.slots.prefetch_related("items"), ["date", "period"], rows)
        for slot, data in zip(written, slots, strict=True):
            wanted = {items[number - 1].pk for number in data["items"]}
            if {item.pk for item in slot.items.all()} != wanted:
                slot.items.set(wanted)

    def write_participants(
        self, session: Session, participants: list[dict[str, Any]], meetings: dict[str, Meeting]
    ) -> None:
        rows: list[Row] = [
            (
                ["session", "participants", index],
                {
                    "session_id": session.pk,
                    "entity_id": self.entities[participant["entity"]].pk,
                    "category": participant["category"],
                    "name": participant.get("name", {}),
                },
            )
            for index, participant in enumerate(participants)
        ]
        written = self.sync(
            Participation, session.participations.prefetch_related("delegates__meetings"), ["entity_id"], rows
        )
        for index, (participation, data) in enumerate(zip(written, participants, strict=True)):
            delegate_rows: list[Row] = [
                (
                    ["session", "participants", index, "delegates", position - 1],
                    {
                        "participation_id": participation.pk,
                        "position": position,
                        "role": delegate.get("role", Delegate.Role.DELEGATE),
                        "courtesy": delegate.get("courtesy", ""),
                        "name": delegate["name"],
                        "title": delegate.get("title", ""),
                        "function": delegate.get("function", ""),
                        "organization": delegate.get("organization", ""),
                        "email": delegate.get("email", ""),
                        "language": delegate.get("language", "en"),
                        "illustrative": delegate.get("illustrative", False),
                    },
                )
                for position, delegate in enumerate(data.get("delegates", []), start=1)
            ]
            delegates = self.sync(Delegate, participation.delegates.all(), ["position"], delegate_rows)
            for delegate, delegate_data in zip(delegates, data.get("delegates", []), strict=True):
                wanted = {meetings[key].pk for key in delegate_data.get("meetings", [])}
                if {meeting.pk for meeting in delegate.meetings.all()} != wanted:
                    delegate.meetings.set(wanted)

    def write_documents(
        self,
        session: Session,
        documents: list[dict[str, Any]],
        agenda_items: dict[int, AgendaItem],
        meetings: dict[str, Meeting],
    ) -> dict[str, Document]:
        existing = {
            d.symbol: d
            for d in Document.objects.filter(symbol__in=[d["symbol"] for d in documents]).prefetch_related(
                "agenda_items", "meetings", "submitted_by"
            )
        }
        written = {}
        for index, data in enumerate(documents):
            values = {
                "session_id": session.pk,
                "kind": data["kind"],
                "title": data["title"],
                "distribution": data.get("distribution", Document.Distribution.GENERAL),
                "issued_on": _date(data.get("issued_on")),
                "original_language": data.get("original_language", "en"),
            }
            path: list[str | int] = ["session", "documents", index]
            document = self.upsert(existing.get(data["symbol"]), Document, {"symbol": data["symbol"]}, values, path)
            wanted = {agenda_items[number].pk for number in data.get("agenda_items", [])}
            if {item.pk for item in document.agenda_items.all()} != wanted:
                document.agenda_items.set(wanted)
            wanted = {meetings[key].pk for key in data.get("meetings", [])}
            if {meeting.pk for meeting in document.meetings.all()} != wanted:
                document.meetings.set(wanted)
            wanted = {self.entities[code].pk for code in data.get("submitted_by", [])}
            if {entity.pk for entity in document.submitted_by.all()} != wanted:
                document.submitted_by.set(wanted)
            written[document.symbol] = document
        return written

    def remove_other_documents(self, session: Session, documents: dict[str, Document]) -> None:
        """Remove the session's documents that the file no longer lists (after the report let go of its own)."""
        for stale in session.documents.exclude(symbol__in=documents):
            stale._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
            stale.delete()

    def write_proceedings(self, session: Session, steps: list[dict[str, Any]], meetings: dict[str, Meeting]) -> None:
        rows: list[Row] = [
            (
                ["session", "proceedings", index],
                {
                    "session_id": session.pk,
                    "kind": step["kind"],
                    "meeting_id": meetings[step["meeting"]].pk if step.get("meeting") else None,
                    "held_on": _date(step.get("on"))
                    or (meetings[step["meeting"]].date if step.get("meeting") else None),
                    "rapporteur_authorized": step.get("rapporteur_authorized", False),
                    "next_starts_on": _date(step.get("next_starts_on")),
                    "next_ends_on": _date(step.get("next_ends_on")),
                    "next_place": step.get("next_place", {}),
                },
            )
            for index, step in enumerate(steps)
        ]
        self.sync(Proceeding, session.proceedings.all(), ["kind"], rows)

    def write_decisions(self, session: Session, decisions: list[dict[str, Any]], meetings: dict[str, Meeting]) -> None:
        rows: list[Row] = [
            (
                ["session", "decisions", index],
                {
                    "session_id": session.pk,
                    "position": index + 1,
                    "kind": decision["kind"],
                    "number": decision.get("number", ""),
                    "title": decision.get("title", {}),
                    "adopted_on": _date(decision.get("adopted_on")),
                    "adopted_at_id": meetings[decision["adopted_at"]].pk if decision.get("adopted_at") else None,
                    "method": decision.get("method", ""),
                    "silence_ends_on": _date(decision.get("silence_ends_on")),
                },
            )
            for index, decision in enumerate(decisions)
        ]
        current = session.decisions.prefetch_related(
            "votes",
            Prefetch(
                "paragraphs", queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related("sub_items")
            ),
        )
        written = self.sync(Decision, current, ["position"], rows)
        for index, (decision, data) in enumerate(zip(written, decisions, strict=True)):
            vote_rows: list[Row] = [
                (
                    ["session", "decisions", index, "votes", vote_index],
                    {
                        "decision_id": decision.pk,
                        "state_id": self.entities[vote["state"]].pk,
                        "position": vote["position"],
                    },
                )
                for vote_index, vote in enumerate(data.get("votes", []))
            ]
            self.sync(StatePosition, decision.votes.all(), ["state_id"], vote_rows)
            path: list[str | int] = ["session", "decisions", index, "paragraphs"]
            paragraph_rows: list[Row] = [
                (
                    [*path, position - 1],
                    {
                        "decision_id": decision.pk,
                        "parent_id": None,
                        "position": position,
                        "kind": paragraph["kind"],
                        "text": paragraph["text"],
                    },
                )
                for position, paragraph in enumerate(data["paragraphs"], start=1)
            ]
            paragraphs = self.sync(Paragraph, decision.paragraphs.all(), ["position"], paragraph_rows)
            for paragraph, paragraph_data in zip(paragraphs, data["paragraphs"], strict=True):
                sub_rows: list[Row] = [
                    (
                        [*path, paragraph.position - 1, "sub_items", letter - 1],
                        {
                            "decision_id": decision.pk,
                            "parent_id": paragraph.pk,
                            "position": letter,
                            "kind": paragraph.kind,
                            "text": sub["text"],
                        },
                    )
                    for letter, sub in enumerate(paragraph_data.get("sub_items", []), start=1)
                ]
                self.sync(Paragraph, paragraph.sub_items.all(), ["position"], sub_rows)

    def write_report(
        self,
        session: Session,
        data: dict[str, Any] | None,
        documents: dict[str, Document],
        agenda_items: dict[int, AgendaItem],
    ) -> None:
        current = (
            Report.objects.filter(session=session)
            .prefetch_related(
                Prefetch(
                    "sections",
                    queryset=ReportSection.objects.filter(parent__isnull=True).prefetch_related(
                        "paragraphs", "subsections__paragraphs"
                    ),
                )
            )
            .first()
        )
        if current is not None and current.is_locked:
            self.locked = ["session", "report"]
        if data is None:  # a session's report stays, with no text yet
            data = {"document": None, "summary": []}
        document = documents.get(data["document"]) if data.get("document") else None
        report = self.upsert(
            current,
            Report,
            {"session_id": session.pk},
            {
                "document_id": document.pk if document else None,
                "volume": data.get("volume", ""),
                "volume_note": data.get("volume_note", {}),
            },
            ["session", "report"],
        )
        top_sections = report.sections.all() if current is not None else []
        self.write_sections(
            report, None, top_sections, data.get("summary", []), ["session", "report", "summary"], agenda_items
        )
        self.locked = None

    def write_sections(
        self,
        report: Report,
        parent: ReportSection | None,
        current: Iterable[ReportSection],
        sections: list[dict[str, Any]],
        path: list[str | int],
        agenda_items: dict[int, AgendaItem],
    ) -> None:
        rows: list[Row] = [
            (
                [*path, position - 1],
                {
                    "report_id": report.pk,
                    "parent_id": parent.pk if parent else None,
                    "position": position,
                    "title": section["title"],
                    "numbered": section.get("numbered", True),
                    "agenda_item_id": agenda_items[section["agenda_item"]].pk if section.get("agenda_item") else None,
                },
            )
            for position, section in enumerate(sections, start=1)
        ]
        for section, data in zip(self.sync(ReportSection, current, ["position"], rows), sections, strict=True):
            section_path = [*path, section.position - 1]
            paragraph_rows: list[Row] = [
                (
                    [*section_path, "paragraphs", position - 1],
                    {"section_id": section.pk, "position": position, "text": paragraph["text"]},
                )
                for position, paragraph in enumerate(data.get("paragraphs", []), start=1)
            ]
            self.sync(ReportParagraph, section.paragraphs.all(), ["position"], paragraph_rows)
            if parent is None:
                subsections = data.get("subsections", [])
                self.write_sections(
                    report,
                    section,
                    section.subsections.all(),
                    subsections,
                    [*section_path, "subsections"],
                    agenda_items,
                )

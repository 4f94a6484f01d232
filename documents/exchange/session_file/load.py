"""Write a checked session file into the database, all or nothing.

Rows are matched by their natural keys (codes, symbols, meeting keys, positions), updated only
where they differ and removed where the file no longer has them, so that importing the same
file twice changes nothing and writes no history.
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.import_errors import ImportRejected, Problem
from committee.kernel.signals import records_rewritten
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
    """Writes a level of the file at a time (all the session's meetings, then all their people...), each in a few
    bulk queries with its history rows, so that the queries do not grow with the file."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        # The place of a finalized report while it is written: its text stands as archived, so any change is refused.
        self.locked: list[str | int] | None = None
        # Every row written or kept, by model and key: a sub-item's check reads its parent from here.
        self.known: dict[tuple[type[models.Model], Any], models.Model] = {}

    def sync(
        self,
        model: type[M],
        current: Iterable[M],
        key: Iterable[str],
        rows: list[Row],
    ) -> list[M]:
        """Make the `current` rows (loaded by the caller, with what it will need) become `rows`.

        Each of `rows` is (its place in the file, its field values); rows are matched on the `key`
        fields. Returns the rows in the file's order. New rows are inserted and changed ones updated in bulk,
        with their history; rows the file no longer has are deleted.
        """
        key = tuple(key)
        existing = {tuple(getattr(obj, field) for field in key): obj for obj in current}
        in_order: list[M] = []
        created: list[M] = []
        changed: list[M] = []
        changed_fields: set[str] = set()
        for path, values in rows:
            obj = existing.pop(tuple(values[field] for field in key), None)
            if obj is None:
                obj = model(**values)
                self.check(obj, path)
                created.append(obj)
            else:
                different = [field for field, value in values.items() if getattr(obj, field) != value]
                if different:
                    for field in different:
                        setattr(obj, field, values[field])
                    self.check(obj, path)
                    changed.append(obj)
                    changed_fields.update(different)
            in_order.append(obj)
        for stale in existing.values():
            self.refuse_if_locked(self.locked)
            stale._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on delete
            stale.delete()
        if created:
            if hasattr(model, "history"):
                bulk_create_with_history(created, model, default_change_reason=CHANGE_REASON)
            else:
                model._default_manager.bulk_create(created)
        if changed:
            fields = [model._meta.get_field(name).name for name in sorted(changed_fields)]
            if hasattr(model, "history"):
                bulk_update_with_history(changed, model, fields, default_change_reason=CHANGE_REASON)
            else:
                model._default_manager.bulk_update(changed, fields)
        self.known.update(((model, obj.pk), obj) for obj in in_order)
        return in_order

    def set_links(
        self, field: models.ManyToManyField, wanted: dict[models.Model, set[int]], reverse: bool = False
    ) -> None:
        """Make each object's many-to-many `field` link to the primary keys `wanted[object]`: the links added and
        removed in bulk, then one history record for each object of the field's own side whose links changed.

        `reverse` when the objects are on the other side (a document, for its agenda items' `documents`).
        """
        through = cast(type[models.Model], field.remote_field.through)
        own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        if reverse:
            own, other = other, own
        links: dict[int, dict[int, int]] = {obj.pk: {} for obj in wanted}  # object → linked pk → link row's pk
        for link, obj_pk, linked in through._default_manager.filter(**{f"{own}__in": links}).values_list(
            "pk", own, other
        ):
            links[obj_pk][linked] = link
        added = [
            through(**{own: obj.pk, other: linked})
            for obj, pks in wanted.items()
            for linked in pks - links[obj.pk].keys()
        ]
        removed = {
            link: (obj.pk, linked)
            for obj, pks in wanted.items()
            for linked, link in links[obj.pk].items()
            if linked not in pks
        }
        if not added and not removed:
            return
        self.refuse_if_locked(self.locked)
        if removed:
            through._default_manager.filter(pk__in=removed).delete()
        through._default_manager.bulk_create(added)
        pairs = [(getattr(link, own), getattr(link, other)) for link in added] + list(removed.values())
        owners = {other_pk if reverse else own_pk for own_pk, other_pk in pairs}
        self.record_links(field.model, field.model._default_manager.filter(pk__in=owners))

    @staticmethod
    def record_links(model: type[models.Model], owners: Iterable[models.Model]) -> None:
        """A history record of each owner as it now is, with its many-to-many links (what simple_history writes
        on each change of a tracked many-to-many field), in bulk."""
        history = model.history.model  # type: ignore[attr-defined]  # simple_history's manager
        records = model.history.bulk_history_create(  # type: ignore[attr-defined]
            list(owners), update=True, default_change_reason=CHANGE_REASON
        )
        by_owner = {record.id: record for record in records}
        for tracked in history._history_m2m_fields:
            through = tracked.remote_field.through
            copy_model = apps.get_model(history._meta.app_label, f"{history.__name__}_{tracked.name}")
            column = f"{tracked.m2m_field_name()}_id"
            copies = [
                copy_model(
                    history=by_owner[getattr(link, column)],
                    **{f.attname: getattr(link, f.attname) for f in through._meta.fields},
                )
                for link in through._default_manager.filter(**{f"{column}__in": by_owner})
            ]
            copy_model._default_manager.bulk_create(copies)

    def refuse_if_locked(self, path: list[str | int] | None) -> None:
        if self.locked is not None:
            message = _("the report is finalized and its text cannot change: open a corrigendum in the app first")
            raise ImportRejected([Problem(place(path or self.locked), message)])

    def check(self, obj: models.Model, path: list[str | int]) -> None:
        """Validate one row before it is written; a problem the file's checks could not see rolls everything back."""
        self.refuse_if_locked(path)
        parent_id = getattr(obj, "parent_id", None)
        if parent_id is not None and (type(obj), parent_id) in self.known:  # its outline's check reads the parent
            type(obj).parent.field.set_cached_value(obj, self.known[type(obj), parent_id])  # type: ignore[attr-defined]
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

    def save(self, obj: M, path: list[str | int]) -> M:
        """Validate and save one row on its own (the session, a committee and what the app creates with it)."""
        self.check(obj, path)
        obj._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # read by simple_history on save
        obj.save()
        return obj

    # The file, top down ------------------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> Session:
        self.entities = {e.code: e for e in Entity.objects.exclude(kind=Entity.Kind.ORGANIZATION)}
        self.write_organizations(data.get("organizations", []))
        committees = self.write_committees(data["committees"])
        session = self.write_session(data["session"], committees)
        # Written in bulk, without the signals of each record: what follows them (the search index) is told.
        records_rewritten.send(
            sender=Session, session_ids=[session.pk], committee_ids=[c.pk for c in committees.values()]
        )
        return session

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
        self.write_programme(session, data.get("meetings", []), meetings, agenda_items)
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
        self,
        session: Session,
        data: list[dict[str, Any]],
        meetings: dict[str, Meeting],
        agenda_items: dict[int, AgendaItem],
    ) -> None:
        """What each meeting takes up and who leads it: written once the agendas it refers to are."""
        self.set_links(
            Meeting._meta.get_field("agenda_items"),
            {
                meetings[meeting["key"]]: {agenda_items[number].pk for number in meeting.get("agenda_items", [])}
                for meeting in data
            },
        )
        rows: list[Row] = [
            (
                ["session", "meetings", index, "people", position],
                {
                    "meeting_id": meetings[meeting_data["key"]].pk,
                    "position": position + 1,
                    "role": person["role"],
                    "courtesy": person.get("courtesy", ""),
                    "name": person["name"],
                    "entity_id": self.entities[person["entity"]].pk if person.get("entity") else None,
                    "function": person.get("function", ""),
                    "illustrative": person.get("illustrative", False),
                },
            )
            for index, meeting_data in enumerate(data)
            for position, person in enumerate(meeting_data.get("people", []))
        ]
        self.sync(
            MeetingPerson, MeetingPerson.objects.filter(meeting__session=session), ["meeting_id", "position"], rows
        )

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
        by_kind: dict[str, dict[int, AgendaItem]] = {}
        written = self.sync(Agenda, session.agendas.all(), ["kind"], rows)
        item_rows: list[Row] = [
            (
                ["session", "agendas", index, "items", number - 1],
                {
                    "agenda_id": agenda.pk,
                    "parent_id": None,
                    "position": number,
                    "title": item["title"],
                    "purpose": item.get("purpose", ""),
                    "annotation": item.get("annotation", {}),
                },
            )
            for index, (agenda, data) in enumerate(zip(written, agendas, strict=True))
            for number, item in enumerate(data["items"], start=1)
        ]
        top = AgendaItem.objects.filter(agenda__session=session, parent__isnull=True)
        items = self.sync(AgendaItem, top, ["agenda_id", "position"], item_rows)
        items_of = {agenda.pk: [item for item in items if item.agenda_id == agenda.pk] for agenda in written}
        sub_rows: list[Row] = [
            (
                ["session", "agendas", index, "items", item.position - 1, "sub_items", letter - 1],
                {"agenda_id": agenda.pk, "parent_id": item.pk, "position": letter, "title": sub["title"]},
            )
            for index, (agenda, data) in enumerate(zip(written, agendas, strict=True))
            for item, item_data in zip(items_of[agenda.pk], data["items"], strict=True)
            for letter, sub in enumerate(item_data.get("sub_items", []), start=1)
        ]
        subs = AgendaItem.objects.filter(agenda__session=session, parent__isnull=False)
        self.sync(AgendaItem, subs, ["parent_id", "position"], sub_rows)
        self.write_organization_of_work(session, written, agendas, items_of)
        for agenda in written:
            by_kind[agenda.kind] = {item.position: item for item in items_of[agenda.pk]}
        return by_kind.get(Agenda.Kind.ADOPTED) or by_kind.get(Agenda.Kind.PROVISIONAL) or {}

    def write_organization_of_work(
        self,
        session: Session,
        agendas: list[Agenda],
        data: list[dict[str, Any]],
        items_of: dict[int, list[AgendaItem]],
    ) -> None:
        rows: list[Row] = [
            (
                ["session", "agendas", index, "organization_of_work", slot_index],
                {
                    "agenda_id": agenda.pk,
                    "date": _date(slot["date"]),
                    "period": slot["period"],
                    "note": slot.get("note", {}),
                },
            )
            for index, (agenda, agenda_data) in enumerate(zip(agendas, data, strict=True))
            for slot_index, slot in enumerate(agenda_data.get("organization_of_work", []))
        ]
        current = AgendaSlot.objects.filter(agenda__session=session)
        written = self.sync(AgendaSlot, current, ["agenda_id", "date", "period"], rows)
        slots = [
            (agenda, slot) for agenda, agenda_data in zip(agendas, data, strict=True)
            for slot in agenda_data.get("organization_of_work", [])
        ]  # fmt: skip
        self.set_links(
            AgendaSlot._meta.get_field("items"),
            {
                written_slot: {items_of[agenda.pk][number - 1].pk for number in slot["items"]}
                for written_slot, (agenda, slot) in zip(written, slots, strict=True)
            },
        )

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
        written = self.sync(Participation, session.participations.all(), ["entity_id"], rows)
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
            for index, (participation, data) in enumerate(zip(written, participants, strict=True))
            for position, delegate in enumerate(data.get("delegates", []), start=1)
        ]
        current = Delegate.objects.filter(participation__session=session)
        delegates = self.sync(Delegate, current, ["participation_id", "position"], delegate_rows)
        delegates_data = [delegate for data in participants for delegate in data.get("delegates", [])]
        self.set_links(
            Delegate._meta.get_field("meetings"),
            {
                delegate: {meetings[key].pk for key in delegate_data.get("meetings", [])}
                for delegate, delegate_data in zip(delegates, delegates_data, strict=True)
            },
        )

    def write_documents(
        self,
        session: Session,
        documents: list[dict[str, Any]],
        agenda_items: dict[int, AgendaItem],
        meetings: dict[str, Meeting],
    ) -> dict[str, Document]:
        rows: list[Row] = [
            (
                ["session", "documents", index],
                {
                    "symbol": data["symbol"],
                    "session_id": session.pk,
                    "kind": data["kind"],
                    "title": data["title"],
                    "distribution": data.get("distribution", Document.Distribution.GENERAL),
                    "issued_on": _date(data.get("issued_on")),
                    "original_language": data.get("original_language", "en"),
                },
            )
            for index, data in enumerate(documents)
        ]
        existing = Document.objects.filter(symbol__in=[d["symbol"] for d in documents])
        written = self.sync(Document, existing, ["symbol"], rows)
        for field, wanted in (
            (
                AgendaItem._meta.get_field("documents"),
                lambda data: {agenda_items[n].pk for n in data.get("agenda_items", [])},
            ),
            (Meeting._meta.get_field("documents"), lambda data: {meetings[key].pk for key in data.get("meetings", [])}),
        ):
            links = {document: wanted(data) for document, data in zip(written, documents, strict=True)}
            self.set_links(field, links, reverse=True)  # type: ignore[arg-type]
        self.set_links(
            Document._meta.get_field("submitted_by"),
            {
                document: {self.entities[code].pk for code in data.get("submitted_by", [])}
                for document, data in zip(written, documents, strict=True)
            },
        )
        return {document.symbol: document for document in written}

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
        written = self.sync(Decision, session.decisions.all(), ["position"], rows)
        pairs = list(enumerate(zip(written, decisions, strict=True)))
        vote_rows: list[Row] = [
            (
                ["session", "decisions", index, "votes", vote_index],
                {"decision_id": decision.pk, "state_id": self.entities[vote["state"]].pk, "position": vote["position"]},
            )
            for index, (decision, data) in pairs
            for vote_index, vote in enumerate(data.get("votes", []))
        ]
        votes = StatePosition.objects.filter(decision__session=session)
        self.sync(StatePosition, votes, ["decision_id", "state_id"], vote_rows)
        paragraph_rows: list[Row] = [
            (
                ["session", "decisions", index, "paragraphs", position - 1],
                {
                    "decision_id": decision.pk,
                    "parent_id": None,
                    "position": position,
                    "kind": paragraph["kind"],
                    "text": paragraph["text"],
                },
            )
            for index, (decision, data) in pairs
            for position, paragraph in enumerate(data["paragraphs"], start=1)
        ]
        top = Paragraph.objects.filter(decision__session=session, parent__isnull=True)
        paragraphs = self.sync(Paragraph, top, ["decision_id", "position"], paragraph_rows)
        paragraphs_data = [(index, paragraph) for index, (_decision, data) in pairs for paragraph in data["paragraphs"]]
        sub_rows: list[Row] = [
            (
                ["session", "decisions", index, "paragraphs", paragraph.position - 1, "sub_items", letter - 1],
                {
                    "decision_id": paragraph.decision_id,
                    "parent_id": paragraph.pk,
                    "position": letter,
                    "kind": paragraph.kind,
                    "text": sub["text"],
                },
            )
            for paragraph, (index, paragraph_data) in zip(paragraphs, paragraphs_data, strict=True)
            for letter, sub in enumerate(paragraph_data.get("sub_items", []), start=1)
        ]
        subs = Paragraph.objects.filter(decision__session=session, parent__isnull=False)
        self.sync(Paragraph, subs, ["parent_id", "position"], sub_rows)

    def write_report(
        self,
        session: Session,
        data: dict[str, Any] | None,
        documents: dict[str, Document],
        agenda_items: dict[int, AgendaItem],
    ) -> None:
        current = Report.objects.filter(session=session).first()
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
        self.write_sections(report, data.get("summary", []), agenda_items)
        self.locked = None

    def write_sections(
        self, report: Report, sections: list[dict[str, Any]], agenda_items: dict[int, AgendaItem]
    ) -> None:
        """The report's sections, then their subsections, then the paragraphs of both."""
        path: list[str | int] = ["session", "report", "summary"]

        def section_row(place_: list[str | int], parent: ReportSection | None, position: int, section: dict) -> Row:
            return (
                place_,
                {
                    "report_id": report.pk,
                    "parent_id": parent.pk if parent else None,
                    "position": position,
                    "title": section["title"],
                    "numbered": section.get("numbered", True),
                    "agenda_item_id": agenda_items[section["agenda_item"]].pk if section.get("agenda_item") else None,
                },
            )

        tops = self.sync(
            ReportSection,
            ReportSection.objects.filter(report=report, parent__isnull=True),
            ["position"],
            [section_row([*path, n - 1], None, n, section) for n, section in enumerate(sections, start=1)],
        )
        placed = [([*path, n], section, data) for n, (section, data) in enumerate(zip(tops, sections, strict=True))]
        sub_data = [
            ([*place_, "subsections", n - 1], parent, n, sub)
            for place_, parent, data in placed
            for n, sub in enumerate(data.get("subsections", []), start=1)
        ]
        subs = self.sync(
            ReportSection,
            ReportSection.objects.filter(report=report, parent__isnull=False),
            ["parent_id", "position"],
            [section_row(*sub) for sub in sub_data],
        )
        placed += [(place_, sub, data) for (place_, _parent, _n, data), sub in zip(sub_data, subs, strict=True)]
        paragraph_rows: list[Row] = [
            ([*place_, "paragraphs", n - 1], {"section_id": section.pk, "position": n, "text": paragraph["text"]})
            for place_, section, data in placed
            for n, paragraph in enumerate(data.get("paragraphs", []), start=1)
        ]
        current = ReportParagraph.objects.filter(section__report=report)
        self.sync(ReportParagraph, current, ["section_id", "position"], paragraph_rows)

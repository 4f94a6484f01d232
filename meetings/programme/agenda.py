"""Preparing a session's agenda: the provisional agenda with its annotations and organization of work,
its symbol in the registry, and its adoption when the session opens.

Texts are saved as every shared text is (`committee.editing`): a stale save is refused, never lost.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.kernel.audit import audited
from committee.kernel.editing import EditError, renumber, save_text
from committee.kernel.multilingual import in_each_language
from committee.roles.access import Permission, can
from documents.registry.models import Document
from documents.registry.services import Series, allocate
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot, Meeting
from meetings.sessions.models import Session

# The items every session takes up, in the order UNCTAD's expert groups put them (UN-CONVENTIONS.md §6).
OPENING_ITEMS = [
    (AgendaItem.Purpose.ELECTION_OF_OFFICERS, gettext_lazy("Election of officers")),
    (AgendaItem.Purpose.ADOPTION_OF_AGENDA, gettext_lazy("Adoption of the agenda and organization of work")),
]
CLOSING_ITEMS = [
    (AgendaItem.Purpose.NEXT_SESSION_AGENDA, gettext_lazy("Provisional agenda of the next session")),
    (AgendaItem.Purpose.ADOPTION_OF_REPORT, gettext_lazy("Adoption of the report")),
]


class AgendaError(EditError):
    """A change the agenda's state does not allow; the message says why."""


def _require_manager(session: Session, by: User) -> None:
    if not can(by, Permission.MANAGE, session.committee):
        raise AgendaError(_("Only the secretariat prepares the agenda."))


@audited
def prepare_provisional_agenda(*, session: Session, by: User) -> Agenda:
    """Start the session's provisional agenda: the one approved for it at the previous session if there
    is one, else the procedural items every session takes up; and give it its symbol (/1)."""
    _require_manager(session, by)
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()
        if session.agendas.filter(kind=Agenda.Kind.PROVISIONAL).exists():
            raise AgendaError(_("The session already has a provisional agenda."))
        agenda = Agenda(session=session, kind=Agenda.Kind.PROVISIONAL)
        agenda.save()
        approved = (
            Agenda.objects.filter(
                session__committee=session.committee, session__number=session.number - 1, kind=Agenda.Kind.NEXT_SESSION
            )
            .prefetch_related("items__sub_items")
            .first()
        )
        if approved is not None:
            _copy_items(approved, agenda)
        else:
            for position, (purpose, title) in enumerate(OPENING_ITEMS + CLOSING_ITEMS, start=1):
                item = AgendaItem(agenda=agenda, position=position, purpose=purpose, title=in_each_language(title))
                item.save()
        if not session.documents.filter(kind=Document.Kind.PROVISIONAL_AGENDA).exists():
            allocate(
                session=session,
                series=Series.MAIN,
                kind=Document.Kind.PROVISIONAL_AGENDA,
                title=in_each_language(gettext_lazy("Provisional agenda and annotations")),
                by=by,
            )
    return agenda


@audited
def prepare_next_session_agenda(*, session: Session, by: User) -> Agenda:
    """Start the provisional agenda of the next session, from the items every session takes up, for this
    session to approve at its end (its symbol is the next session's to allocate)."""
    _require_manager(session, by)
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()
        if session.agendas.filter(kind=Agenda.Kind.NEXT_SESSION).exists():
            raise AgendaError(_("The next session's provisional agenda is already prepared."))
        agenda = Agenda.objects.create(session=session, kind=Agenda.Kind.NEXT_SESSION)
        for position, (purpose, title) in enumerate(OPENING_ITEMS + CLOSING_ITEMS, start=1):
            AgendaItem.objects.create(agenda=agenda, position=position, purpose=purpose, title=in_each_language(title))
    return agenda


def _meeting_or_day(session: Session, meeting: Meeting | None, on) -> None:
    if meeting is not None and meeting.session_id != session.pk:
        raise AgendaError(_("That meeting is not one of this session's."))
    if meeting is None and on is None:
        raise AgendaError(_("Say at which meeting, or on which day."))


@audited
def approve_next_session_agenda(*, session: Session, by: User, meeting: Meeting | None = None, on=None) -> Agenda:
    """Record that the session approved the provisional agenda of its next session, at `meeting` or on `on`."""
    _require_manager(session, by)
    _meeting_or_day(session, meeting, on)
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(session=session, kind=Agenda.Kind.NEXT_SESSION).first()
        if agenda is None:
            raise AgendaError(_("The next session's provisional agenda has not been prepared."))
        agenda.adopted_at = meeting
        agenda.adopted_on = on or (meeting.date if meeting else None)
        agenda.save()
    return agenda


@audited
def withdraw_approval_of_next_session_agenda(*, session: Session, by: User) -> None:
    """Undo a mistaken record: the report then says nothing of an approval."""
    _require_manager(session, by)
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().filter(session=session, kind=Agenda.Kind.NEXT_SESSION).first()
        if agenda is not None and agenda.approved:
            agenda.adopted_at, agenda.adopted_on = None, None
            agenda.save()


@audited
def adopt_agenda(
    *, session: Session, by: User, meeting: Meeting | None = None, on=None, as_amended: bool = False
) -> Agenda:
    """The session adopts its provisional agenda, as proposed or as orally amended (amend the adopted agenda
    afterwards to match): the adopted agenda is what the report reproduces, and the documents follow their
    items to it."""
    _require_manager(session, by)
    _meeting_or_day(session, meeting, on)
    with transaction.atomic():
        provisional = (
            Agenda.objects.select_for_update()
            .filter(session=session, kind=Agenda.Kind.PROVISIONAL)
            .prefetch_related("items__sub_items", "items__documents")
            .first()
        )
        if provisional is None:
            raise AgendaError(_("There is no provisional agenda to adopt."))
        if session.agendas.filter(kind=Agenda.Kind.ADOPTED).exists():
            raise AgendaError(_("The agenda has already been adopted."))
        adopted = Agenda(
            session=session,
            kind=Agenda.Kind.ADOPTED,
            adopted_at=meeting,
            adopted_on=on or (meeting.date if meeting else None),
            as_amended=as_amended,
        )
        adopted.save()
        for item, copy in _copy_items(provisional, adopted):
            for document in item.documents.all():
                document.agenda_items.add(copy)
    return adopted


def _copy_items(source: Agenda, target: Agenda) -> list[tuple[AgendaItem, AgendaItem]]:
    pairs = []
    for item in sorted((i for i in source.items.all() if i.parent_id is None), key=lambda i: i.position):
        copy = AgendaItem.objects.create(agenda=target, position=item.position, purpose=item.purpose, title=item.title)
        pairs.append((item, copy))
        for sub in sorted(item.sub_items.all(), key=lambda i: i.position):
            AgendaItem.objects.create(agenda=target, parent=copy, position=sub.position, title=sub.title)
    return pairs


@audited
def edit_item(
    *, item: AgendaItem, language: str, title: str, annotation: str | None, expected_revision: int, by: User
) -> AgendaItem:
    """Save an item's title (and, for a top-level item, its annotation) in one language, unless someone
    saved the item meanwhile."""
    _require_manager(item.agenda.session, by)
    with transaction.atomic():
        item = save_text(item, "title", language=language, text=title, expected_revision=expected_revision, by=by)
        if annotation is not None and item.parent_id is None:
            item = save_text(
                item, "annotation", language=language, text=annotation, expected_revision=item.revision, by=by
            )
    return item


@audited
def add_item(*, agenda: Agenda, after: AgendaItem | None, within: AgendaItem | None, by: User) -> AgendaItem:
    """An untitled item after `after`, or the last sub-item of `within`, or the last item."""
    _require_manager(agenda.session, by)
    parent = after.parent if after else within
    if parent is not None and parent.parent_id is not None:
        raise AgendaError(_("A sub-item cannot have sub-items of its own."))
    with transaction.atomic():
        siblings = list(agenda.items.select_for_update().filter(parent=parent).order_by("position"))
        index = next(i for i, s in enumerate(siblings) if s.pk == after.pk) + 1 if after else len(siblings)
        new = AgendaItem(agenda=agenda, parent=parent, position=0, title={})
        renumber([*siblings[:index], new, *siblings[index:]])
    return new


@audited
def move_item(*, item: AgendaItem, up: bool, by: User) -> None:
    _require_manager(item.agenda.session, by)
    with transaction.atomic():
        siblings = list(item.agenda.items.select_for_update().filter(parent=item.parent).order_by("position"))
        index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            renumber(siblings)


@audited
def remove_item(*, item: AgendaItem, by: User) -> None:
    """Remove an item (with its sub-items); the ones after it move up a number."""
    _require_manager(item.agenda.session, by)
    with transaction.atomic():
        parent, agenda = item.parent, item.agenda
        item.delete()
        renumber(list(agenda.items.select_for_update().filter(parent=parent).order_by("position")))


@audited
def save_half_day(*, agenda: Agenda, date, period: str, items: list[AgendaItem], note: dict, by: User):
    """Set what the proposed organization of work takes up on one half-day (created if new)."""
    _require_manager(agenda.session, by)
    if any(item.agenda_id != agenda.pk or item.parent_id is not None for item in items):
        raise AgendaError(_("A half-day takes up items of this agenda."))
    with transaction.atomic():
        slot = AgendaSlot.objects.select_for_update().filter(agenda=agenda, date=date, period=period).first()
        slot = slot or AgendaSlot(agenda=agenda, date=date, period=period)
        slot.note = note
        slot.save()
        slot.items.set(items)
    return slot


@audited
def remove_half_day(*, slot: AgendaSlot, by: User) -> None:
    _require_manager(slot.agenda.session, by)
    slot.delete()

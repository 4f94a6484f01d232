"""The agenda editor: the secretariat prepares a session's agenda, annotations and organization of work;
everyone who sees the session reads it and downloads the provisional agenda."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from committee.kernel.editing import EditConflict, EditError, carry_out, submitted_revision, text_language
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGE_CHOICES
from committee.roles.access import Permission, can
from documents.registry.models import Document
from meetings.programme.agenda import (
    add_item,
    adopt_agenda,
    edit_item,
    move_item,
    prepare_next_session_agenda,
    prepare_provisional_agenda,
    remove_half_day,
    remove_item,
    save_half_day,
)
from meetings.programme.forms import HalfDayForm
from meetings.programme.models import Agenda, AgendaItem, AgendaSlot
from meetings.sessions.access import get_session_for_user
from meetings.sessions.models import Session

ITEM_ACTIONS = [
    ("add", gettext_lazy("Add an item after")),
    ("subitem", gettext_lazy("Add a sub-item")),
    ("up", gettext_lazy("Move up")),
    ("down", gettext_lazy("Move down")),
    ("remove", gettext_lazy("Remove")),
]


def _back(session: Session, kind: str, language: str, anchor: str = "") -> HttpResponse:
    url = reverse("programme:agenda", kwargs={"code": session.code})
    return redirect(f"{url}?kind={kind}&lang={language}{anchor}")


def agenda_page(request: HttpRequest, code: str, conflict: EditConflict | None = None, mine: str = "") -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.VIEW)
    kind = request.GET.get("kind") or request.POST.get("kind") or Agenda.Kind.PROVISIONAL
    if kind not in Agenda.Kind.values:
        raise Http404
    language = text_language(request)
    manage = can(request.user, Permission.MANAGE, session.committee)
    readable = Document.objects.readable_by(request.user, session.committee).order_by("symbol")
    agenda = (
        Agenda.objects.filter(session=session, kind=kind)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.filter(parent__isnull=True).prefetch_related(
                    "sub_items", Prefetch("documents", queryset=readable.prefetch_related("submitted_by"))
                ),
                to_attr="top_items",
            ),
            Prefetch("slots", queryset=AgendaSlot.objects.prefetch_related("items")),
        )
        .first()
    )
    context = {
        "session": session,
        "kind": kind,
        "kinds": Agenda.Kind.choices,
        "agenda": agenda,
        "language": language,
        "languages": LANGUAGE_CHOICES,
        "can_edit": manage and agenda is not None,
        "can_manage": manage,
        "item_actions": ITEM_ACTIONS,
        "half_day": HalfDayForm(agenda=agenda) if manage and agenda else None,
        "meetings": session.meetings.all() if manage else [],
        "conflict": conflict,
        "mine": mine,
        "adopted": session.agendas.filter(kind=Agenda.Kind.ADOPTED).exists(),
    }
    return render(request, "programme/agenda_page.html", context, status=409 if conflict else 200)


@require_POST
@login_required
def agenda_action(request: AuthenticatedHttpRequest, code: str, action: str) -> HttpResponse:
    """Prepare the provisional agenda (or the next session's), or adopt it."""
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    try:
        if action == "prepare" and request.POST.get("kind") == Agenda.Kind.NEXT_SESSION:
            prepare_next_session_agenda(session=session, by=request.user)
            messages.success(
                request, _("The next session's provisional agenda is prepared, for the session to approve.")
            )
            return _back(session, Agenda.Kind.NEXT_SESSION, text_language(request))
        if action == "prepare":
            prepare_provisional_agenda(session=session, by=request.user)
            messages.success(request, _("The provisional agenda is prepared; its symbol is allocated."))
            return _back(session, Agenda.Kind.PROVISIONAL, text_language(request))
        if action == "adopt":
            chosen = request.POST.get("meeting")
            meeting = session.meetings.filter(pk=chosen).first() if chosen else None
            amended = request.POST.get("as_amended") == "on"
            try:  # a day, where no meeting is named (or none is planned yet)
                on = datetime.date.fromisoformat(request.POST["on"]) if request.POST.get("on") else None
            except ValueError:
                raise EditError(_("Give the day of the adoption as a date.")) from None
            adopt_agenda(session=session, by=request.user, meeting=meeting, on=on, as_amended=amended)
            if amended:
                messages.success(request, _("The agenda is adopted as orally amended: make the amendments here."))
            else:
                messages.success(request, _("The agenda is adopted as proposed."))
            return _back(session, Agenda.Kind.ADOPTED, text_language(request))
    except EditError as error:
        messages.error(request, str(error))
        return _back(session, Agenda.Kind.PROVISIONAL, text_language(request))
    raise Http404


def _item(request: HttpRequest, code: str, pk: int) -> AgendaItem:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    return get_object_or_404(
        AgendaItem.objects.select_related("agenda__session__committee"), pk=pk, agenda__session=session
    )


@require_POST
@login_required
def edit_item_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    item = _item(request, code, pk)
    language = text_language(request)
    revision = submitted_revision(request)
    try:
        edit_item(
            item=item,
            language=language,
            title=request.POST.get("title", ""),
            annotation=request.POST.get("annotation"),
            expected_revision=revision,
            by=request.user,
        )
        messages.success(request, _("The item is saved."))
    except EditConflict as conflict:
        return agenda_page(request, code, conflict=conflict, mine=request.POST.get("title", ""))
    except EditError as error:
        messages.error(request, str(error))
    return _back(item.agenda.session, item.agenda.kind, language, f"#item-{item.pk}")


@require_POST
@login_required
def item_structure_view(request: AuthenticatedHttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    item = _item(request, code, pk)
    operations = {
        "add": lambda: add_item(agenda=item.agenda, after=item, within=None, by=request.user),
        "subitem": lambda: add_item(agenda=item.agenda, after=None, within=item, by=request.user),
        "up": lambda: move_item(item=item, up=True, by=request.user),
        "down": lambda: move_item(item=item, up=False, by=request.user),
        "remove": lambda: remove_item(item=item, by=request.user),
    }
    carry_out(request, lambda: operations[action]())
    return _back(item.agenda.session, item.agenda.kind, text_language(request))


@require_POST
@login_required
def half_day_view(request: AuthenticatedHttpRequest, code: str, kind: str) -> HttpResponse:
    """Save a half-day of the proposed organization of work."""
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    agenda = get_object_or_404(Agenda, session=session, kind=kind)
    form = HalfDayForm(request.POST, agenda=agenda)
    language = text_language(request)
    if form.is_valid():
        slot = AgendaSlot.objects.filter(
            agenda=agenda, date=form.cleaned_data["date"], period=form.cleaned_data["period"]
        ).first()
        note = {**(slot.note if slot else {}), language: form.cleaned_data["note"]}
        carry_out(
            request,
            lambda: save_half_day(
                agenda=agenda,
                date=form.cleaned_data["date"],
                period=form.cleaned_data["period"],
                items=list(form.cleaned_data["items"]),
                note={code_: text for code_, text in note.items() if text},
                by=request.user,
            ),
        )
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return _back(session, kind, language, "#organization-of-work")


@require_POST
@login_required
def remove_half_day_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    slot = get_object_or_404(
        AgendaSlot.objects.select_related("agenda__session__committee"), pk=pk, agenda__session=session
    )
    remove_half_day(slot=slot, by=request.user)
    return _back(session, slot.agenda.kind, text_language(request), "#organization-of-work")

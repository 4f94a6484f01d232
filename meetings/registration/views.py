from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Entity
from committee.jobs.views import start_for_request
from committee.kernel.collation import collation_key
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.import_errors import ImportRejected
from committee.kernel.page_cache import cached_page
from committee.kernel.spreadsheets import table_download
from committee.roles.access import Permission, can, may_register_for, represented_entities
from meetings.programme.models import Meeting
from meetings.registration.attendance import attendance_by_category, pages_of_delegations
from meetings.registration.forms import (
    AttendanceForm,
    DelegateForm,
    DelegationForm,
    RegistrationsFileForm,
    ResolutionForm,
)
from meetings.registration.jobs import IMPORT_REGISTRATIONS
from meetings.registration.models import Delegate, Participation, PendingImport
from meetings.registration.registration_file import COLUMNS, EntitiesToResolve, read_registrations
from meetings.registration.services import (
    RegistrationError,
    mark_attendance,
    register_delegation,
    remove_delegate,
    save_delegate,
)
from meetings.sessions.access import get_session_for_user
from meetings.sessions.models import Session


@login_required
def registrations_download(request: AuthenticatedHttpRequest, code: str, kind: str) -> HttpResponse:
    """The session's registrations as a spreadsheet (CSV or Excel), one delegate a row in the columns a
    registrations file is imported from, so that a file downloaded, completed and imported again adds to them."""
    if kind not in ("csv", "xlsx"):
        raise Http404
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    language = (get_language() or "en")[:2]
    participations = session.participations.select_related("entity").prefetch_related("delegates")
    rows: list[list[object]] = []
    for participation in sorted(participations, key=lambda p: collation_key(p.entity.name_in(language))):
        delegation: list[object] = [participation.entity.name_in(language), participation.get_category_display()]
        delegates = list(participation.delegates.all())
        rows += [
            [
                *delegation,
                delegate.get_role_display(),
                delegate.get_courtesy_display(),
                delegate.name,
                delegate.title,
                delegate.function,
                delegate.organization,
                delegate.email,
                delegate.language,
            ]
            for delegate in delegates
        ] or [delegation]
    return table_download(list(COLUMNS), rows, kind=kind, name=f"{session.code}-registrations")


def _registration_url(session: Session, anchor: str = "") -> str:
    return reverse("registration:registration", kwargs={"code": session.code}) + anchor


def _registrable_entities(request: HttpRequest, session: Session) -> list[Entity]:
    """The entities whose delegation the person may register and that have none yet."""
    registered = session.participations.values_list("entity_id", flat=True)
    entities = Entity.objects.exclude(pk__in=registered)
    if not can(request.user, Permission.MANAGE, session.committee):
        if not session.committee.delegations_register_themselves:
            return []
        entities = entities.filter(pk__in=represented_entities(request.user, session.committee))
    return list(entities)


DELEGATES_PER_PAGE = 200  # about so many delegates, in whole delegations, on a page of the registrations


@login_required
@cached_page
def registration(request: AuthenticatedHttpRequest, code: str, refused: DelegationForm | None = None) -> HttpResponse:
    """The delegations registered for a session and their delegates; registration for those who may.

    `refused` is a delegation just submitted with errors: it is shown again as it was filled, with its errors.
    """
    session = get_session_for_user(request.user, code)
    manage = can(request.user, Permission.MANAGE, session.committee)
    participations = list(session.participations.select_related("entity").annotate(delegate_count=Count("delegates")))
    groups = attendance_by_category(
        participations,
        language=get_language() or "en",
        organizations_in_english_order=session.committee.organizations_in_english_order,
    )
    pages = Paginator(pages_of_delegations(groups, delegates=DELEGATES_PER_PAGE) or [[]], 1)
    page = pages.get_page(request.GET.get("page"))
    listed = page.object_list[0]
    shown = [participation for group in listed for participation in group.participations]
    prefetch_related_objects(shown, "delegates")
    for participation in shown:
        participation.registrable = may_register_for(  # for the template
            request.user, session.committee, participation.entity_id
        )
    entities = _registrable_entities(request, session)
    delegation_form = refused
    if delegation_form is None and entities:
        delegation_form = DelegationForm(entities=entities, choose_category=manage)
    context = {
        "session": session,
        "groups": listed,
        "page": page,
        "delegates": sum(p.delegate_count for p in participations),
        "can_manage": manage,
        "delegation_form": delegation_form,
        "meetings": session.meetings.annotate(present=Count("attendees")),
        "import_form": RegistrationsFileForm() if manage else None,
        "pending_imports": session.pending_imports.defer("content") if manage else [],  # the files can be large
    }
    return render(request, "registration/registration.html", context, status=400 if refused else 200)


@require_POST
@login_required
def add_delegation(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    session = get_session_for_user(request.user, code)
    committee = session.committee
    if not can(request.user, Permission.MANAGE, committee) and not (
        committee.delegations_register_themselves and represented_entities(request.user, committee)
    ):
        raise PermissionDenied
    entities = _registrable_entities(request, session)
    form = DelegationForm(
        request.POST, entities=entities, choose_category=can(request.user, Permission.MANAGE, committee)
    )
    if not form.is_valid():
        return registration(request, code, refused=form)
    try:
        participation = register_delegation(session=session, by=request.user, **form.cleaned_data)
    except RegistrationError as error:
        messages.error(request, str(error))
        return redirect(_registration_url(session))
    messages.success(request, _("%(entity)s is registered.") % {"entity": participation})
    return redirect("registration:delegation", code=session.code, pk=participation.pk)


def _delegation(request: HttpRequest, code: str, pk: int) -> tuple[Session, Participation]:
    """The session and delegation `pk` of it, for one who may register its delegates."""
    session = get_session_for_user(request.user, code)
    participation = get_object_or_404(Participation.objects.select_related("entity"), pk=pk, session=session)
    if not may_register_for(request.user, session.committee, participation.entity_id):
        raise PermissionDenied
    return session, participation


@login_required
def delegation(
    request: AuthenticatedHttpRequest, code: str, pk: int, refused: DelegateForm | None = None
) -> HttpResponse:
    """One delegation's delegates, each with its form, and a form to add one; `refused` comes back as filled."""
    session, participation = _delegation(request, code, pk)
    delegates = list(participation.delegates.all())
    for delegate in delegates:
        prefix = f"delegate-{delegate.pk}"
        delegate.form = (  # type: ignore[attr-defined]  # for the template
            refused if refused and refused.prefix == prefix else DelegateForm(instance=delegate, prefix=prefix)
        )
    new_prefix = f"new-{participation.pk}"
    context = {
        "session": session,
        "participation": participation,
        "delegates": delegates,
        "new_delegate": refused if refused and refused.prefix == new_prefix else DelegateForm(prefix=new_prefix),
    }
    return render(request, "registration/delegation.html", context, status=400 if refused else 200)


@require_POST
@login_required
def save_delegate_view(
    request: AuthenticatedHttpRequest, code: str, pk: int, delegate_pk: int | None = None
) -> HttpResponse:
    """Add a delegate to delegation `pk`, or change delegate `delegate_pk` of it."""
    session, participation = _delegation(request, code, pk)
    delegate = get_object_or_404(Delegate, pk=delegate_pk, participation=participation) if delegate_pk else None
    prefix = f"delegate-{delegate.pk}" if delegate else f"new-{participation.pk}"
    form = DelegateForm(request.POST, instance=delegate, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the form below."))
        return delegation(request, code, pk, refused=form)
    saved = save_delegate(participation=participation, delegate=delegate, values=form.cleaned_data, by=request.user)
    messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
    return redirect("registration:delegation", code=session.code, pk=participation.pk)


@require_POST
@login_required
def remove_delegate_view(request: AuthenticatedHttpRequest, code: str, pk: int, delegate_pk: int) -> HttpResponse:
    session, participation = _delegation(request, code, pk)
    delegate = get_object_or_404(Delegate, pk=delegate_pk, participation=participation)
    remove_delegate(delegate=delegate, by=request.user)
    messages.success(request, _("%(name)s is no longer registered.") % {"name": delegate.name})
    return redirect("registration:delegation", code=session.code, pk=participation.pk)


@login_required
def attendance(request: AuthenticatedHttpRequest, code: str, key: str) -> HttpResponse:
    """The attendance sheet of one meeting: the secretariat ticks who was there."""
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    meeting = get_object_or_404(Meeting, session=session, key=key)
    participations = list(session.participations.select_related("entity").prefetch_related("delegates"))
    form = AttendanceForm(request.POST or None, delegates=[d for p in participations for d in p.delegates.all()])
    if request.method == "POST" and form.is_valid():
        count = mark_attendance(meeting=meeting, present=set(form.cleaned_data["present"]), by=request.user)
        messages.success(
            request, _("Attendance at %(meeting)s saved: %(count)d present.") % {"meeting": meeting, "count": count}
        )
        return redirect(_registration_url(session, "#attendance"))
    groups = attendance_by_category(
        participations,
        language=get_language() or "en",
        organizations_in_english_order=session.committee.organizations_in_english_order,
    )
    present = set(meeting.attendees.values_list("pk", flat=True))
    return render(
        request,
        "registration/attendance.html",
        {"session": session, "meeting": meeting, "groups": groups, "present": present},
    )


@require_POST
@login_required
def import_registrations(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Import an uploaded file, by a job: it is imported if it is right, kept if only names match nothing."""
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    form = RegistrationsFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(map(str, form.errors["file"])))
        return redirect(_registration_url(session))
    upload = form.cleaned_data["file"]
    return start_for_request(
        request,
        IMPORT_REGISTRATIONS,
        title=_("Importing %(file)s into %(session)s") % {"file": upload.name, "session": session.code},
        arguments={"session": session.pk, "filename": upload.name},
        back_url=_registration_url(session, "#import"),
        upload=upload,
    )


@login_required
def resolve_import(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """The names of a kept file that match nothing: the secretariat says which entity each is, then a job imports
    it."""
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    pending = get_object_or_404(PendingImport, pk=pk, session=session)
    try:
        read_registrations(bytes(pending.content))
    except EntitiesToResolve as to_resolve:
        unmatched = to_resolve.unmatched
    except ImportRejected as rejected:  # the reference data changed since the upload
        context = {
            "filename": pending.filename,
            "problems": rejected.problems,
            "back_url": _registration_url(session, "#import"),
            "back_label": _("the registration of %(session)s") % {"session": session.code},
        }
        return render(request, "import_rejected.html", context, status=400)
    else:
        unmatched = {}
    form = ResolutionForm(request.POST or None, unmatched=unmatched, entities=list(Entity.objects.all()))
    if request.method == "POST" and form.is_valid():
        return start_for_request(
            request,
            IMPORT_REGISTRATIONS,
            title=_("Importing %(file)s into %(session)s") % {"file": pending.filename, "session": session.code},
            arguments={"session": session.pk, "pending": pending.pk, "resolutions": form.resolutions()},
            back_url=_registration_url(session, "#import"),
        )
    return render(request, "registration/resolve_import.html", {"session": session, "pending": pending, "form": form})


@require_POST
@login_required
def discard_import(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, code, need=Permission.MANAGE)
    get_object_or_404(PendingImport, pk=pk, session=session).delete()
    messages.success(request, _("The file was set aside; nothing was imported."))
    return redirect(_registration_url(session))

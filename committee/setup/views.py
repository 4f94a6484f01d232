"""The secretariat's set-up pages: a new body, a body's settings, its membership, the organizations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Entity, Membership
from committee.kernel.collation import collation_key
from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission, get_committee_for_user, managed_committees, serves_a_secretariat
from committee.setup.forms import CommitteeForm, MembershipForm, OrganizationForm
from committee.setup.services import (
    SetupError,
    change_committee,
    create_committee,
    remove_membership,
    save_membership,
    save_organization,
)


@login_required
def new_committee(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new body, at the top or (`?parent=CODE`) below one the person manages."""
    if not serves_a_secretariat(request.user):
        raise PermissionDenied
    parent = managed_committees(request.user).filter(code=request.GET.get("parent", "")).first()
    initial = {"parent": parent, "time_zone": parent.time_zone if parent else "UTC"}
    form = CommitteeForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid() and carry_out(
        request,
        lambda: create_committee(values=form.cleaned_data, by=request.user),
        done=_("The body is set up: invite its people, list its members and create its first session."),
        refusals=(SetupError,),
    ):
        return redirect("programme:committee", code=form.cleaned_data["code"])
    return render(
        request, "setup/committee_form.html", {"form": form, "parent": parent}, status=400 if form.errors else 200
    )


@login_required
def committee_settings(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE, related=("parent",))
    form = CommitteeForm(request.POST or None, instance=committee, user=request.user)
    if form.is_valid() and carry_out(
        request,
        lambda: change_committee(committee=committee, values=form.cleaned_data, by=request.user),
        done=_("The settings are saved."),
        refusals=(SetupError,),
    ):
        return redirect(committee)
    context = {"form": form, "committee": committee}
    return render(request, "setup/committee_form.html", context, status=400 if form.errors else 200)


@login_required
def membership(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The body's membership over time: who is a member, an associate or an observer, since and until when."""
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    memberships = committee.memberships.select_related("entity")
    context = {
        "committee": committee,
        "rows": [(m, MembershipForm(instance=m, prefix=f"m{m.pk}")) for m in memberships],
        "form": MembershipForm(prefix="new"),
    }
    return render(request, "setup/membership.html", context)


@require_POST
@login_required
def save_membership_view(request: AuthenticatedHttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    current = get_object_or_404(Membership, pk=pk, committee=committee) if pk else None
    form = MembershipForm(request.POST, instance=current, prefix=f"m{pk}" if pk else "new")
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    else:
        carry_out(
            request,
            lambda: save_membership(committee=committee, membership=current, values=form.cleaned_data, by=request.user),
            done=_("The membership of %(entity)s is saved.") % {"entity": form.cleaned_data["entity"]},
            refusals=(SetupError,),
        )
    return redirect("setup:membership", code=committee.code)


@require_POST
@login_required
def remove_membership_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    listed = get_object_or_404(Membership.objects.select_related("entity", "committee"), pk=pk, committee=committee)
    carry_out(
        request,
        lambda: remove_membership(membership=listed, by=request.user),
        done=_("%(entity)s is off the membership.") % {"entity": listed.entity},
        refusals=(SetupError,),
    )
    return redirect("setup:membership", code=committee.code)


def _organization_page(request: AuthenticatedHttpRequest, organization: Entity | None) -> HttpResponse:
    if not serves_a_secretariat(request.user):
        raise PermissionDenied
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if form.is_valid() and carry_out(
        request,
        lambda: save_organization(organization=organization, values=form.cleaned_data, by=request.user),
        done=_("%(code)s is saved.") % {"code": form.cleaned_data["code"]},
        refusals=(SetupError,),
    ):
        return redirect("setup:organizations")
    context = {
        "form": form,
        "organization": organization,
        "organizations": sorted(
            Entity.objects.filter(kind=Entity.Kind.ORGANIZATION) if organization is None else [],
            key=lambda listed: collation_key(str(listed)),
        ),
    }
    return render(request, "setup/organizations.html", context, status=400 if form.errors else 200)


@login_required
def organizations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The organizations known to every body (the secretariats, the intergovernmental and non-governmental ones)."""
    return _organization_page(request, None)


@login_required
def organization(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    return _organization_page(request, get_object_or_404(Entity, code=code, kind=Entity.Kind.ORGANIZATION))

from allauth.mfa.base import views as mfa_views
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.roles.access import Permission, get_committee_for_user
from committee.roles.forms import ApiTokenForm, InvitationForm, SetPasswordForm
from committee.roles.models import Invitation, Role
from committee.roles.services import (
    AccessError,
    InvitationError,
    accept_invitation,
    invite,
    open_invited_account,
    revoke_role,
    withdraw_invitation,
)
from committee.roles.tokens import TokenError, create_token, revoke_token


@require_http_methods(["POST"])
@login_required
def revoke_role_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    role = get_object_or_404(Role, pk=pk, committee=committee)
    carry_out(
        request,
        lambda: revoke_role(role=role, by=request.user),
        done=_("%(person)s no longer has this role.") % {"person": role.user.email},
        refusals=(AccessError,),
    )
    return redirect(committee)


@require_http_methods(["POST"])
@login_required
def withdraw_invitation_view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    invitation = get_object_or_404(Invitation, pk=pk, committee=committee)
    carry_out(
        request,
        lambda: withdraw_invitation(invitation=invitation),
        done=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        refusals=(AccessError,),
    )
    return redirect(committee)


@require_http_methods(["POST"])
@login_required
def invite_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = get_committee_for_user(request.user, code, need=Permission.MANAGE)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(committee)
    invite(
        committee=committee,
        by=request.user,
        accept_url=lambda invitation: request.build_absolute_uri(invitation.get_absolute_url()),
        **form.cleaned_data,
    )
    messages.success(request, _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]})
    return redirect(committee)


@require_http_methods(["GET", "POST"])
def accept_invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """Follow an invitation: sign in (or open an account, the link proving the address), then take the role."""
    invitation = get_object_or_404(Invitation.objects.select_related("committee"), token=token)
    if invitation.accepted_at is not None:
        return render(request, "roles/invitation.html", {"invitation": invitation, "used": True}, status=410)
    if request.user.is_authenticated:
        try:
            accept_invitation(invitation=invitation, user=request.user)
        except InvitationError as error:
            return render(request, "roles/invitation.html", {"invitation": invitation, "error": error}, status=403)
        messages.success(request, _("You have joined %(committee)s.") % {"committee": invitation.committee})
        return redirect(invitation.committee)
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        return redirect(f"{reverse('account_login')}?next={invitation.get_absolute_url()}")
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = open_invited_account(invitation=invitation, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. You have joined %(committee)s.") % {"committee": invitation.committee})
        return redirect(invitation.committee)
    return render(request, "roles/invitation.html", {"invitation": invitation, "form": form})


class SecurityView(mfa_views.IndexView):
    """The Security page (allauth's two-factor authentication), with the person's API tokens."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["api_tokens"] = self.request.user.api_tokens.all()
        context["token_form"] = ApiTokenForm()
        return context


security_page = SecurityView.as_view()  # allauth's view requires sign-in


@require_http_methods(["POST"])
@never_cache  # it holds the key
@login_required
def create_token_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new token, its key shown on this page once: it is not kept, and cannot be shown again."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("mfa_index")
    try:
        token, key = create_token(request.user, form.cleaned_data["name"])
    except TokenError as error:
        messages.error(request, str(error))
        return redirect("mfa_index")
    return render(request, "roles/token_created.html", {"token": token, "key": key})


@require_http_methods(["POST"])
@login_required
def revoke_token_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    carry_out(
        request,
        lambda: revoke_token(request.user, pk),
        done=_("The token is revoked: scripts that use it read nothing more."),
        refusals=(TokenError,),
    )
    return redirect("mfa_index")

"""Giving, taking away and inviting to roles."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.bodies.models import Committee, Entity
from committee.jobs.email import email_later
from committee.kernel.audit import audited
from committee.roles.models import Invitation, Role

PROJECT_PACKAGES = ("committee", "meetings", "decisions", "documents")


def _project_app_labels() -> list[str]:
    """Rapporteur's own apps (not Django's, nor accounts'): what the secretariat may change in the admin."""
    return [config.label for config in apps.get_app_configs() if config.name.split(".")[0] in PROJECT_PACKAGES]


def grant_secretariat_access(user: User, committee: Committee) -> None:
    """Make `user` the secretariat of `committee` and every body below it, with its administration screens."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=_project_app_labels()))
    Role.objects.update_or_create(
        user=user, committee=committee, kind=Role.Kind.SECRETARIAT, defaults={"includes_subcommittees": True}
    )


class InvitationError(Exception):
    """An invitation that cannot be used: already used, or meant for another address."""


@audited
def invite(
    *,
    committee: Committee,
    email: str,
    kind: str,
    by: User,
    accept_url: Callable[[Invitation], str],
    entity: Entity | None = None,
    includes_subcommittees: bool = False,
) -> Invitation:
    """Record an invitation and email its link (built by `accept_url`) once the record is committed."""
    invitation = Invitation.objects.create(
        committee=committee,
        email=email,
        kind=kind,
        entity=entity,
        includes_subcommittees=includes_subcommittees,
        invited_by=by,
    )
    committee_name = str(committee)
    subject = _("Invitation to %(committee)s") % {"committee": committee_name}
    body = render_to_string(
        "roles/invitation_email.txt",
        {"invitation": invitation, "committee": committee_name, "url": accept_url(invitation), "by": by},
    )
    email_later(subject=subject, body=body, to=[email])
    return invitation


def accept_invitation(*, invitation: Invitation, user: User) -> Role:
    """Give `user` the invited role. Runs under a row lock, so an invitation is used once."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None:
            raise InvitationError(_("This invitation has been withdrawn."))
        invitation = locked
        if invitation.accepted_at is not None:
            raise InvitationError(_("This invitation has already been used."))
        addresses = {address.email.casefold() for address in EmailAddress.objects.filter(user=user, verified=True)}
        if invitation.email.casefold() not in addresses:
            raise InvitationError(_("This invitation was sent to another email address."))
        role, _created = Role.objects.update_or_create(
            user=user,
            committee=invitation.committee,
            kind=invitation.kind,
            defaults={"entity": invitation.entity, "includes_subcommittees": invitation.includes_subcommittees},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return role


def open_invited_account(*, invitation: Invitation, password: str) -> User:
    """Create the account of a person who followed an invitation: the link proved the address."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=_free_username(invitation.email), email=invitation.email, password=password
        )
        EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
        accept_invitation(invitation=invitation, user=user)
    return user


def _free_username(email: str) -> str:
    base = email.split("@")[0][:140] or "user"
    taken = set(get_user_model().objects.filter(username__startswith=base).values_list("username", flat=True))
    return next(name for name in (base, *(f"{base}{n}" for n in range(2, 10_000))) if name not in taken)


class AccessError(Exception):
    """A change of access that would leave the committee unmanaged; the message says why."""


@audited
def revoke_role(*, role: Role, by: User) -> None:
    """Take a role away. The committee keeps a secretariat: neither one's own secretariat role nor its
    last one goes; a person left with no secretariat role anywhere loses the administration screens."""
    if role.user_id == by.pk and role.kind == Role.Kind.SECRETARIAT:
        raise AccessError(_("You cannot remove your own secretariat role."))
    with transaction.atomic():
        if role.kind == Role.Kind.SECRETARIAT:
            committees = [role.committee, *role.committee.ancestors()]
            managers = list(
                Role.objects.select_for_update().filter(kind=Role.Kind.SECRETARIAT, committee__in=committees)
            )
            remaining = [
                other
                for other in managers
                if other.pk != role.pk and (other.committee_id == role.committee_id or other.includes_subcommittees)
            ]
            if not remaining:
                raise AccessError(_("The committee's last secretariat role cannot be removed."))
        role.delete()
        user = role.user
        if role.kind == Role.Kind.SECRETARIAT and not user.committee_roles.filter(kind=Role.Kind.SECRETARIAT).exists():
            user.is_staff = False
            user.save(update_fields=["is_staff"])
            user.user_permissions.clear()


def withdraw_invitation(*, invitation: Invitation) -> None:
    """Cancel an invitation not yet used: its link stops working."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None:
            raise AccessError(_("This invitation has already been withdrawn."))
        invitation = locked
        if invitation.accepted_at is not None:
            raise AccessError(_("This invitation has already been used."))
        invitation.delete()

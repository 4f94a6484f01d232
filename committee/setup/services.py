"""Setting up in the app what a secretariat sets up once: bodies and sub-bodies with their settings, their
membership over time, and the organizations that take part."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committee.bodies.models import Committee, Entity, Membership
from committee.kernel.audit import audited
from committee.roles.access import Permission, can, holders, serves_a_secretariat
from committee.roles.models import Role


class SetupError(Exception):
    """A set-up the person's rights or the data do not allow; the message says why."""


def _valid(obj: Committee | Membership | Entity) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise SetupError(
            " ".join(message for messages in error.message_dict.values() for message in messages)
        ) from None


def _check_place(*, parent: Committee | None, by: User) -> None:
    """A body goes below one its creator manages, or at the top for whoever serves a secretariat."""
    if parent is None and not serves_a_secretariat(by):
        raise SetupError(_("Only the secretariat sets up bodies."))
    if parent is not None and not can(by, Permission.MANAGE, parent):
        raise SetupError(_("Only the parent body's secretariat sets up a body below it."))


@audited
def create_committee(*, values: dict, by: User) -> Committee:
    """Set up a body. Whoever creates it is its secretariat from then on (below a parent whose secretariat
    they are with its sub-bodies, they already are)."""
    parent = values.get("parent")
    _check_place(parent=parent, by=by)
    with transaction.atomic():
        if parent is not None:
            Committee.objects.select_for_update().filter(pk=parent.pk).first()
        committee = Committee(**values)
        _valid(committee)
        committee.save()
        if not by.is_superuser and not holders(Permission.MANAGE, committee).filter(pk=by.pk).exists():
            Role.objects.create(user=by, committee=committee, kind=Role.Kind.SECRETARIAT, includes_subcommittees=True)
    return committee


@audited
def change_committee(*, committee: Committee, values: dict, by: User) -> Committee:
    """Change a body's settings; its code stays (pages, calendars and files refer to it)."""
    if not can(by, Permission.MANAGE, committee):
        raise SetupError(_("Only the secretariat changes a body's settings."))
    if values.get("parent", committee.parent) != committee.parent:
        _check_place(parent=values["parent"], by=by)
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        for field, value in values.items():
            if field != "code":
                setattr(committee, field, value)
        _valid(committee)
        committee.save()
    return committee


@audited
def save_membership(
    *, committee: Committee, values: dict, by: User, membership: Membership | None = None
) -> Membership:
    """Add an entity to the body's membership, or change the status or dates of `membership`."""
    if not can(by, Permission.MANAGE, committee):
        raise SetupError(_("Only the secretariat changes the membership."))
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()  # one change of membership at a time
        if membership is None:
            if committee.memberships.filter(entity=values["entity"]).exists():
                raise SetupError(_("%(entity)s is already listed: change its dates instead.") % values)
            membership = Membership(committee=committee, entity=values["entity"])
        elif membership.committee_id != committee.pk:
            raise SetupError(_("This membership is another body's."))
        else:
            membership = Membership.objects.select_for_update().get(pk=membership.pk)
        for field in ("status", "since", "until"):
            setattr(membership, field, values[field])
        _valid(membership)
        membership.save()
    return membership


@audited
def remove_membership(*, membership: Membership, by: User) -> None:
    """Take an entity listed by mistake off the membership (one that left keeps its dates instead)."""
    if not can(by, Permission.MANAGE, membership.committee):
        raise SetupError(_("Only the secretariat changes the membership."))
    with transaction.atomic():
        Membership.objects.select_for_update().filter(pk=membership.pk).delete()


ORGANIZATION_FIELDS = ("name", "acronym", "name_gender", "organization_type")


@audited
def save_organization(*, values: dict, by: User, organization: Entity | None = None) -> Entity:
    """Add an organization that takes part in bodies' work, or change one; its code stays once given."""
    if not serves_a_secretariat(by):
        raise SetupError(_("Only the secretariat sets up organizations."))
    with transaction.atomic():
        if organization is None:
            organization = Entity(code=values["code"], kind=Entity.Kind.ORGANIZATION)
        elif organization.kind != Entity.Kind.ORGANIZATION:
            raise SetupError(_("States and territories come from the UN's terminology database, not from here."))
        else:
            organization = Entity.objects.select_for_update().get(pk=organization.pk)
        for field in ORGANIZATION_FIELDS:
            setattr(organization, field, values[field])
        if values.get("emblem_file"):
            organization.emblem = values["emblem_file"]
        elif values.get("remove_emblem"):
            organization.emblem = b""
        _valid(organization)
        organization.save()
    return organization

"""Who may do what: the one place that views, templates, downloads and websockets ask.

A person's roles hold on the committee they were given for and, where the secretariat said so,
on every body below it. Outsiders get 404 from the fetch-and-check helpers (a committee they
cannot see does not exist for them); insiders without the right get 403.
"""

from enum import Enum

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from committee.bodies.models import Committee
from committee.roles.models import Role

Kind = Role.Kind


class Permission(Enum):
    VIEW = "view"  # the committee, its sessions, agendas and documents of general distribution
    VIEW_LIMITED = "view_limited"  # documents of limited distribution (drafts)
    VIEW_RESTRICTED = "view_restricted"  # documents of restricted distribution
    COMMENT = "comment"  # on the draft report under review
    FINALIZE = "finalize"  # the report, after the session
    MANAGE = "manage"  # the committee's data, its drafts and its people
    RUN_MEETING = "run_meeting"  # the live meeting: the item taken up, the list of speakers, announcements


GRANTS: dict[Permission, frozenset[str]] = {
    Permission.VIEW: frozenset(Kind.values),
    Permission.VIEW_LIMITED: frozenset({Kind.SECRETARIAT, Kind.CHAIR, Kind.RAPPORTEUR, Kind.MEMBER}),
    Permission.VIEW_RESTRICTED: frozenset({Kind.SECRETARIAT, Kind.CHAIR, Kind.RAPPORTEUR}),
    Permission.COMMENT: frozenset({Kind.SECRETARIAT, Kind.CHAIR, Kind.RAPPORTEUR, Kind.MEMBER}),
    Permission.FINALIZE: frozenset({Kind.CHAIR, Kind.RAPPORTEUR}),
    Permission.MANAGE: frozenset({Kind.SECRETARIAT}),
    Permission.RUN_MEETING: frozenset({Kind.SECRETARIAT, Kind.CHAIR}),
}


def roles_on(user: User | AnonymousUser, committee: Committee) -> set[str]:
    """The kinds of role `user` holds on `committee`, directly or from a body above it."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Kind.values)
    return {role.kind for role in _roles_holding_on(user, committee)}


def _roles_holding_on(user: User, committee: Committee) -> list[Role]:
    held = _roles_by_committee(user)
    roles = list(held.get(committee.pk, []))
    parents = _parents(user)
    ancestor = parents.get(committee.pk)
    while ancestor is not None:
        roles += [role for role in held.get(ancestor, []) if role.includes_subcommittees]
        ancestor = parents.get(ancestor)
    return roles


def can(user: User | AnonymousUser, permission: Permission, committee: Committee) -> bool:
    if permission == Permission.VIEW and committee.is_public:
        return True
    return bool(roles_on(user, committee) & GRANTS[permission])


def holders(permission: Permission, committee: Committee) -> QuerySet[User]:
    """The people whose roles give them `permission` on `committee`, directly or from a body above it."""
    ancestors = [ancestor.pk for ancestor in committee.ancestors()]
    roles = Role.objects.filter(kind__in=GRANTS[permission]).filter(
        Q(committee=committee) | Q(committee__in=ancestors, includes_subcommittees=True)
    )
    return User.objects.filter(committee_roles__in=roles).distinct()


def may_register_for(user: User | AnonymousUser, committee: Committee, entity_id: int) -> bool:
    """Whether `user` may register delegates for the delegation of entity `entity_id` to `committee`'s sessions:
    the secretariat for any delegation; a member for the one it speaks for, where the committee allows it."""
    if can(user, Permission.MANAGE, committee):
        return True
    return committee.delegations_register_themselves and entity_id in represented_entities(user, committee)


def represented_entities(user: User | AnonymousUser, committee: Committee) -> set[int]:
    """The entities `user` is a member for on `committee` (their delegations)."""
    if not user.is_authenticated:
        return set()
    return {
        role.entity_id
        for role in _roles_holding_on(user, committee)
        if role.kind == Kind.MEMBER and role.entity_id is not None
    }


def holds_anywhere(user: User | AnonymousUser, kind: str) -> bool:
    """Whether `user` holds a role of `kind` on any committee."""
    return user.is_authenticated and any(
        role.kind == kind for roles in _roles_by_committee(user).values() for role in roles
    )


def committees_of(user: User | AnonymousUser) -> QuerySet[Committee]:
    """The committees `user` holds a role on, directly or from above."""
    if not user.is_authenticated:
        return Committee.objects.none()
    ids = [committee_id for committee_id in _parents(user) if roles_on(user, Committee(pk=committee_id))]
    return Committee.objects.filter(pk__in=ids)


def visible_committees(user: User | AnonymousUser) -> QuerySet[Committee]:
    """The public committees and those `user` holds a role on, directly or from above."""
    return Committee.objects.filter(Q(pk__in=committees_of(user).values("pk")) | Q(is_public=True))


def managed_committees(user: User | AnonymousUser) -> QuerySet[Committee]:
    """The committees `user` may manage: where they are the secretariat, directly or from above."""
    if not user.is_authenticated:
        return Committee.objects.none()
    ids = [pk for pk in _parents(user) if Kind.SECRETARIAT in roles_on(user, Committee(pk=pk))]
    return Committee.objects.filter(pk__in=ids)


def serves_a_secretariat(user: User | AnonymousUser) -> bool:
    """Whether `user` may set up what belongs to no one body (a body at the top of a hierarchy, an organization):
    whoever is the secretariat of any body."""
    return user.is_authenticated and (user.is_superuser or holds_anywhere(user, Kind.SECRETARIAT))


class SignInRequired(Exception):
    """What the visitor asks for may be theirs once signed in: the middleware sends them to sign in."""


def check(user: User | AnonymousUser, permission: Permission, committee: Committee) -> None:
    """404 for whom the committee is invisible, 403 for an insider without `permission`; a signed-out
    visitor without the right is asked to sign in."""
    if can(user, permission, committee):
        return
    if not user.is_authenticated:
        raise SignInRequired
    if not can(user, Permission.VIEW, committee):
        raise Http404
    raise PermissionDenied


def forget_roles(user: User | AnonymousUser) -> None:
    """Read the user's roles afresh on the next question: for a connection that lasts, where a role may go."""
    person = getattr(user, "_wrapped", user)  # the lazy user of a request or a websocket holds the real one
    for cached in ("_roles_by_committee", "_committee_parents"):
        getattr(person, "__dict__", {}).pop(cached, None)


def _roles_by_committee(user: User) -> dict[int, list[Role]]:
    """All of the user's roles, read once per request (cached on the user object)."""
    cached = getattr(user, "_roles_by_committee", None)
    if cached is None:
        cached = {}
        for role in Role.objects.filter(user=user):
            cached.setdefault(role.committee_id, []).append(role)
        user._roles_by_committee = cached  # type: ignore[attr-defined]  # a cache for the request, on the user
    return cached


def _parents(user: User) -> dict[int, int | None]:
    """Every committee's parent, by id: the hierarchy is small, read in one query per request."""
    cached = getattr(user, "_committee_parents", None)
    if cached is None:
        cached = user._committee_parents = dict(Committee.objects.values_list("pk", "parent_id"))  # type: ignore[attr-defined]  # as above
    return cached


def get_committee_for_user(
    user: User | AnonymousUser, code: str, *, need: Permission = Permission.VIEW, related: tuple[str, ...] = ()
) -> Committee:
    """The committee of `code`, if `user` may do `need` on it (`check`: 404 for what one may not see, 403 for
    what one sees but may not do, the sign-in page for a signed-out visitor): every view fetches it so."""
    committee = get_object_or_404(Committee.objects.select_related(*related), code=code)
    check(user, need, committee)
    return committee

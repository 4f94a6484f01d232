"""The attendance list: who took part in a session, by category, in the order UN reports list them."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from committee.kernel.collation import collation_key
from meetings.registration.models import Participation

CATEGORY_ORDER = list(Participation.Category.values)
# Listed together under one heading, then by category.
NGO_CATEGORIES = frozenset({Participation.Category.NGO_GENERAL, Participation.Category.NGO_SPECIAL})


class Attending(Protocol):
    """A participation, or what the documents are built from: its category and its name in each language."""

    @property
    def category(self) -> str: ...

    def name_in(self, language: str) -> str: ...


P = TypeVar("P", bound=Attending)


@dataclass(frozen=True)
class AttendanceGroup(Generic[P]):
    category: Participation.Category
    participations: list[P]


def attendance_by_category(
    participations: Iterable[P], *, language: str, organizations_in_english_order: bool = False
) -> list[AttendanceGroup[P]]:
    """Group participations by category (in the annex's order) and sort each group by name.

    Names sort in `language`'s collation, under the name each entity bore at the session.
    A body may keep organizations in the English order of their English names in every
    language, as UNCTAD's French reports do (UN-CONVENTIONS §8); States are always re-sorted.
    """
    by_category: dict[str, list[P]] = {}
    for participation in participations:
        by_category.setdefault(participation.category, []).append(participation)
    groups: list[AttendanceGroup[P]] = []
    for category in CATEGORY_ORDER:
        members = by_category.get(category)
        if not members:
            continue
        is_state = category in Participation.STATE_CATEGORIES
        sort_language = "en" if organizations_in_english_order and not is_state else language

        def sort_key(participation: P, lang: str = sort_language) -> tuple[int, ...]:
            return collation_key(participation.name_in(lang))

        members.sort(key=sort_key)
        groups.append(AttendanceGroup(Participation.Category(category), members))
    return groups


@dataclass(frozen=True)
class ListedGroup(Generic[P]):
    """A category's delegations on one page of the registrations, and how many the category has in all."""

    category: Participation.Category
    participations: list[P]
    total: int


def pages_of_delegations(groups: list[AttendanceGroup[P]], *, delegates: int) -> list[list[ListedGroup[P]]]:
    """The delegations, in the list's order, cut into pages of about `delegates` delegates each (a delegation is
    never cut; each carries its `delegate_count`): a page weighs the same whatever the size of the session."""
    pages: list[list[ListedGroup[P]]] = []
    page: list[ListedGroup[P]] = []
    weight = 0
    for group in groups:
        shown: list[P] = []
        for participation in group.participations:
            count = max(1, getattr(participation, "delegate_count", 1))  # annotated by the view
            if weight and weight + count > delegates:
                if shown:
                    page.append(ListedGroup(group.category, shown, len(group.participations)))
                pages.append(page)
                page, shown, weight = [], [], 0
            shown.append(participation)
            weight += count
        if shown:
            page.append(ListedGroup(group.category, shown, len(group.participations)))
    if page:
        pages.append(page)
    return pages

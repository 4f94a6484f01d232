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

"""The attendance list's order: categories as the annex lists them, names in each language's collation."""

import pytest

from committee.bodies.models import Entity
from meetings.registration.attendance import attendance_by_category
from meetings.registration.models import Participation

pytestmark = pytest.mark.django_db


def participation(code: str, category: str, **names: str) -> Participation:
    if names:
        entity = Entity(code=code, kind=Entity.Kind.ORGANIZATION, organization_type=category, name=names)
    else:
        entity = Entity.objects.get(code=code)
    return Participation(entity=entity, category=category)


def listed(groups) -> list[tuple[str, list[str]]]:
    return [(group.category.value, [p.entity.code for p in group.participations]) for group in groups]


def test_categories_follow_the_annex_and_names_the_language():
    participations = [
        participation("SOUTH", "igo", en="South Centre", fr="Centre Sud"),
        participation("EU", "igo", en="European Union", fr="Union européenne"),
        participation("PSE", "observer_state"),
        participation("EGY", "member_state"),
        participation("ECU", "member_state"),
        participation("VAT", "other_state"),
    ]

    french = attendance_by_category(participations, language="fr")
    english_order = attendance_by_category(participations, language="fr", organizations_in_english_order=True)

    assert listed(french) == [
        ("member_state", ["EGY", "ECU"]),  # Égypte, Équateur
        ("other_state", ["VAT"]),
        ("observer_state", ["PSE"]),
        ("igo", ["SOUTH", "EU"]),  # Centre Sud, Union européenne
    ]
    assert listed(english_order)[-1] == ("igo", ["EU", "SOUTH"])  # European Union, South Centre
    assert listed(attendance_by_category(participations, language="en"))[0] == ("member_state", ["ECU", "EGY"])

"""States come from the UNTERM names shipped in hdx-python-country, in the six UN languages."""

import pytest
from django.core.management import call_command

from committee.bodies.models import Entity

pytestmark = pytest.mark.django_db


def test_every_database_starts_with_the_un_states_in_six_languages():
    switzerland = Entity.objects.get(code="CHE")

    assert switzerland.kind == Entity.Kind.STATE
    assert (switzerland.iso2, switzerland.m49) == ("CH", 756)
    assert switzerland.name == {
        "en": "Switzerland",
        "fr": "Suisse",
        "es": "Suiza",
        "ru": "Швейцария",
        "zh": "瑞士",
        "ar": "سويسرا",
    }
    assert Entity.objects.get(code="BOL").name["fr"] == "Bolivie (État plurinational de)"
    assert Entity.objects.filter(kind=Entity.Kind.STATE).count() > 190


def test_the_command_restores_names_edited_by_hand(capsys):
    Entity.objects.filter(code="FRA").update(name={"en": "Frankreich"})

    call_command("load_countries")

    assert Entity.objects.get(code="FRA").name["en"] == "France"
    assert "0 countries created, 1 updated." in capsys.readouterr().out

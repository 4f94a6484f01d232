"""French wording that depends on the names a secretariat types: articles contracted with their preposition
(à + les = aux) and names whose grammatical gender nobody gave."""

import io
import json

import docx
import pytest

from documents.builders.session_report import build_session_report
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.reports.collect import collect_session_report_data
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db


def french_lines(data: dict) -> list[str]:
    session = import_session(read_session_file(json.dumps(data)))
    content = build_session_report(collect_session_report_data(session), language="fr")
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_a_venue_with_a_plural_name_is_held_aux_not_a_les():
    data = make_session_file()
    data["session"]["venue"] = {
        "en": "Salons of the City Hall",
        "fr": "les Salons de l'Hôtel de ville",
    }  # typed straight

    lines = french_lines(data)

    held = next(line for line in lines if line.startswith("Tenue"))
    assert held == "Tenue aux Salons de l’Hôtel de ville, à Genève, du 30 décembre 2024 au 2 janvier 2025"


def test_a_venue_with_a_masculine_name_is_held_au():
    data = make_session_file()
    data["session"]["venue"] = {"en": "Palais des Nations", "fr": "le Palais des Nations"}

    held = next(line for line in french_lines(data) if line.startswith("Tenue"))

    assert held.startswith("Tenue au Palais des Nations, à Genève, ")


@pytest.mark.parametrize(
    ("acronym", "gender", "phrase"),
    [
        ("OMC", None, "de l’OMC"),  # no gender needed before a vowel
        ("TS", None, "du TS"),  # no gender given: the masculine, never "de None" or "de TS"
        ("CNUCED", "f", "de la CNUCED"),
    ],
)
def test_the_secretariats_name_without_a_gender_still_takes_an_article(acronym, gender, phrase):
    data = make_session_file()
    secretariat = next(o for o in data["organizations"] if o["code"] == "SECR")
    secretariat["acronym"] = {"en": "TS", "fr": acronym}
    if gender:
        secretariat["name_gender"] = {"fr": gender}

    lines = french_lines(data)

    members = next(line for line in lines if "États membres" in line)
    assert members == f"1.\tDes représentants des États membres {phrase} ci-après ont participé à la session\u00a0:"
    assert "None" not in "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "report"),
    [
        ("Organe des essais", "Rapport de l’Organe des essais sur sa deuxième session"),
        ("Groupe d’experts des essais", "Rapport du Groupe d’experts des essais sur sa deuxième session"),
    ],
)
def test_a_body_whose_gender_is_missing_for_french_is_still_named_with_an_article(name, report):
    from committee.bodies.models import Committee

    data = make_session_file()
    session = import_session(read_session_file(json.dumps(data)))
    # A body kept from before genders were asked for: its French name, but a gender only for Spanish.
    Committee.objects.filter(code="GROUP").update(name={"en": "Testing body", "fr": name}, name_gender={"es": "m"})
    session.refresh_from_db()
    content = build_session_report(collect_session_report_data(session), language="fr")
    lines = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]

    assert report in lines
    assert "None" not in "\n".join(lines)

"""Participants from the secretariat's spreadsheet: every row or none, with per-row errors."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from committee.bodies.models import Entity
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.registration.models import Delegate, Participation
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db

SESSION = "TST/G/2"


@pytest.fixture
def session():
    return import_session(read_session_file(json.dumps(make_session_file(participants=[]))))


def run_import(tmp_path, content: str, *, encoding: str = "utf-8"):
    path = tmp_path / "participants.csv"
    path.write_bytes(content.encode(encoding))
    call_command("import_participants", SESSION, path)


def registered(session) -> dict[str, tuple[str, list[str]]]:
    return {
        p.entity.code: (p.category, [d.name for d in p.delegates.all()])
        for p in session.participations.select_related("entity").prefetch_related("delegates")
    }


GOOD = """Entity,Category,Courtesy,Name,Title,Function,Email
KEN,,Ms.,Wanjiru Example,H.E.,Ambassador,wanjiru@example.org
Kenya,,mr,Otieno Example,,Counsellor,
Côte d'Ivoire,member_state,,,,,
cote d’ivoire,,Ms,Awa Example,,First Secretary,
Suisse,"State member of the parent organization, not of the body",,,,,
NGO1,,,Friendly Person,,,
"""


def test_it_registers_delegations_and_delegates(session, tmp_path, capsys):
    run_import(tmp_path, GOOD)

    assert registered(session) == {
        "KEN": ("observer_state", ["Wanjiru Example", "Otieno Example"]),  # an observer of the body
        "CIV": ("member_state", ["Awa Example"]),
        "CHE": ("other_state", []),
        "NGO1": ("ngo_general", ["Friendly Person"]),
    }
    wanjiru = Delegate.objects.get(name="Wanjiru Example")
    assert (wanjiru.courtesy, wanjiru.title, wanjiru.function) == ("ms", "H.E.", "Ambassador")
    assert "4 delegations and 4 delegates added" in capsys.readouterr().out


def test_an_english_file_imports_whatever_language_the_importer_works_in(session, tmp_path):
    """Labels in any interface language are understood: "Ms." and "Mme" alike, from a French page or command."""
    with translation.override("fr"):
        run_import(tmp_path, GOOD.replace("KEN,,Ms.,", "KEN,,Mme,"))

    assert registered(session)["CIV"] == ("member_state", ["Awa Example"])
    assert Delegate.objects.get(name="Wanjiru Example").courtesy == "ms"
    assert Participation.objects.get(entity__code="CHE").category == "other_state"


def test_a_semicolon_separated_file_from_a_french_spreadsheet_is_read(session, tmp_path):
    run_import(tmp_path, "\ufeffentity;name;function\nFRA;Jean Essai;Conseiller\nAllemagne;Greta Beispiel;\n")

    assert registered(session) == {
        "FRA": ("member_state", ["Jean Essai"]),  # a member of the body
        "DEU": ("other_state", ["Greta Beispiel"]),  # not a member of it
    }


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("header_quoted", [False, True], ids=["plain-header", "quoted-header"])
def test_a_quote_doubled_inside_a_quoted_cell_as_spreadsheets_write_it_is_read(
    session, tmp_path, delimiter, header_quoted
):
    """Excel and LibreOffice write a quote inside a cell as two quotes in a quoted cell, whatever the delimiter."""
    header = delimiter.join(f'"{column}"' if header_quoted else column for column in ("entity", "name", "organization"))
    row = delimiter.join(["FRA", "Jean Essai", '"Ministry of ""Foreign"" Affairs"'])
    other = delimiter.join(["DEU", '"Greta ""the Second"" Beispiel"', f'"Auswärtiges Amt{delimiter} Berlin"'])
    run_import(tmp_path, f"{header}\r\n{row}\r\n{other}\r\n")

    assert Delegate.objects.get(name="Jean Essai").organization == 'Ministry of "Foreign" Affairs'
    assert Delegate.objects.get(participation__entity__code="DEU").name == 'Greta "the Second" Beispiel'
    assert Delegate.objects.get(participation__entity__code="DEU").organization == f"Auswärtiges Amt{delimiter} Berlin"


def test_a_registered_delegation_keeps_its_category_when_the_file_gives_none(session, tmp_path):
    run_import(tmp_path, "entity,category\nState of Palestine,observer_state\n")
    run_import(tmp_path, "entity,name\nÉtat de Palestine,Someone\n")

    assert registered(session) == {"PSE": ("observer_state", ["Someone"])}


def test_importing_the_same_file_twice_adds_nothing(session, tmp_path):
    content = "entity,name,function\nFRA,Jean Essai,Counsellor\n"
    run_import(tmp_path, content)
    run_import(tmp_path, content.replace("Counsellor", "Minister Counsellor"))

    assert Participation.objects.count() == 1
    assert list(Delegate.objects.values_list("name", "function")) == [("Jean Essai", "Minister Counsellor")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "entity,name\nFRA,Jean\nAtlantis,Someone\n",
            "row 3, column entity: Atlantis is not a known State or organization",
        ),
        ("entity,category,name\nFRA,ngo_general,Jean\n", "row 2, column category: ngo_general does not fit France"),
        ("entity,category\nNGO1,observer\n", "row 2, column category: observer is not one of member_state"),
        (
            "entity,name,email\nFRA,Jean,jean-at-example\n",
            "row 2, column email: jean-at-example is not an email address",
        ),
        ("entity,courtesy,name\nFRA,Dr,Jean\n", "row 2, column courtesy: Dr is not one of Mr., Ms."),
        ("entity,name,function\nFRA,,Counsellor\n", "row 2, column name: a delegate needs a name"),
        ("entity,name,age\nFRA,Jean,40\n", "row 1, column 3: unknown column age"),
        ("name\nJean\n", "row 1: the column entity is missing"),
        ("entity,name\nFRA,Jean,extra\n", "row 2: has 3 cells, more than the header's 2"),
        (
            "entity,category\nFRA,member_state\nFRA,observer_state\n",
            "row 3, column category: France is already listed above as member_state",
        ),
        ("entity,name\n", "the file: has no rows after the header"),
        ("", "the file: is empty"),
        ("entity,name\nFRA,Jean\x00\n", "row 2: contains a NUL character"),
        ('entity,name\nFRA,"' + "x" * 200_000 + '"\n', "row 2: cannot be read as CSV"),
    ],
)
def test_a_wrong_row_imports_nothing_and_names_the_row_and_column(session, tmp_path, capsys, content, expected):
    with pytest.raises(CommandError, match="nothing was changed"):
        run_import(tmp_path, content)

    assert expected in capsys.readouterr().err
    assert not Participation.objects.exists()
    assert not Delegate.objects.exists()


def test_a_name_that_could_be_two_entities_is_refused(session, tmp_path, capsys):
    Entity.objects.create(
        code="CI", kind="organization", organization_type="ngo_general", name={"en": "Consumers International"}
    )

    with pytest.raises(CommandError):
        run_import(tmp_path, "entity,name\nCI,Kouadio Yao\n")

    err = capsys.readouterr().err
    assert "row 2, column entity: CI could be " in err
    assert "Côte d'Ivoire (CIV)" in err
    assert "Consumers International (CI)" in err
    assert not Delegate.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(session, tmp_path, capsys):
    with pytest.raises(CommandError):
        run_import(tmp_path, "entity,name\nCôte d'Ivoire,Awa\n", encoding="latin-1")

    assert "is not UTF-8 text" in capsys.readouterr().err


def test_an_unknown_session_is_refused(tmp_path):
    with pytest.raises(CommandError, match="There is no session TST/G/9"):
        call_command("import_participants", "TST/G/9", tmp_path / "missing.csv")

"""Registrations from the systems secretariats use: their own spreadsheet as Excel, and Indico's registrant
export, from the command line and from the registration page; names that match nothing are resolved first."""

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from committee.bodies.models import Entity
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.registration.forms import ResolutionForm
from meetings.registration.models import Delegate, PendingImport
from tests.builders import make_session_file
from tests.jobs import followed

pytestmark = pytest.mark.django_db

SESSION = "TST/G/2"
# The columns of Indico's registrant export: ID and Name first, then the form's fields, then its own.
INDICO_HEADER = [
    "ID",
    "Name",
    "Title",
    "First Name",
    "Last Name",
    "Email",
    "Affiliation",
    "Position",
    "Country",
    "Dietary requirements",
    "Registration date",
    "Registration state",
]
INDICO_ROWS = [
    ["1", "Wanjiru Example", "Ms", "Wanjiru", "Example", "wanjiru@example.org", "Ministry of Trade", "Director", "KEN",
     "", "2026-11-02 10:00", "Completed"],
    ["2", "Hans Muster", "Dr", "Hans", "Muster", "hans@example.org", "Federal Ministry", "Economist", "Allemagne",
     "Vegetarian", "2026-11-03 09:00", "Completed"],
    ["3", "Left Behind", "Mr", "Left", "Behind", "left@example.org", "", "", "Kenya", "", "2026-11-03", "Withdrawn"],
    ["4", "Otieno Example", "Mr", "Otieno", "Example", "", "Ministry of Trade", "Counsellor", "Kenya", "", "",
     "Completed"],
]  # fmt: skip
UNKNOWN = ["5", "Nemo Nobody", "Mr", "Nemo", "Nobody", "", "", "", "Republic of Atlantis", "", "", "Completed"]


@pytest.fixture
def session():
    return import_session(read_session_file(json.dumps(make_session_file(participants=[]))))


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def as_xlsx(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def registered(session) -> dict[str, list[str]]:
    return {
        p.entity.code: [d.name for d in p.delegates.all()]
        for p in session.participations.select_related("entity").prefetch_related("delegates")
    }


def run_import(tmp_path, content: bytes, *args: str, name: str = "registrants.csv") -> None:
    path = tmp_path / name
    path.write_bytes(content)
    call_command("import_participants", SESSION, path, *args)


def test_the_secretariats_spreadsheet_is_read_from_excel(session, tmp_path, capsys):
    rows = [
        ["Delegation", "Role", "Courtesy", "First name", "Last name", "Function", "Ministry", "E-mail", "Language"],
        [
            "FRA",
            "Head of delegation",
            "Ms.",
            "Claire",
            "Exemple",
            "Ambassador",
            "Permanent Mission",
            "c@example.org",
            "fr",
        ],
        ["FRA", "adviser", "Mr.", "Jean", "Essai", "Counsellor", "", "", "French"],
        ["NGO1", "", "", "", "", "", "", "", ""],
    ]
    run_import(tmp_path, as_xlsx(rows), name="participants.xlsx")

    assert registered(session) == {"FRA": ["Claire Exemple", "Jean Essai"], "NGO1": []}
    claire = Delegate.objects.get(name="Claire Exemple")
    assert (claire.role, claire.courtesy, claire.organization) == ("head", "ms", "Permanent Mission")
    assert Delegate.objects.get(name="Jean Essai").role == "adviser"
    assert set(Delegate.objects.values_list("language", flat=True)) == {"fr"}
    assert "2 delegations and 2 delegates added" in capsys.readouterr().out


def test_a_wrong_row_in_a_workbook_is_named_by_its_row_and_column(session, tmp_path, capsys):
    rows = [["Entity", "Name", "Role"], ["FRA", "Claire Exemple", "head"], ["FRA", "Jean Essai", "chauffeur"]]
    with pytest.raises(CommandError, match="nothing was changed"):
        run_import(tmp_path, as_xlsx(rows), name="participants.xlsx")

    assert "row 3, column Role: chauffeur is not one of head, deputy, delegate, adviser" in capsys.readouterr().err
    assert registered(session) == {}


def test_a_damaged_workbook_is_refused(session, tmp_path, capsys):
    with pytest.raises(CommandError):
        run_import(tmp_path, b"PK\x03\x04 and then nothing", name="participants.xlsx")
    assert "is not an Excel workbook (.xlsx) that can be read" in capsys.readouterr().err


def with_xml_replaced(workbook: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with `old` replaced by `new` in its XML, as no spreadsheet program would write it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename).replace(old, new))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "registrants.csv",
            "Entity,Name\nFRA,Jean \ud800 Essai\n".encode("utf-8", "surrogatepass"),
            "the file: is not UTF-8 text (byte 21)",
        ),
        (
            "registrants.xlsx",
            with_xml_replaced(as_xlsx([["Entity", "Name"], ["FRA", "Jean HALF Essai"]]), b"HALF", b"&#xD800;"),
            "the file: is not an Excel workbook (.xlsx) that can be read",
        ),
    ],
    ids=["csv", "xlsx"],
)
def test_half_a_surrogate_pair_in_a_spreadsheet_is_refused_not_a_crash(
    session, tmp_path, capsys, name, content, message
):
    """Half of a UTF-16 surrogate pair is no character: neither UTF-8 nor XML can hold one, and the file is refused."""
    with pytest.raises(CommandError, match="nothing was changed"):
        run_import(tmp_path, content, name=name)

    assert message in capsys.readouterr().err
    assert registered(session) == {}


def test_indicos_export_becomes_delegations_and_delegates(session, tmp_path, capsys):
    run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS]))

    assert registered(session) == {"KEN": ["Wanjiru Example", "Otieno Example"], "DEU": ["Hans Muster"]}
    wanjiru = Delegate.objects.get(name="Wanjiru Example")
    assert (wanjiru.courtesy, wanjiru.function, wanjiru.organization, wanjiru.email) == (
        "ms",
        "Director",
        "Ministry of Trade",
        "wanjiru@example.org",
    )
    hans = Delegate.objects.get(name="Hans Muster")
    assert (hans.courtesy, hans.title) == ("", "Dr")  # matched by its French name, Allemagne
    out = capsys.readouterr().out
    assert "Left out: row 4 (Left Behind): registration withdrawn" in out

    run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS]))  # the same export again changes nothing
    assert Delegate.objects.count() == 3


def test_an_indico_export_with_an_unknown_country_changes_nothing_and_lists_the_row(session, tmp_path, capsys):
    with pytest.raises(CommandError, match="nothing was changed"):
        run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS, UNKNOWN]))

    assert "row 6, column Country: Republic of Atlantis is not a known State or organization" in capsys.readouterr().err
    assert registered(session) == {}

    run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS, UNKNOWN]), "--resolve", "Republic of Atlantis=FRA")
    assert registered(session)["FRA"] == ["Nemo Nobody"]


def test_an_indico_export_without_a_column_for_the_delegation_is_refused(session, tmp_path, capsys):
    header = [column for column in INDICO_HEADER if column != "Country"]
    with pytest.raises(CommandError):
        run_import(tmp_path, as_csv([header, ["1", "A Person", "Mr", "A", "Person", "", "", "", "", "", "Completed"]]))
    assert "no column names the State or organization" in capsys.readouterr().err


# On the registration page -----------------------------------------------------------------------------


def upload(client, content: bytes, name: str):
    return followed(
        client,
        client.post(
            reverse("registration:import_registrations", kwargs={"code": SESSION}),
            {"file": SimpleUploadedFile(name, content)},
        ),
    )


def test_the_secretariat_resolves_an_unknown_country_before_anything_is_imported(client, session, secretariat):
    client.force_login(secretariat)
    stranger = [*UNKNOWN[:8], "Terre inconnue", *UNKNOWN[9:]]
    stranger[0], stranger[1] = "6", "Ann Other"

    page = upload(client, as_xlsx([INDICO_HEADER, *INDICO_ROWS, UNKNOWN, stranger]), "registrants.xlsx")
    assert "names to resolve" in page.text
    assert "Republic of Atlantis" in page.text
    assert "Row 6" in page.text
    assert "Terre inconnue" in page.text
    assert registered(session) == {}  # nothing until every name is resolved
    pending = PendingImport.objects.get()

    answered = followed(
        client,
        client.post(
            reverse("registration:resolve_import", kwargs={"code": SESSION, "pk": pending.pk}),
            {
                ResolutionForm.field_name("Republic of Atlantis"): Entity.objects.get(code="FRA").pk,
                ResolutionForm.field_name("Terre inconnue"): "leave-out",
            },
        ),
    )
    assert "Imported: 3 delegations and 4 delegates added" in answered.text
    assert "Left out: row 7 (Ann Other): left out" in answered.text
    assert registered(session) == {
        "KEN": ["Wanjiru Example", "Otieno Example"],
        "DEU": ["Hans Muster"],
        "FRA": ["Nemo Nobody"],
    }
    assert not PendingImport.objects.exists()


def test_an_answer_for_another_name_imports_nothing(client, session, secretariat):
    client.force_login(secretariat)
    upload(client, as_csv([INDICO_HEADER, UNKNOWN]), "registrants.csv")
    pending = PendingImport.objects.get()

    page = client.post(
        reverse("registration:resolve_import", kwargs={"code": SESSION, "pk": pending.pk}),
        {ResolutionForm.field_name("Lemuria"): Entity.objects.get(code="FRA").pk},
    )
    assert "This field is required." in page.text
    assert registered(session) == {}
    assert PendingImport.objects.exists()


def test_a_file_set_aside_imports_nothing(client, session, secretariat):
    client.force_login(secretariat)
    upload(client, as_csv([INDICO_HEADER, UNKNOWN]), "registrants.csv")
    pending = PendingImport.objects.get()

    client.post(reverse("registration:discard_import", kwargs={"code": SESSION, "pk": pending.pk}))
    assert not PendingImport.objects.exists()
    assert registered(session) == {}


def test_a_wrong_file_is_refused_with_its_problems_and_nothing_is_imported(client, session, secretariat):
    client.force_login(secretariat)
    content = b"entity,name,email\nFRA,Jean,jean-at-example\nAtlantis,Someone,\n"

    page = upload(client, content, "participants.csv")
    assert "participants.csv was not imported. Nothing was changed: the file has 2 problems." in page.text
    assert "row 2, column email: jean-at-example is not an email address" in page.text
    assert "row 3, column entity: Atlantis is not a known State or organization" in page.text
    assert registered(session) == {}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("participants.xlsx", b"entity\nFRA\n", "participants.xlsx is not what its name says."),
        ("participants.pdf", b"%PDF-1.4", "participants.pdf: only .csv and .xlsx files are read."),
    ],
)
def test_an_upload_of_another_kind_is_refused(client, session, secretariat, name, content, message):
    client.force_login(secretariat)
    assert message in upload(client, content, name).text
    assert registered(session) == {}


def test_only_the_secretariat_imports(client, cast):
    client.force_login(cast["member"])
    response = client.post(
        reverse("registration:import_registrations", kwargs={"code": SESSION}),
        {"file": SimpleUploadedFile("x.csv", b"entity\nFRA\n")},
    )
    assert response.status_code == 403


# What a second import, or an odd file, must not do --------------------------------------------------------


def test_a_blank_cell_keeps_what_is_registered(session, tmp_path):
    run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS]))
    without_titles = [[c for i, c in enumerate(row) if i != 2] for row in [INDICO_HEADER, *INDICO_ROWS]]
    for row in without_titles[1:]:
        row[4] = ""  # no email this time
    run_import(tmp_path, as_csv(without_titles))

    wanjiru = Delegate.objects.get(name="Wanjiru Example")
    assert (wanjiru.courtesy, wanjiru.email) == ("ms", "wanjiru@example.org")


def test_a_french_export_leaves_withdrawn_registrations_out(session, tmp_path, capsys):
    rows = [[*row[:-1], "Retiré" if row[-1] == "Withdrawn" else "Complété"] for row in INDICO_ROWS]
    run_import(tmp_path, as_csv([INDICO_HEADER, *rows]))

    assert "Left Behind" not in Delegate.objects.values_list("name", flat=True)
    assert "registration retiré" in capsys.readouterr().out


def test_staff_of_an_organization_join_its_delegation_rather_than_their_countrys(session, tmp_path):
    staff = [
        "7",
        "Org Person",
        "Ms",
        "Org",
        "Person",
        "",
        "Friends of Testing",
        "Analyst",
        "Kenya",
        "",
        "",
        "Completed",
    ]
    run_import(tmp_path, as_csv([INDICO_HEADER, *INDICO_ROWS, staff]))

    assert registered(session)["NGO1"] == ["Org Person"]
    assert "Org Person" not in registered(session)["KEN"]


def test_blank_rows_do_not_count_towards_the_limit(session, tmp_path, settings):
    content = b"entity,name\n" + b",\n" * 20_001 + b"FRA,Jean Essai\n"
    run_import(tmp_path, content)
    assert registered(session) == {"FRA": ["Jean Essai"]}


def test_a_formula_without_its_value_is_refused_rather_than_read_as_blank(session, tmp_path, capsys):
    workbook = openpyxl.Workbook()
    workbook.active.append(["entity", "name"])
    workbook.active.append(["FRA", '="Jean"&" Essai"'])  # openpyxl writes formulas without their values
    out = io.BytesIO()
    workbook.save(out)

    with pytest.raises(CommandError):
        run_import(tmp_path, out.getvalue(), name="participants.xlsx")
    assert "row 2, column 2: is a formula whose value the file does not hold" in capsys.readouterr().err
    assert registered(session) == {}


def test_a_workbook_damaged_inside_a_sheet_is_refused(session, tmp_path, capsys):
    good = io.BytesIO(as_xlsx([["entity", "name"], ["FRA", 5]]))
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>5</v>", b"<v>not a number</v>")
            target.writestr(item, data)

    with pytest.raises(CommandError):
        run_import(tmp_path, damaged.getvalue(), name="participants.xlsx")
    assert "is not an Excel workbook (.xlsx) that can be read" in capsys.readouterr().err

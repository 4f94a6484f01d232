"""A strategy's monitoring as the secretariat keeps it: measures and members' statuses imported from its
spreadsheets (all or nothing), the matrix of measures by member, and its charts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from committee.bodies.models import Committee, Entity, Membership
from decisions.strategies.models import Measure, MemberStatus, Strategy
from tests.jobs import followed

pytestmark = pytest.mark.django_db

MEASURES = (
    "area,area_title_en,area_title_fr,measure,text_en,text_fr,indicator_en,unit,baseline,baseline_year,target\n"
    "1,Readiness,Préparation,1.1,Assess readiness,Évaluer la préparation,Assessments done,members,3,2021,10\n"
    "1,,,1.2,Adopt a strategy,Adopter une stratégie,,,,,\n"
    "2,Payments,Paiements,2.1,Allow mobile money,Autoriser la monnaie mobile,,,,,\n"
)
STATUSES = (
    "measure,member,status,as_of,note\n"
    "1.1,FJI,in_progress,2022-06-30,\n"
    "1.1,FJI,completed,2024-06-30,Assessment published\n"
    "1.2,Samoa,not started,2024-06-30,\n"
    "2.1,TON,Ongoing,2024-06-30,\n"
)


@pytest.fixture
def strategy(secretariat) -> Strategy:
    committee = Committee.objects.create(code="PAC", kind="committee", name={"en": "Pacific Committee"})
    for code in ("FJI", "WSM", "TON"):
        Membership.objects.create(committee=committee, entity=Entity.objects.get(code=code))
    from committee.roles.services import grant_secretariat_access

    grant_secretariat_access(secretariat, committee)
    return Strategy.objects.create(committee=committee, code="roadmap", title={"en": "Regional Roadmap"})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, kind: str, content: bytes, name: str = "file.csv"):
    """The page the secretariat lands on once the import has run: the strategy's, or the job's saying why not."""
    url = reverse("strategies:strategy_import", kwargs={"code": "PAC", "slug": "roadmap", "kind": kind})
    return followed(client, client.post(url, {"file": SimpleUploadedFile(name, content)}))


def test_the_secretariat_imports_measures_and_statuses_and_the_matrix_shows_them(strategy, secretariat):
    client = signed_in(secretariat)
    imported = upload(client, "measures", MEASURES.encode())
    assert "file.csv is imported: 3 new, 0 updated." in imported.text
    assert "file.csv is imported" in upload(client, "statuses", STATUSES.encode()).text

    page = client.get(reverse("strategies:strategy", kwargs={"code": "PAC", "slug": "roadmap"})).text
    assert "Assess readiness" in page
    assert "Indicator: Assessments done; baseline 3 (2021); target 10 members" in page
    fiji_cell = page[page.index("Assess readiness") :].split("</tr>")[0]
    assert "Completed" in fiji_cell  # the latest status, in words (and colour)
    assert "In progress" not in fiji_cell
    assert "Not reported" in fiji_cell  # Samoa and Tonga said nothing on 1.1
    assert 'class="badge' in fiji_cell
    fiji = client.get(reverse("strategies:member", kwargs={"code": "PAC", "slug": "roadmap", "member": "FJI"})).text
    history = fiji[fiji.index("Assess readiness") :].split("</tr>")[0]
    assert history.index("30 Jun 2022") < history.index("In progress") < history.index("30 Jun 2024")
    assert "Assessment published" in history  # its note
    outsider = reverse("strategies:member", kwargs={"code": "PAC", "slug": "roadmap", "member": "FRA"})
    assert client.get(outsider).status_code == 404  # not a member
    only_payments = client.get(
        reverse("strategies:strategy", kwargs={"code": "PAC", "slug": "roadmap"}), {"area": 2}
    ).text
    assert "Allow mobile money" in only_payments
    assert "Assess readiness" not in only_payments.split("Import from a spreadsheet")[0].split("<table")[1]


def test_an_import_with_any_problem_changes_nothing_and_names_each_row_and_column(strategy, secretariat):
    client = signed_in(secretariat)
    upload(client, "measures", MEASURES.encode())
    bad = (
        "measure,member,status,as_of,note\n"
        "1.1,FJI,completed,2024-06-30,\n"
        "9.9,FJI,completed,2024-06-30,\n"
        "1.2,FRA,completed,2024-06-30,\n"
        "1.2,Atlantis,completed,2024-06-30,\n"
        "2.1,TON,finished,30/06/2024,\n"
    )
    refused = upload(client, "statuses", bad.encode(), "statuses.csv")
    text = refused.text
    assert "statuses.csv was not imported" in text
    assert "row 3, column measure: 9.9 is not a measure of the strategy" in text
    assert "row 4, column member: France is not a member of Pacific Committee" in text
    assert "row 5, column member: Atlantis is not a known State or organization" in text
    assert "row 6, column status: finished is not a status" in text
    assert "row 6, column as_of: 30/06/2024 is not a date (YYYY-MM-DD)" in text
    assert not MemberStatus.objects.exists()  # not even row 2, which was right

    page = upload(client, "measures", b"PK\x03\x04 not a workbook", "measures.csv").text
    assert "measures.csv is not what its name says." in page
    refused = upload(client, "measures", b"area,measure,colour\n1,1.1,red\nx,1.3,blue\n")
    assert "row 1, column 3: unknown column colour" in refused.text
    refused = upload(client, "measures", b"area,measure,text_en\nx,1.3,Text\n1,1.1,\n")
    assert "row 2, column area: give the area&#x27;s number (1, 2, … up to 999)" in refused.text
    assert "row 3, column text_en: give the measure&#x27;s text in at least one language" in refused.text
    odd = "area,area_title_en,measure,text_en,indicator_en,baseline\n²,Odd,1.4,Text,,\n1,,1.5,Text,Share,1e12"
    refused = upload(client, "measures", odd.encode())
    assert "file.csv was not imported" in refused.text
    assert "row 2, column area: give the area" in refused.text
    assert "row 3, column baseline: 1e12 is not a number that can be kept" in refused.text
    assert Measure.objects.count() == 3


def test_half_a_surrogate_pair_in_a_strategy_file_is_refused_not_a_crash(strategy, secretariat):
    content = "area,measure,text_en\n1,1.1,Half \udc00 a pair\n".encode("utf-8", "surrogatepass")

    refused = upload(signed_in(secretariat), "measures", content, "measures.csv")

    assert "measures.csv was not imported" in refused.text
    assert "the file: is not UTF-8 text (byte 32)" in refused.text
    assert not Measure.objects.exists()


def test_an_excel_workbook_is_read_like_a_csv_file_and_a_second_import_updates(strategy, secretariat):
    client = signed_in(secretariat)
    upload(client, "measures", MEASURES.encode())
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Measure", "Member", "Status", "As of", "Note"])
    sheet.append(["1.1", "Fiji", "In progress", "2022-06-30", None])
    sheet.append([1.1, "FJ", "Completed", "2024-06-30", "Done"])
    sheet.append([1.1, "Tonga", "Ongoing", "2024-06-30", None])
    sheet.cell(row=4, column=1).number_format = "0.00"  # shows 1.10: another measure, which there is not
    content = io.BytesIO()
    workbook.save(content)
    refused = upload(client, "statuses", content.getvalue(), "statuses.xlsx")
    assert "row 4, column measure: 1.10 is not a measure of the strategy" in refused.text
    sheet.delete_rows(4)
    content = io.BytesIO()
    workbook.save(content)
    assert "statuses.xlsx is imported" in upload(client, "statuses", content.getvalue(), "statuses.xlsx").text
    assert MemberStatus.objects.filter(member__code="FJI").count() == 2
    changed = "area,measure,text_en\n1,1.2,Adopt and fund a strategy\n1,1.3,Review it\n"
    result = upload(client, "measures", changed.encode())
    assert "1 new, 1 updated" in result.text
    adopted = Measure.objects.get(number="1.2")
    assert adopted.text == {"en": "Adopt and fund a strategy", "fr": "Adopter une stratégie"}  # French kept
    assert list(Measure.objects.values_list("number", flat=True)) == ["1.1", "1.2", "1.3", "2.1"]  # in place
    assert MemberStatus.objects.count() == 2  # the statuses stay


def test_the_command_line_import_creates_the_strategy_with_its_first_file(strategy, tmp_path, capsys):
    measures, statuses = tmp_path / "measures.csv", tmp_path / "statuses.csv"
    measures.write_text(MEASURES, encoding="utf-8")
    statuses.write_text(STATUSES.replace("2.1,TON", "2.1,NZL"), encoding="utf-8")
    call_command("import_strategy", "PAC", "plan", measures=measures, title="A New Plan")
    assert Strategy.objects.get(code="plan").areas.count() == 2
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_strategy", "PAC", "plan", statuses=statuses)
    assert "row 5, column member: New Zealand is not a member of Pacific Committee" in capsys.readouterr().err
    with pytest.raises(CommandError, match="give --title"):
        call_command("import_strategy", "PAC", "other", measures=measures)
    assert not Strategy.objects.filter(code="other").exists()


def test_the_charts_show_status_by_area_and_by_member(strategy, secretariat):
    client = signed_in(secretariat)
    upload(client, "measures", MEASURES.encode())
    upload(client, "statuses", STATUSES.encode())
    page = client.get(reverse("strategies:strategy", kwargs={"code": "PAC", "slug": "roadmap"})).text
    assert "Status of the measures by area, all members (2 bars). In all: not started, 1; " in page
    for key in ("status-by-area", "implementation-by-member"):
        url = reverse("strategies:strategy_chart", kwargs={"code": "PAC", "slug": "roadmap", "key": key})
        assert f'src="{url}"' in page
        assert Image.open(io.BytesIO(client.get(url).content)).format == "PNG"


def test_the_matrix_takes_as_many_queries_for_ten_times_the_measures_and_members(strategy, secretariat):
    client = signed_in(secretariat)
    url = reverse("strategies:strategy", kwargs={"code": "PAC", "slug": "roadmap"})
    fiji = reverse("strategies:member", kwargs={"code": "PAC", "slug": "roadmap", "member": "FJI"})

    def grow(measures: int, members: list[str]) -> list[int]:
        rows = ["area,area_title_en,measure,text_en"] + [f"{1 + n % 3},Area,{n}.1,Measure {n}" for n in range(measures)]
        assert "file.csv is imported" in upload(client, "measures", "\n".join(rows).encode()).text
        for code in members:
            Membership.objects.get_or_create(committee=strategy.committee, entity=Entity.objects.get(code=code))
        statuses = ["measure,member,status,as_of"] + [
            f"{n}.1,{code},in_progress,2024-0{1 + n % 9}-01" for n in range(measures) for code in members
        ]
        assert "file.csv is imported" in upload(client, "statuses", "\n".join(statuses).encode()).text
        counts, pages = [], []
        for page in (url, fiji):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page)
            assert response.status_code == 200
            counts.append(len(queries))
            pages.append(response.text)
        matrix, history = (page.split("<tbody>")[1].split("</table>")[0] for page in pages)  # the tables' rows
        columns = Membership.objects.filter(committee=strategy.committee).count()
        assert pages[0].count('<th scope="col" class="text-nowrap">') == columns  # a column for each member
        assert all(f"Measure {n}<" in matrix for n in range(measures))  # a row for each measure
        assert matrix.count("status-in_progress") == measures * len(members)  # a cell for each status reported
        assert history.count("status-in_progress") == measures  # Fiji reported on every measure
        return counts

    small = grow(3, ["FJI", "WSM"])  # 3 measures, 2 of the 3 members reporting
    others = Entity.objects.filter(kind="state").exclude(code__in=["FJI", "WSM", "TON"]).order_by("code")
    codes = ["FJI", "WSM", *others.values_list("code", flat=True)[:18]]
    large = grow(30, codes)  # 30 measures, 20 of the 21 members reporting: ten times the measures and members
    # The matrix: the session, the user, their roles, their two-factor device, the committee, the committees'
    # tree, the strategy, its areas, measures, indicators, members, statuses, the unread notifications, the areas
    # of the filter (14). Fiji's page: the same first 7, then members, statuses, areas, measures, notifications (12).
    assert small == [14, 12]
    assert large == small


def test_the_demo_has_a_pacific_committee_whose_strategy_anyone_can_follow(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    committee = client.get("/committees/PECC/").text
    assert "Sub-committee on Policy and Regulation" in committee
    assert "Sub-committee on Statistics and Monitoring" in committee
    assert "Monitoring of the Pacific Regional E-commerce Strategy and Roadmap" in committee
    page = client.get(reverse("strategies:strategy", kwargs={"code": "PECC", "slug": "roadmap"}))
    assert page.status_code == 200  # signed out: the committee is public
    assert "Illustrative data" in page.text
    assert page.text.count('<th scope="col" class="text-nowrap">') == 18
    assert "Import from a spreadsheet" not in page.text
    assert Strategy.objects.get(code="roadmap").illustrative

"""The demo session: the session of the reference report, TD/B/EDE/1, loaded by `make demo`."""

import hashlib
import io
import json
import re
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from committee.kernel.import_errors import ImportRejected
from decisions.outcomes.models import Paragraph
from documents.exchange.management.commands.load_demo import (
    DEMO_EMAIL,
    DEMO_FILE,
    DEMO_PASSWORD,
    NEXT_SESSION_FILE,
    PACIFIC_SESSION_FILE,
)
from documents.exchange.session_file.load import import_session
from documents.reports.models import Report, ReportParagraph
from documents.translations.models import TranslationRound
from meetings.programme.models import Agenda
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session

pytestmark = pytest.mark.django_db

# The shared material stands beside the project (../shared), in CI as on a developer's machine.
REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "unctad-ige-ecommerce-1st-session-report.fr.txt"
# The reference's attendance paragraphs, by their opening words, and the categories they stand for.
REFERENCE_CATEGORIES = {
    "1.": {"member_state"},
    "2.": {"other_state"},
    "3.": {"observer_state"},
    "4.": {"igo"},
    "5.": {"un_body"},
    "6.": {"specialized_agency"},
    "7.": {"ngo_general", "ngo_special"},
}


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests (it takes seconds: its reports are issued in six languages,
    as PDF too), in a transaction rolled back after them; each test's own changes roll back with the test."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo) -> Session:
    return Session.objects.get(code="TD/B/EDE/1")


def reference_participants() -> dict[str, set[str]]:
    """Names listed in the reference's annex II, by the number of their attendance paragraph."""
    annex = REFERENCE.read_text(encoding="utf-8").split("Participation*", 1)[1]
    names: dict[str, set[str]] = {}
    current = None
    for line in annex.splitlines():
        line = line.strip()
        match = re.match(r"^([1-7]\.) Des représentants", line)
        if match:
            current = match.group(1)
            names[current] = set()
        elif current and line and not line.startswith("*") and not line.startswith("Catégorie"):
            names[current].update(part.strip() for part in line.split("\t") if part.strip())
    return names


def test_it_loads_the_session_and_prints_a_login(client, capsys, settings):
    settings.MFA_REQUIRED_FOR_SECRETARIAT = False  # as in development, where the demo runs
    call_command("load_demo")

    out = capsys.readouterr().out
    assert "Demo sessions TD/B/EDE/1 and TD/B/EDE/2 loaded, 6 follow-up actions." in out
    assert f"Secretariat login: {DEMO_EMAIL} / {DEMO_PASSWORD}" in out
    signed_in = client.post(reverse("account_login"), {"login": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/admin/meetings_sessions/session/").status_code == 200
    assert client.get(reverse("programme:session", kwargs={"code": "TD/B/EDE/1"})).status_code == 200


def test_it_refuses_outside_development(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with development settings"):
        call_command("load_demo")

    assert not Session.objects.exists()


def test_loading_it_again_changes_nothing(demo):
    history = Paragraph.history.count() + ReportParagraph.history.count() + Participation.history.count()

    call_command("load_demo")

    assert Paragraph.history.count() + ReportParagraph.history.count() + Participation.history.count() == history


@pytest.mark.parametrize(
    ("code", "demo_file"),
    [("TD/B/EDE/1", DEMO_FILE), ("TD/B/EDE/2", NEXT_SESSION_FILE), ("PECC/3", PACIFIC_SESSION_FILE)],
)
def test_the_demo_files_are_what_exporting_the_demo_gives(demo, tmp_path, code, demo_file):
    exported = tmp_path / "exported.json"

    call_command("export_session", code, output=exported)

    assert exported.read_bytes() == demo_file.read_bytes()


def test_every_demo_delegate_is_marked_as_invented(demo):
    delegates = Delegate.objects.filter(participation__session__committee=demo.committee)
    assert delegates.count() > 2 * demo.participations.count()
    assert not delegates.filter(illustrative=False).exists()
    assert all(p.delegates.exists() for p in demo.participations.all())


def test_the_second_session_has_its_annotated_provisional_agenda_and_timetable(demo):
    agenda = Agenda.objects.get(session__code="TD/B/EDE/2", kind="provisional")
    items = list(agenda.items.filter(parent__isnull=True))
    assert [item.title["en"] for item in items] == [
        item.title["en"] for item in demo.agendas.get(kind="next_session").items.filter(parent__isnull=True)
    ]  # the agenda the first session approved for the second
    assert all(item.annotation.get("en") and item.annotation.get("fr") for item in items)
    assert agenda.slots.count() == 6


def test_every_participant_of_the_reference_is_there_in_its_category_under_its_2017_name(demo):
    by_category: dict[str, set[str]] = {}
    for participation in demo.participations.select_related("entity"):
        by_category.setdefault(participation.category, set()).add(participation.name_in("fr"))

    for paragraph, names in reference_participants().items():
        demo_names = set().union(*(by_category.get(c, set()) for c in REFERENCE_CATEGORIES[paragraph]))
        assert demo_names == names, paragraph
    assert len(by_category["member_state"]) == 67


def test_it_has_the_bureau_agendas_recommendations_and_chairs_summary_of_the_reference(demo):
    assert [(b.role, b.name, b.state.code) for b in demo.bureau.select_related("state")] == [
        ("chair", "M. Shameem Ahsan", "BGD"),
        ("vice_chair_rapporteur", "Nagwa El Shenawy", "EGY"),
        ("vice_chair_rapporteur", "Taavo Lumiste", "EST"),
    ]
    assert demo.agendas.get(kind="adopted").items.count() == 5
    assert demo.agendas.get(kind="next_session").items.count() == 6
    assert demo.documents.get(symbol="TD/B/EDE/1/1").kind == "provisional_agenda"
    recommendations = demo.decisions.get()
    operative = recommendations.paragraphs.filter(kind="operative", parent__isnull=True)
    assert operative.count() == 16
    for paragraph in operative:
        for language in ("en", "fr"):
            assert re.search(r"\*[^*]+\*", paragraph.text[language]), (paragraph.position, language)
    assert operative.last().sub_items.count() == 4
    summary = ReportParagraph.objects.filter(section__report__session=demo)
    assert summary.count() == 44
    assert all(set(p.text) >= {"en", "fr"} for p in summary)


def test_its_first_report_stands_issued_and_anyone_reads_it(demo, client):
    """The README promises public committees' documents of general distribution to everyone, signed out."""
    report = Report.objects.get(session=demo)
    archived = report.archive.get(language="en", format="docx")

    download = client.get(reverse("registry:document_file", kwargs={"symbol": "TD/B/EDE/1/3", "language": "en"}))

    assert report.status == Report.Status.ISSUED
    assert download.status_code == 200
    content = download.content
    assert hashlib.sha256(content).hexdigest() == archived.sha256  # the archived report, not one written anew
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)
    assert "Report of the Intergovernmental Group of Experts on E-commerce and the Digital Economy" in text
    moves = [(row.status, row.history_user.email) for row in report.history.exclude(history_user=None)]
    assert sorted(moves) == [("finalized", "rapporteur@example.org"), ("issued", DEMO_EMAIL)]


def test_an_import_cannot_rewrite_a_finalized_report(demo):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    data["session"]["report"]["summary"][0]["paragraphs"][0]["text"]["en"] = "A sentence no one wrote."
    before = ReportParagraph.history.count()

    with pytest.raises(ImportRejected) as rejected:
        import_session(data)

    assert "session.report.summary[0].paragraphs[0]" in str(rejected.value)
    assert "finalized" in str(rejected.value)
    assert ReportParagraph.history.count() == before
    import_session(DEMO_FILE.read_text(encoding="utf-8"))  # the file as it was archived changes nothing
    assert ReportParagraph.history.count() == before


def test_two_kinds_of_report_side_by_side_the_pacific_one_as_an_outcomes_document(demo, client, tmp_path):
    """The demo's second body reports under another scheme: the regional committee's outcomes document, with who
    acts by when, its masthead its organization's alone; both issued, as Word and as PDF, to anyone signed out."""
    from tests.documents.reports.test_pdf import pdf_pages

    expert_group = client.get(reverse("registry:document_file", kwargs={"symbol": "TD/B/EDE/1/3", "language": "en"}))
    outcomes = client.get(reverse("registry:document_file", kwargs={"symbol": "PECC/3/2", "language": "en"}))
    pdf = client.get(reverse("registry:document_file", kwargs={"symbol": "PECC/3/2", "language": "fr"}) + "?format=pdf")

    group_text = [p.text for p in docx.Document(io.BytesIO(expert_group.content)).paragraphs]
    pacific = docx.Document(io.BytesIO(outcomes.content))
    pacific_text = [p.text for p in pacific.paragraphs]
    assert "II.\tChair’s summary" in group_text
    assert "Outcomes of the third meeting of the Pacific E-commerce Committee" in pacific_text
    assert [p.text for p in pacific.paragraphs if p.style.name == "Heading 1"] == [
        "I.\tDecisions and actions",
        "II.\tNext meeting",
        "Annex\nAttendance*",
    ]
    assert "Responsible: Vanuatu; timeline: by the next session." in pacific_text
    assert (  # the Committee's members (not the secretariat's), at a meeting (not a session)
        "1.\tRepresentatives of the following States members of the Committee attended the meeting:" in pacific_text
    )
    assert pacific.tables[0].rows[0].cells[0].text == "Pacific Islands Forum Secretariat"  # not "United Nations"
    assert "Held at the Pacific Islands Forum Secretariat, Suva, on 14 and 15 May 2024" in pacific_text
    first_page = " ".join(pdf_pages(pdf.content, tmp_path, "demo-pecc")[0].split())
    assert "Résultats de la troisième réunion du Comité du commerce électronique du Pacifique" in first_page
    assert "les 14 et 15 mai 2024" in first_page
    assert Report.objects.get(session__code="PECC/3").status == Report.Status.ISSUED


def test_the_demo_marks_its_translations_as_written_for_it(demo):
    rounds = {r.language: r.note for r in TranslationRound.objects.filter(document__symbol="TD/B/EDE/1/3")}
    assert set(rounds) == {"fr", "es", "ru", "zh", "ar"}
    assert rounds["ar"] == "Written for the demo, not the translation the United Nations issued."
    agenda = {r.language for r in TranslationRound.objects.filter(document__symbol="TD/B/EDE/2/1")}
    assert agenda == {"fr", "es", "ru", "zh", "ar"}


@pytest.mark.parametrize(
    ("language", "distribution", "agenda", "participants", "note", "chapter"),
    [
        ("es", "Distr. general", "Programa provisional", "Lista de participantes", "Nota de la secretaría", "I."),
        ("ru", "Distr.: General", "Предварительная повестка дня", "Список участников", "Записка секретариата", "I."),
        ("zh", "Distr.: General", "临时议程", "与会者名单", "秘书处的说明", "一."),
        ("ar", "Distr.: General", "جدول الأعمال المؤقت", "قائمة المشاركين", "مذكرة من الأمانة", "أولا -"),
    ],
)
def test_every_kind_of_document_of_the_demo_is_issued_in_the_language(
    demo, tmp_path, language, distribution, agenda, participants, note, chapter
):
    """The provisional agenda, the list of participants and the progress report, as `make demo` offers them in each
    language: read back, each has its masthead as the UN issues it in that language and its own wording."""
    expected = {"TD/B/EDE/2/1": agenda, "TD/B/EDE/1/INF.1": participants, "TD/B/EDE/2/3": note}
    for symbol, wording in expected.items():
        output = tmp_path / f"{symbol.replace('/', '-')}.{language}.docx"
        call_command("build_document", symbol, lang=language, output=output, stdout=io.StringIO())
        document = docx.Document(str(output))
        masthead = [cell.text for row in document.tables[0].rows for cell in row.cells]
        assert masthead[1] == symbol
        assert masthead[3].startswith(distribution), symbol
        text = "\n".join(p.text for p in document.paragraphs)
        assert wording in text, symbol
        if symbol != "TD/B/EDE/1/INF.1":  # the list of participants has categories, not chapters
            headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
            assert headings[0].startswith(chapter + "\t"), (symbol, headings[0])

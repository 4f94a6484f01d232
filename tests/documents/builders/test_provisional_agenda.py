"""The provisional agenda and annotations, written from the agenda's data as a UN document."""

import io
import json

import docx
import pytest

from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.generated import build_document
from documents.registry.models import Document
from tests.builders import make_session_file
from tests.office import convert_to_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_document():
    """A session before it opens: its provisional agenda annotated, with a document for item 2."""
    data = make_session_file()
    data["session"]["agendas"] = [a for a in data["session"]["agendas"] if a["kind"] != "adopted"]
    data["session"]["documents"][0]["agenda_items"] = [2]
    import_session(read_session_file(json.dumps(data)))
    return Document.objects.get(symbol="TST/G/2/1")


def read_back(content: bytes) -> tuple[list[str], list[list[str]], docx.document.Document]:
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[cell.text for cell in row.cells] for table in document.tables[1:] for row in table.rows]
    return paragraphs, tables, document


def test_the_english_agenda_has_its_items_annotations_and_timetable(agenda_document):
    paragraphs, timetable, document = read_back(build_document(agenda_document, "en"))

    assert "TST/G/2/1" in document.tables[0].rows[0].cells[1].text
    agenda = paragraphs[
        paragraphs.index("I.\tProvisional agenda") + 1 : paragraphs.index("II.\tAnnotations to the provisional agenda")
    ]
    assert agenda == [
        "1.\tElection of officers.",
        "2.\tAdoption of the agenda.",
        "3.\tTesting.",
        "(a)\tUnit tests.",
        "(b)\tBrowser tests.",
    ]
    annotations = paragraphs[paragraphs.index("II.\tAnnotations to the provisional agenda") + 1 :]
    assert annotations[:8] == [
        "1.\tElection of officers",
        "1.\tThe Group will elect a Chair.",
        "2.\tAdoption of the agenda",
        "Documentation",
        "TST/G/2/1\tProvisional agenda",
        "3.\tTesting",
        "2.\tThe Group tests.",
        "3.\tSee Testing Today.",
    ]
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert "Testing Today" in italic
    assert "Annex I\nProposed organization of work" in paragraphs
    assert timetable == [
        ["", "Morning", "Afternoon"],
        [
            "Monday, 30 December 2024",
            "Opening plenary\nItem 1: Election of officers\nItem 2: Adoption of the agenda",
            "Item 3: Testing",
        ],
    ]


def test_the_french_agenda_speaks_french_and_marks_what_is_not_translated(agenda_document):
    paragraphs, timetable, _document = read_back(build_document(agenda_document, "fr"))

    assert "Ordre du jour provisoire et annotations" in paragraphs
    assert "1.\tÉlection du Bureau." in paragraphs
    assert "a)\t[Pas encore disponible dans cette langue.]" in paragraphs  # never English text in a French agenda
    assert timetable[1][0] == "lundi 30 décembre 2024"
    assert "Point 3\u00a0: Essais" in timetable[1][2]


def test_the_agenda_is_listed_downloaded_and_converted(agenda_document, client, cast, tmp_path, capsys):
    from django.core.management import call_command

    call_command("build_document", list=True)
    client.force_login(cast["observer"])
    download = client.get(f"/documents/{agenda_document.symbol}/fr/")
    pdfs = convert_to_pdf({"agenda-en": build_document(agenda_document, "en"), "agenda-fr": download.content}, tmp_path)

    assert "TST/G/2/1\tProvisional agenda\ten,fr" in capsys.readouterr().out.splitlines()
    assert download.status_code == 200  # a general document: observers read it too
    assert all(pdf.startswith(b"%PDF-") for pdf in pdfs.values())

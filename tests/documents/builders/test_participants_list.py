"""The list of participants, written from the registration data as a UN information document."""

import io
import json
import uuid

import docx
import pytest

from documents.builders.session_report import build_session_report
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.generated import build_document
from documents.registry.models import Document
from tests.builders import make_session_file
from tests.office import convert_to_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants_list():
    """The small session with three more States whose order differs between English and French, and its INF.1."""
    data = make_session_file()
    data["session"]["participants"] += [
        {"entity": "ESP", "category": "member_state", "delegates": [{"courtesy": "mr", "name": "Pablo Prueba"}]},
        {"entity": "EGY", "category": "member_state"},
        {"entity": "EST", "category": "member_state"},
    ]
    data["session"]["documents"].append(
        {"symbol": "TST/G/2/INF.1", "kind": "list_of_participants", "title": {"en": "List of participants"}}
    )
    import_session(read_session_file(json.dumps(data)))
    return Document.objects.get(symbol="TST/G/2/INF.1")


def body_paragraphs(content: bytes) -> list[docx.text.paragraph.Paragraph]:
    """The paragraphs after the title (the first one in 16-point type)."""
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    title = next(i for i, p in enumerate(paragraphs) if p.runs and p.runs[0].font.size and p.runs[0].font.size.pt == 16)
    return paragraphs[title + 1 :]


def test_the_english_list_names_every_delegation_under_its_category_with_its_delegates(participants_list):
    content = build_document(participants_list, "en")
    document = docx.Document(io.BytesIO(content))
    assert "TST/G/2/INF.1" in document.tables[0].rows[0].cells[1].text
    assert "Distr.: General" in document.tables[0].rows[1].cells[1].text
    texts = [p.text for p in document.paragraphs]
    listed = texts[texts.index("List of participants") + 1 :]

    assert listed == [
        "States members of TS",
        "Egypt",
        "Estonia",
        "France",
        "H.E.\u00a0Ms.\u00a0Claire Exemple, Ambassador, Permanent Mission to the United Nations Office at Geneva, "
        "Head of delegation",
        "Mr.\u00a0Jean Essai, Counsellor",
        "Kenya",
        "Spain",
        "Mr.\u00a0Pablo Prueba",
        "Non-governmental organization",
        "General category",
        "Friends of Testing",
    ]
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert headings == {
        "States members of TS": "Heading 1",
        "Non-governmental organization": "Heading 1",
        "General category": "Heading 2",
    }
    bold = [p.text for p in body_paragraphs(content) if p.runs and all(r.bold for r in p.runs)]
    assert "France" in bold
    assert "Friends of Testing" in bold


def test_the_french_list_sorts_in_french_and_writes_french_courtesy_titles(participants_list):
    content = build_document(participants_list, "fr")
    texts = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    listed = texts[texts.index("Liste des participants") + 1 :]

    states = [name for name in listed if name in {"Égypte", "Espagne", "Estonie", "France", "Kenya"}]
    assert states == ["Égypte", "Espagne", "Estonie", "France", "Kenya"]  # É sorts with E in French
    head = next(p for p in body_paragraphs(content) if "Claire Exemple" in p.text)
    assert head.text.startswith("H.E.\u00a0Mme\u00a0Claire Exemple")
    assert [r.text for r in head.runs if r.font.superscript] == ["me"]
    assert head.text.endswith(", Cheffe de délégation")
    assert "Organisation non gouvernementale" in listed
    assert "Catégorie générale" in listed


def test_the_head_of_delegation_comes_first_whatever_the_order_of_registration(participants_list):
    france = participants_list.session.participations.get(entity__code="FRA")
    france.delegates.filter(role="head").update(position=9)

    listed = [p.text for p in body_paragraphs(build_document(participants_list, "en"))]
    assert listed.index("France") + 1 == next(i for i, text in enumerate(listed) if "Claire Exemple" in text)


def test_any_text_a_registration_holds_is_written_without_breaking_the_document(participants_list, tmp_path):
    france = participants_list.session.participations.get(entity__code="FRA")
    # Any character a database holds (PostgreSQL holds no NUL; forms and imports refuse it before).
    france.delegates.create(name="Bell\x07 Ringer\u202e", function="Tab\tand\x0bvertical", title="\x1fDr.", position=5)

    content = build_document(participants_list, "fr")
    listed = [p.text for p in body_paragraphs(content)]
    assert "Dr.\u00a0Bell Ringer, Tab\tandvertical" in listed  # the override that would reverse ", Tab…" dropped
    assert convert_to_pdf({"list": content}, tmp_path)["list"].startswith(b"%PDF")


def test_both_languages_convert_with_libreoffice_and_the_report_annex_names_the_list(participants_list, tmp_path):
    pdfs = convert_to_pdf({lang: build_document(participants_list, lang) for lang in ("en", "fr")}, tmp_path)
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs.values())

    report = docx.Document(io.BytesIO(build_document(Document.objects.get(symbol="TST/G/2/3"), "en")))
    footnotes = next(
        part.blob.decode() for part in report.part.package.parts if part.partname.endswith("footnotes.xml")
    )
    assert "TST/G/2/INF.1" in footnotes


def test_the_demo_list_holds_every_registered_entity_under_its_category_with_its_delegates(settings):
    from django.core.management import call_command

    from committee.kernel.collation import collation_key
    from meetings.sessions.models import Session

    settings.DEBUG = True
    call_command("load_demo")
    session = Session.objects.get(code="TD/B/EDE/1")
    document = session.documents.get(kind="list_of_participants")

    paragraphs = body_paragraphs(build_document(document, "fr"))
    listed: dict[str, dict[str, list[str]]] = {}  # category heading -> entity -> delegate lines
    category = entity = None
    for paragraph in paragraphs:
        if paragraph.style.name == "Heading 1":
            category = paragraph.text
            listed[category] = {}
        elif paragraph.runs and all(run.bold for run in paragraph.runs):
            entity = paragraph.text
            listed[category][entity] = []
        elif paragraph.style.name == "Normal" and paragraph.text:
            listed[category][entity].append(paragraph.text)

    member_states = listed["États membres de la CNUCED"]
    # as typeset: the apostrophe a name is stored with is printed ’ ("Iran (République islamique d’)")
    expected = {p.name_in("fr").replace("'", "\u2019") for p in session.participations.filter(category="member_state")}
    assert set(member_states) == expected
    assert list(member_states) == sorted(member_states, key=collation_key)  # French order: Égypte among the E
    every_entity = {name for entities in listed.values() for name in entities}
    assert len(every_entity) == session.participations.count() == 90
    for participation in session.participations.prefetch_related("delegates"):
        name = participation.name_in("fr").replace("'", "\u2019")
        lines = next(entities[name] for entities in listed.values() if name in entities)
        assert len(lines) == participation.delegates.count()
        assert all(any(delegate.name in line for line in lines) for delegate in participation.delegates.all())


def test_names_at_the_limit_build_and_each_names_collation_key_is_computed_once():
    """Organizations named with 300 characters in every language (the limit): the report and the list of
    participants are built, and the key that sorts each name is computed once for both, not once per sort."""
    from unittest import mock

    from committee.kernel.collation import _collator
    from committee.kernel.multilingual import LANGUAGES, NAME_MAX_LENGTH
    from documents.reports.collect import collect_session_report_data

    run = uuid.uuid4().hex[:8]  # names no other test sorted
    data = make_session_file()
    names = {}
    for index, letter in enumerate("DCBA"):
        stem = f"{letter} {run} Association for the Study of Very Long Names "
        names[f"LONG{index}"] = {code: (stem + code * NAME_MAX_LENGTH)[:NAME_MAX_LENGTH] for code in LANGUAGES}
    data["organizations"] += [{"code": code, "type": "ngo_general", "name": name} for code, name in names.items()]
    data["session"]["participants"] += [
        {"entity": code, "category": "ngo_general", "delegates": [{"name": f"Delegate {code}"}]} for code in names
    ]
    data["session"]["documents"].append(
        {"symbol": "TST/G/2/INF.1", "kind": "list_of_participants", "title": {"en": "List of participants"}}
    )
    session = import_session(read_session_file(json.dumps(data)))
    collator = _collator()

    with mock.patch.object(
        collator, "sort_key_from_collation_elements", wraps=collator.sort_key_from_collation_elements
    ) as computed:
        report = build_session_report(collect_session_report_data(session), language="fr")
        listed = build_document(Document.objects.get(symbol="TST/G/2/INF.1"), "fr")

    long_keys = [c for c in computed.call_args_list if len(c.args[0]) >= NAME_MAX_LENGTH]  # a long name's elements
    assert len(long_keys) == len(names)
    french = [name["fr"] for name in names.values()]
    report_text = "\n".join(p.text for p in docx.Document(io.BytesIO(report)).paragraphs)
    list_text = [p.text for p in body_paragraphs(listed)]
    assert all(name in report_text for name in french)
    assert [text for text in list_text if text in french] == sorted(french)  # A…, B…, C…, D…

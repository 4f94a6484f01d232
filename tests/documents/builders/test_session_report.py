"""The session report, read back as a reader would: its parts, numbers, wording and annexes."""

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from committee.kernel.collation import collation_key
from documents.builders.session_report import build_session_report
from documents.reports.collect import collect_session_report_data
from tests.documents.builders.report_text import reading_text
from tests.documents.exchange.test_demo_session import REFERENCE, reference_participants
from tests.office import convert_to_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_reports(django_db_blocker, django_db_setup):
    """The demo's French and English reports, built once for the module, leaving the database as it was."""
    from django.db import transaction

    from documents.exchange.management.commands.load_demo import DEMO_FILE
    from documents.exchange.session_file.load import import_session
    from documents.exchange.session_file.validate import read_session_file

    with django_db_blocker.unblock(), transaction.atomic():
        session = import_session(read_session_file(DEMO_FILE.read_text(encoding="utf-8")))
        data = collect_session_report_data(session)
        transaction.set_rollback(True)
    return {language: build_session_report(data, language=language) for language in ("fr", "en")}


def paragraphs(content: bytes) -> list[docx.text.paragraph.Paragraph]:
    return docx.Document(io.BytesIO(content)).paragraphs


def texts(content: bytes) -> list[str]:
    return [p.text for p in paragraphs(content)]


def headings(content: bytes, level: int) -> list[str]:
    return [p.text for p in paragraphs(content) if p.style.name == f"Heading {level}"]


def section(content: bytes, start: str, end: str | None) -> list[docx.text.paragraph.Paragraph]:
    """The body's paragraphs from the heading that starts with `start` to the one that starts with `end`."""
    found = paragraphs(content)
    first = next(i for i, p in enumerate(found) if p.style.name.startswith("Heading") and p.text.startswith(start))
    last = next(
        (
            i
            for i, p in enumerate(found)
            if i > first and p.style.name.startswith("Heading") and end and p.text.startswith(end)
        ),
        len(found),
    )
    return found[first:last]


def footnotes(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return re.sub(r"<[^>]+>", " ", package.read("word/footnotes.xml").decode())


def test_the_french_report_has_the_reference_structure(demo_reports):
    report = demo_reports["fr"]

    assert headings(report, 1) == [
        "I.\tRecommandations concertées formulées par le Groupe intergouvernemental d’experts du commerce "
        "électronique et de l’économie numérique à l’issue de sa première session",
        "II.\tRésumé du Président",
        "III.\tQuestions d’organisation",
        "Annexe I\nOrdre du jour provisoire de la deuxième session du Groupe intergouvernemental d’experts du "
        "commerce électronique et de l’économie numérique",
        "Annexe II\nParticipation*",
    ]
    assert [h.split("\t")[0] for h in headings(report, 2)] == ["A.", "B.", "C.", "A.", "B.", "C.", "D."]
    assert [h.split("\t")[0] for h in headings(report, 3)] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "Recommandations concertées",
    ]
    lines = texts(report)
    for number in (1, 2, 3, 4, 5):
        assert f"(Point {number} de l’ordre du jour)" in lines


def test_the_reports_paragraphs_run_from_1_to_48_through_chapters_two_and_three(demo_reports):
    for report in demo_reports.values():
        body = section(report, "II.", "Annex")
        # The report's own paragraphs, not the agenda reproduced in paragraph 46 (indented further).
        numbers = [
            int(match.group(1))
            for p in body
            if p.style.name == "Numbered paragraph" and (match := re.match(r"^(\d+)\.\t", p.text))
        ]
        assert numbers == list(range(1, 49))


def test_the_recommendations_have_sixteen_operative_paragraphs_each_with_its_italic_verb(demo_reports):
    for report in demo_reports.values():
        chapter = section(report, "I.", "II.")
        operative = [p for p in chapter if re.match(r"^\d+\.\t", p.text)]
        assert [int(p.text.split(".")[0]) for p in operative] == list(range(1, 17))
        for paragraph in operative:
            assert any(run.italic and run.text.strip() for run in paragraph.runs), paragraph.text[:60]
        assert [p.text[:3] for p in chapter if re.match(r"^\(?[a-d]\)\t", p.text)] in (
            ["a)\t", "b)\t", "c)\t", "d)\t"],
            ["(a)", "(b)", "(c)", "(d)"],
        )


def test_the_masthead_and_title_in_french(demo_reports):
    lines = texts(demo_reports["fr"])
    table = docx.Document(io.BytesIO(demo_reports["fr"])).tables[0]

    assert table.cell(0, 0).text == "Nations Unies"
    assert table.cell(0, 1).text == "TD/B/EDE/1/3"
    assert table.cell(1, 0).text == "Conférence des Nations Unies sur le commerce et le développement"
    assert table.cell(1, 1).text == "Distr. générale\n31 octobre 2017\nFrançais\nOriginal\u00a0: anglais"
    assert lines[1:5] == [
        "Conseil du commerce et du développement",
        "Groupe intergouvernemental d’experts du commerce électronique et de l’économie numérique",
        "Première session",
        "Genève, 4\u20136 octobre 2017",
    ]
    assert lines[5] == (
        "Rapport du Groupe intergouvernemental d’experts du commerce électronique et de l’économie numérique "
        "sur sa première session"
    )
    assert lines[6] == "Tenue au Palais des Nations, à Genève, du 4 au 6 octobre 2017"


def test_the_masthead_and_title_in_english(demo_reports):
    lines = texts(demo_reports["en"])
    table = docx.Document(io.BytesIO(demo_reports["en"])).tables[0]

    assert table.cell(1, 1).text == "Distr.: General\n31 October 2017\nOriginal: English"
    assert lines[3:7] == [
        "First session",
        "Geneva, 4\u20136 October 2017",
        "Report of the Intergovernmental Group of Experts on E-commerce and the Digital Economy on its first session",
        "Held at the Palais des Nations, Geneva, from 4 to 6 October 2017",
    ]


def test_the_election_names_the_three_officers_with_their_states(demo_reports):
    french = next(p for p in paragraphs(demo_reports["fr"]) if p.text.startswith("45.\t"))
    english = next(p for p in paragraphs(demo_reports["en"]) if p.text.startswith("45.\t"))

    assert french.text == (
        "45.\tÀ sa séance plénière d’ouverture, le 4 octobre 2017, le Groupe intergouvernemental d’experts du "
        "commerce électronique et de l’économie numérique a élu M.\u00a0M. Shameem Ahsan (Bangladesh) Président et "
        "Mme\u00a0Nagwa El Shenawy (Égypte) et M.\u00a0Taavo Lumiste (Estonie) Vice-Présidents-Rapporteurs."
    )
    assert [run.text for run in french.runs if run.font.superscript] == ["me"]
    assert english.text == (
        "45.\tAt its opening plenary meeting, on 4 October 2017, the Intergovernmental Group of Experts on "
        "E-commerce and the Digital Economy elected Mr.\u00a0M. Shameem Ahsan (Bangladesh) Chair and Ms.\u00a0Nagwa El "
        "Shenawy (Egypt) and Mr.\u00a0Taavo Lumiste (Estonia) Vice-Chairs-cum-Rapporteurs."
    )


def test_organizational_matters_give_the_agenda_its_symbol_and_point_to_annex_one(demo_reports):
    lines = texts(demo_reports["fr"])
    adoption = next(line for line in lines if line.startswith("46.\t"))
    agenda = lines[lines.index(adoption) + 1 : lines.index(adoption) + 6]

    assert "TD/B/EDE/1/1" in adoption
    assert adoption.endswith("suivant\u00a0:")
    assert [line.split("\t")[0] for line in agenda] == ["1.", "2.", "3.", "4.", "5."]
    assert agenda[0] == "1.\tÉlection du Bureau."
    assert next(line for line in lines if line.startswith("47.\t")).endswith("(voir l’annexe I).")
    assert "Vice-Présidents-Rapporteurs" in next(line for line in lines if line.startswith("48.\t"))


def test_the_footnotes_are_notes_of_the_document(demo_reports):
    notes = footnotes(demo_reports["fr"])

    assert "TD/519/Add.2." in notes
    assert "TD/B(S-XXXI)/2." in notes
    assert "TD/B/EDE/1/INF.1" in notes


def annex_names(report: bytes) -> list[list[str]]:
    """The names under each numbered attendance paragraph of annex II, States read column by column."""
    document = docx.Document(io.BytesIO(report))
    body = document.element.body
    groups: list[list[str]] = []
    in_annex = False
    for element in body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            if paragraph.style.name == "Heading 1":
                in_annex = paragraph.text.startswith(("Annexe II", "Annex II"))
                continue
            if not in_annex or not paragraph.text.strip():
                continue
            if re.match(r"^\d\.\t", paragraph.text):
                groups.append([])
            elif groups and not paragraph.runs[0].italic:
                groups[-1].append(paragraph.text)
        elif element.tag.endswith("}tbl") and in_annex:
            table = docx.table.Table(element, document)
            for column in range(2):
                groups[-1].extend(row.cells[column].text for row in table.rows if row.cells[column].text)
    return groups


def test_every_participant_is_in_the_annex_under_the_references_category_in_collation_order(demo_reports):
    ours = annex_names(demo_reports["fr"])
    reference = reference_participants()

    assert len(ours) == 7
    for index, key in enumerate(["1.", "2.", "3.", "4.", "5.", "6.", "7."]):
        assert sorted(ours[index]) == sorted(name.replace("'", "\u2019") for name in reference[key]), key  # as typeset
    states = ours[0]
    assert states == sorted(states, key=collation_key)
    # The reference departs from French order in two places (../shared/README.md).
    assert states.index("Égypte") < states.index("Équateur")
    assert states.index("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord") < states.index("Samoa")
    # Organizations keep the English order of their English names, as the reference (and UNCTAD) do.
    annex = REFERENCE.read_text(encoding="utf-8").split("Participation*", 1)[1]
    for names in ours[3:6]:
        assert names == sorted(names, key=lambda name: annex.index(name.replace("\u2019", "'")))  # typed straight


def test_the_english_annex_sorts_by_english_names(demo_reports):
    states = annex_names(demo_reports["en"])[0]

    assert states[:3] == ["Algeria", "Argentina", "Australia"]
    assert states == sorted(states, key=collation_key)
    assert "The former Yugoslav Republic of Macedonia" in states


def test_libreoffice_converts_both_reports_to_pdf(demo_reports, tmp_path):
    pdfs = convert_to_pdf({f"report-{language}": content for language, content in demo_reports.items()}, tmp_path)

    for pdf in pdfs.values():
        assert pdf.startswith(b"%PDF-")
        assert len(pdf) > 20_000


def test_the_command_writes_the_report_by_its_symbol_and_lists_what_it_can_write(tmp_path, capsys, settings):
    settings.DEBUG = True
    call_command("load_demo")
    output = tmp_path / "report.docx"

    call_command("build_document", "TD/B/EDE/1/3", lang="fr", output=output)
    call_command("build_document", list=True)

    assert texts(output.read_bytes())[3] == "Première session"
    printed = capsys.readouterr().out
    assert "Wrote TD/B/EDE/1/3 in fr" in printed
    assert "TD/B/EDE/1/3\tSession report\ten,fr,es,ru,zh,ar" in printed.splitlines()


def test_the_command_says_what_it_cannot_write(small_session, tmp_path):
    with pytest.raises(CommandError, match="There is no document TST/G/2/99"):
        call_command("build_document", "TST/G/2/99", output=tmp_path / "x.docx")
    with pytest.raises(CommandError, match="TST/G/2/3 can be built in: en"):
        call_command("build_document", "TST/G/2/3", lang="ar", output=tmp_path / "x.docx")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_report_reads_word_for_word_as_before_report_schemes(demo_reports, language):
    """The UNCTAD expert group's scheme writes the demo report as the fixed layout did before schemes existed:
    golden/td-b-ede-1-3.*.txt is its text (paragraphs with their styles, table rows, notes), as then written with
    the printed look settled since (typographic apostrophes and quotes, numbered notes in chapter I, the States in
    two continuous columns, the contents' own styles): a change to it is deliberate, and reviewed line by line."""
    golden = Path(__file__).parent / "golden" / f"td-b-ede-1-3.{language}.txt"

    assert reading_text(demo_reports[language]) == golden.read_text(encoding="utf-8")

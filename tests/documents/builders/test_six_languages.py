"""The demo's report in Spanish, Russian, Chinese and Arabic, read back as a reader of each would read it: the
masthead (in English where the UN keeps it so), the title and dates in the language's own forms, the numbering
of chapters, sections and paragraphs, and, in Arabic, right-to-left layout with names isolated."""

import io
import subprocess
import warnings

import docx
import pytest
from docx.oxml.ns import qn

from documents.builders.session_report import build_session_report
from documents.reports.collect import collect_session_report_data
from tests.office import convert_to_pdf

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"


@pytest.fixture(scope="module")
def reports(django_db_blocker, django_db_setup):
    """The demo's report in the four languages, built once for the module, leaving the database as it was."""
    from django.db import transaction

    from documents.exchange.management.commands.load_demo import DEMO_FILE
    from documents.exchange.session_file.load import import_session
    from documents.exchange.session_file.validate import read_session_file

    with django_db_blocker.unblock(), transaction.atomic():
        session = import_session(read_session_file(DEMO_FILE.read_text(encoding="utf-8")))
        data = collect_session_report_data(session)
        transaction.set_rollback(True)
    return {language: build_session_report(data, language=language) for language in ("es", "ru", "zh", "ar")}


def masthead(content: bytes) -> list[str]:
    table = docx.Document(io.BytesIO(content)).tables[0]
    return [cell.text for row in table.rows for cell in row.cells]


def lines(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def headings(content: bytes, level: int) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


@pytest.mark.parametrize(
    ("language", "organization", "distribution"),
    [
        ("es", "Naciones Unidas", "Distr. general\n31 de octubre de 2017\nEspañol\nOriginal: inglés"),
        ("ru", "Организация Объединенных Наций", "Distr.: General\n31 October 2017\nRussian\nOriginal: English"),
        ("zh", "联合国", "Distr.: General\n31 October 2017\nChinese\nOriginal: English"),
        ("ar", "الأمم المتحدة", "Distr.: General\n31 October 2017\nArabic\nOriginal: English"),
    ],
)
def test_the_masthead_keeps_its_english_lines_where_the_un_does(reports, language, organization, distribution):
    cells = masthead(reports[language])
    assert cells[0] == organization
    assert cells[1] == "TD/B/EDE/1/3"
    assert cells[3] == distribution


@pytest.mark.parametrize(
    ("language", "session", "place_and_dates", "title"),
    [
        (
            "es",
            "Primer período de sesiones",
            "Ginebra, 4 a 6 de octubre de 2017",
            "Informe del Grupo Intergubernamental de Expertos en Comercio Electrónico y Economía Digital sobre su "
            "primer período de sesiones",
        ),
        ("ru", "Первая сессия", "Женева, 4–6 октября 2017 года", "первой сессии"),
        ("zh", "第一届会议", "日内瓦，2017年10月4日至6日", "电子商务和数字经济政府间专家组第一届会议的报告"),
        ("ar", "الدورة الأولى", "جنيف، 4-6 تشرين الأول/أكتوبر 2017", "عن دورته الأولى"),
    ],
)
def test_the_session_its_dates_and_the_title_read_as_the_language_writes_them(
    reports, language, session, place_and_dates, title
):
    text = [line.replace(FSI, "").replace(PDI, "") for line in lines(reports[language])]  # as a reader sees them
    assert text[2] == session
    assert text[3] == place_and_dates
    assert title in text[4]


def test_a_declining_language_names_the_body_in_the_genitive_after_of(reports):
    title = lines(reports["ru"])[4]
    assert title.startswith("Доклад Межправительственной группы экспертов по электронной торговле")


@pytest.mark.parametrize(
    ("language", "chapters", "sections"),
    [
        ("es", ["I.", "II."], ["A.", "B."]),
        ("ru", ["I.", "II."], ["A.", "B."]),
        ("zh", ["一.", "二."], ["A.", "B."]),
        ("ar", ["أولا -", "ثانيا -"], ["ألف -", "باء -"]),
    ],
)
def test_chapters_and_sections_are_numbered_as_the_language_numbers_them(reports, language, chapters, sections):
    assert [h.split("\t")[0] for h in headings(reports[language], 1)[:2]] == chapters
    assert [h.split("\t")[0] for h in headings(reports[language], 2)[:2]] == sections


def test_arabic_paragraphs_are_numbered_with_a_dash_and_their_sub_items_with_arabic_letters(reports):
    document = docx.Document(io.BytesIO(reports["ar"]))
    numbered = [p.text for p in document.paragraphs if p.style.name == "Numbered paragraph"]
    assert numbered[0].startswith("1 -\t")
    labels = [p.text.split("\t")[0] for p in document.paragraphs if "\t" in p.text]
    sub_items = [label for label in labels if label.startswith("(")]
    assert sub_items[:2] == ["(أ)", "(ب)"]


def test_the_arabic_document_is_laid_out_right_to_left(reports):
    document = docx.Document(io.BytesIO(reports["ar"]))
    normal = document.styles["Normal"].element
    assert normal.pPr.find(qn("w:bidi")) is not None  # every paragraph, unless it says otherwise
    assert all(section._sectPr.find(qn("w:bidi")) is not None for section in document.sections)
    assert document.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is not None  # the masthead mirrored
    fonts = normal.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    assert normal.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"
    english_lines = document.tables[0].rows[1].cells[1].paragraphs
    assert all(p._p.pPr.find(qn("w:bidi")).get(qn("w:val")) == "0" for p in english_lines)


def test_a_chinese_document_names_its_font_and_language_for_chinese_text(reports):
    normal = docx.Document(io.BytesIO(reports["zh"])).styles["Normal"].element
    assert normal.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    assert normal.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_latin_names_in_an_arabic_sentence_are_isolated_so_the_sentence_keeps_its_order(reports):
    election = next(text for text in lines(reports["ar"]) if "Shameem Ahsan" in text)
    name = election[election.index("Shameem Ahsan") - 20 : election.index("Shameem Ahsan") + 20]
    assert FSI in name or FSI in election[: election.index("Shameem Ahsan")]
    assert election.count(FSI) == election.count(PDI)  # every isolate closed: nothing after it reorders


def test_a_symbol_in_an_arabic_sentence_is_isolated_so_it_keeps_its_order(reports):
    adoption = next(text for text in lines(reports["ar"]) if "TD/B/EDE/1/1" in text)
    assert f"{FSI}TD/B/EDE/1/1{PDI}" in adoption


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_charts_draw_every_glyph_of_the_language(language):
    from collections import Counter

    from django.utils import translation

    from decisions.follow_up.charts import Chart
    from decisions.follow_up.models import Status

    labels = {"zh": ("进展", "报告"), "ar": ("التقدم المحرز", "تقرير مرحلي")}[language]
    with translation.override("zh-hans" if language == "zh" else language), warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns on a missing glyph: the test fails on it
        counts = (Counter({Status.IN_PROGRESS: 2}), Counter({Status.COMPLETED: 1}))
        png = Chart(key="k", title=labels[0], category_label=labels[1], categories=labels, counts=counts).png()
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("catalog", ["fr", "es", "ru", "zh_Hans", "ar"])
def test_every_message_of_the_interface_is_translated(catalog):
    from django.conf import settings

    path = settings.BASE_DIR / "locale" / catalog / "LC_MESSAGES" / "django.po"
    for only in ("--untranslated", "--only-fuzzy"):
        found = subprocess.run(["msgattrib", only, path], capture_output=True, text=True, check=True)  # noqa: S603, S607
        assert found.stdout == "", f"{catalog}: {only}"
    checked = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", path], capture_output=True, text=True)  # noqa: S603, S607
    assert checked.returncode == 0, checked.stderr


def test_libreoffice_lays_each_language_out_with_its_own_glyphs(reports, tmp_path):
    """Converted by LibreOffice, page 1 of each carries its language's text (pdftotext reads it back): the fonts
    named in the file exist, and Arabic comes out shaped, in logical order."""
    pdfs = convert_to_pdf(reports, tmp_path)
    expected = {"es": "Primer período de sesiones", "ru": "Первая сессия", "zh": "第一届会议", "ar": "الدورة الأولى"}
    for language, pdf in pdfs.items():
        (tmp_path / f"{language}.pdf").write_bytes(pdf)
        text = subprocess.run(  # noqa: S603
            ["pdftotext", "-l", "1", str(tmp_path / f"{language}.pdf"), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert expected[language] in text, language
        fonts = subprocess.run(["pdffonts", str(tmp_path / f"{language}.pdf")], capture_output=True, text=True)  # noqa: S603, S607
        if language == "ar":
            assert "NotoNaskhArabic" in fonts.stdout
        if language == "zh":
            assert "NotoSerifCJK" in fonts.stdout

"""From Word, since secretariats draft in Word: a document becomes the Chair's summary, after a look at what it
would change; a file that cannot be read changes nothing and says why."""

import io
import zipfile

import docx
import pytest
from django.urls import reverse

from documents.builders.data import SectionData, SessionReportData
from documents.builders.session_report import build_session_report
from documents.reports.models import PendingSummaryImport, ReportParagraph, ReportSection
from tests.jobs import followed

pytestmark = pytest.mark.django_db

DRAFT = reverse("reports:report", kwargs={"code": "TST/G/2"})
IMPORT = reverse("reports:import_word", kwargs={"code": "TST/G/2"})


def whole_draft() -> bytes:
    """A whole draft report written by the tool itself: chapters, numbered paragraphs, italics, footnotes."""
    data = SessionReportData(
        symbol="TST/G/2/L.1", distribution="limited", issued_on=None, original_language="en", organization={},
        organization_short={}, organization_gender={}, parents=(), body={"en": "Group of Experts"}, body_gender={},
        body_genitive={},
        body_short={}, organizations_in_english_order=False, number=2, start_date=None, end_date=None, venue={},
        city={},
        summary=(
            SectionData(
                title={"en": "Opening plenary"},
                paragraphs=({"en": "The *Group* met in Geneva.[^See *TD/519*.]"}, {"en": "It heard 3 * 4 speakers."}),
                subsections=(SectionData(title={"en": "Round table"}, paragraphs=({"en": "Panellists spoke."},)),),
            ),
            SectionData(title={"en": "Closing"}, paragraphs=({"en": "The Group closed."},)),
        ),
    )  # fmt: skip
    return build_session_report(data, language="en")


def upload(client, content: bytes, name: str = "draft.docx", language: str = "en"):
    file = io.BytesIO(content)
    file.name = name
    return followed(client, client.post(IMPORT, {"document": file, "language": language}))


def summary() -> list:
    return [
        (s.title, [p.text for p in s.paragraphs.order_by("position")], [sub.title for sub in s.subsections.all()])
        for s in ReportSection.objects.filter(parent__isnull=True).order_by("position")
    ]


def test_a_whole_draft_becomes_the_summary_after_a_look_at_what_changes(client, small_session, secretariat):
    client.force_login(secretariat)
    ReportSection.objects.all().delete()

    preview = upload(client, whole_draft())

    shown = preview.content.decode()
    assert "summary is empty: it will have the 2 sections below, with 4 paragraphs, in English." in shown
    assert "<em>Group</em>" in shown  # italics shown as they will print
    assert ReportSection.objects.count() == 0  # nothing changes before the secretariat says so
    pending = PendingSummaryImport.objects.get()
    applied = client.post(
        reverse("reports:word_import", kwargs={"code": "TST/G/2", "pk": pending.pk}), {"action": "apply"}, follow=True
    )
    assert "The document is imported" in applied.content.decode()
    assert summary() == [
        (
            {"en": "Opening plenary"},
            [{"en": "The *Group* met in Geneva.[^See *TD/519*.]"}, {"en": "It heard 3 \\* 4 speakers."}],
            [{"en": "Round table"}],
        ),
        ({"en": "Closing"}, [{"en": "The Group closed."}], []),
    ]
    assert not PendingSummaryImport.objects.exists()


def test_a_translation_of_the_same_shape_fills_in_its_language(client, small_session, secretariat):
    client.force_login(secretariat)
    ReportSection.objects.all().delete()
    upload(client, whole_draft())
    client.post(
        reverse("reports:word_import", kwargs={"code": "TST/G/2", "pk": PendingSummaryImport.objects.get().pk}),
        {"action": "apply"},
    )
    document = docx.Document(io.BytesIO(whole_draft()))
    for paragraph in document.paragraphs:
        if paragraph.text.endswith("The Group closed."):
            paragraph.runs[-1].text = paragraph.runs[-1].text.replace("The Group closed.", "Le Groupe a clos.")
    out = io.BytesIO()
    document.save(out)

    preview = upload(client, out.getvalue(), language="fr").content.decode()
    assert "will change; the other languages stay as they are" in preview
    client.post(
        reverse("reports:word_import", kwargs={"code": "TST/G/2", "pk": PendingSummaryImport.objects.get().pk}),
        {"action": "apply"},
    )
    closing = ReportParagraph.objects.get(section__title__en="Closing")
    assert closing.text == {"en": "The Group closed.", "fr": "Le Groupe a clos."}


def test_a_document_of_another_shape_does_not_drop_other_languages(client, small_session, secretariat, paragraph):
    client.force_login(secretariat)
    paragraph.text = {**paragraph.text, "fr": "Le Groupe s'est réuni."}
    paragraph.save()
    before = summary()

    preview = upload(client, whole_draft()).content.decode()
    assert "which a document of another shape would drop" in preview
    assert "Import it" not in preview
    pending = PendingSummaryImport.objects.get()
    client.post(reverse("reports:word_import", kwargs={"code": "TST/G/2", "pk": pending.pk}), {"action": "apply"})
    assert summary() == before


def macro_enabled() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole_draft())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def spreadsheet() -> bytes:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"%PDF-1.7 not a Word file", "draft.docx", "This is not a Word document"),
        (b"PK\x03\x04broken", "draft.docx", "damaged"),
        (macro_enabled, "draft.docm", "holds macros"),
        (spreadsheet, "draft.xlsx", "may be a spreadsheet"),
    ],
)
def test_a_file_it_cannot_read_changes_nothing_and_says_why(client, small_session, secretariat, content, name, reason):
    client.force_login(secretariat)
    before = summary()
    shown = upload(client, content() if callable(content) else content, name=name).content.decode()
    assert reason in shown
    assert name in shown
    assert summary() == before
    assert not PendingSummaryImport.objects.exists()


def test_members_cannot_import(client, cast, small_session):
    client.force_login(cast["member"])
    assert upload(client, whole_draft()).status_code == 403
    assert not PendingSummaryImport.objects.exists()


def test_a_paragraph_longer_than_a_report_keeps_refuses_the_document_and_cuts_nothing(
    client, small_session, secretariat
):
    client.force_login(secretariat)
    document = docx.Document()
    document.add_heading("Opening", level=1)
    document.add_paragraph("Long " + "word " * 5000 + "\u202e")
    out = io.BytesIO()
    document.save(out)
    before = summary()

    shown = upload(client, out.getvalue()).content.decode()
    assert "is longer than 20,000 characters" in shown
    assert summary() == before

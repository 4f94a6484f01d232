"""Every document the tool writes comes as a PDF, by LibreOffice, its contents numbered with the pages where the
headings fall; the report is archived as PDF beside its Word document at finalization, each with its checksum."""

import hashlib
import io
import re
import subprocess

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from documents.reports.models import ArchivedReport, Report
from documents.reports.services import finalize_report
from tests.browser import ARTIFACTS
from tests.jobs import written

pytestmark = pytest.mark.django_db


def pdf_pages(content: bytes, tmp_path, name: str = "document") -> list[str]:
    """The text of each page of a PDF, as pdftotext lays it out; the first page also rendered to a PNG under
    test-artifacts/ to be looked at."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(path), str(ARTIFACTS / f"pdf-{name}")],  # noqa: S607
        check=True,
    )
    return text.split("\f")


def contents_entries(page: str) -> list[tuple[str, int]]:
    """(the entry's text, its page number) for each line of the contents that ends in a page number."""
    entries = []
    for line in page.splitlines():
        found = re.match(r"^\s*(\S.*?)\s*(?:\.{2,}\s*|\s{2,})(\d+)\s*$", line)
        if found:
            entries.append((re.sub(r"\s+", " ", found.group(1)), int(found.group(2))))
    return entries


def page_of(pages: list[str], heading: str) -> int:
    """The number of the first page, after the contents, on which `heading` stands at the start of a line."""
    for number, text in enumerate(pages[1:], start=2):
        if any(re.sub(r"\s+", " ", line).strip().startswith(heading) for line in text.splitlines()):
            return number
    raise AssertionError(f"{heading!r} is on no page")


def test_the_archived_pdf_numbers_its_contents_with_the_pages_where_the_headings_fall(cast, small_session, tmp_path):
    report = Report.objects.get(session=small_session)
    finalize_report(report=report, by=cast["rapporteur"])
    entries = {entry.format: entry for entry in ArchivedReport.objects.filter(report=report, language="en")}
    with entries["pdf"].file.open("rb") as stored:
        pdf = stored.read()

    assert hashlib.sha256(pdf).hexdigest() == entries["pdf"].sha256
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf, tmp_path, "archived-report")
    listed = contents_entries(pages[0])
    assert [title for title, _page in listed] == [
        "I. Agreed recommendations",
        "II. Chair’s summary",
        "A. Opening",
        "B. Testing",
        "III. Organizational matters",
        "A. Election of officers",
        "B. Adoption of the agenda and organization of work",
        "C. Provisional agenda of the next session",
        "D. Adoption of the outcome of the session",
        "E. Adoption of the report",
        "I. Provisional agenda for the third session of the Group of Experts on Testing",
        "II. Attendance",
    ]
    for title, page in listed[:-2]:
        assert page_of(pages, title) == page, title
    assert page_of(pages, "Annex II") == listed[-1][1]

    # The archived Word document lists the same pages, without waiting for Word to update its field.
    with entries["docx"].file.open("rb") as stored:
        document = docx.Document(io.BytesIO(stored.read()))
    numbered = [p.text.rsplit("\t", 1) for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert [int(page) for _text, page in numbered] == [page for _title, page in listed]


def test_the_draft_and_the_issued_report_download_as_pdf_too(client, cast, small_session, tmp_path):
    client.force_login(cast["member"])
    draft = written(client, reverse("reports:session_report_pdf", kwargs={"code": "TST/G/2", "language": "en"}))
    assert draft["Content-Type"] == "application/pdf"
    assert draft["Content-Disposition"] == 'attachment; filename="TST_G_2_3.en.pdf"'
    assert "Report of the Group of Experts on Testing on its second session" in " ".join(
        pdf_pages(draft.content, tmp_path, "draft-report")[0].split()
    )

    finalize_report(report=Report.objects.get(session=small_session), by=cast["rapporteur"])
    page = client.get(reverse("reports:report", kwargs={"code": "TST/G/2"})).text
    archived = reverse("reports:archived_report_pdf", kwargs={"code": "TST/G/2", "version": 1, "language": "en"})
    assert f'href="{archived}"' in page
    assert b"".join(client.get(archived).streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("symbol", "title"),
    [("TST/G/2/1", "Provisional agenda"), ("TST/G/2/INF.1", "List of participants")],
)
def test_each_generated_document_downloads_as_pdf_from_the_registry(
    client, cast, small_session, tmp_path, symbol, title
):
    from documents.registry.models import Document

    if symbol.endswith("INF.1"):
        Document.objects.create(
            session=small_session, symbol=symbol, kind=Document.Kind.LIST_OF_PARTICIPANTS, title={"en": title}
        )
    client.force_login(cast["secretariat"])

    response = written(
        client, reverse("registry:document_file", kwargs={"symbol": symbol, "language": "en"}) + "?format=pdf"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    first = " ".join(pdf_pages(response.content, tmp_path, symbol.replace("/", "_"))[0].split())
    assert symbol in first
    assert title in first
    wrong = reverse("registry:document_file", kwargs={"symbol": symbol, "language": "en"}) + "?format=odt"
    assert client.get(wrong).status_code == 404


def test_the_command_writes_a_pdf(small_session, tmp_path, capsys):
    output = tmp_path / "agenda.pdf"

    call_command("build_document", "TST/G/2/1", lang="en", format="pdf", output=output)

    assert output.read_bytes().startswith(b"%PDF-")
    assert "Wrote TST/G/2/1 in en as PDF" in capsys.readouterr().out

"""The progress report: a note by the secretariat to the next session on the follow-up of the previous one's
recommendations, built by its symbol like every generated document, and read back as its readers get it."""

import datetime
import io

import docx
import pytest
from django.core.management import call_command

from committee.bodies.models import Entity
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.outcomes.models import Paragraph
from documents.registry.models import Document
from meetings.sessions.models import Session
from tests.jobs import written
from tests.office import convert_to_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress_report(small_session, secretariat) -> Document:
    """TST/G/3/2, to the session after TST/G/2, on the follow-up of TST/G/2's recommendations."""
    following = Session.objects.create(
        committee=small_session.committee, number=3, code="TST/G/3", start_date=datetime.date(2026, 12, 7),
        end_date=datetime.date(2026, 12, 9),
    )  # fmt: skip
    operative = Paragraph.objects.get(decision__session=small_session, kind="operative", parent__isnull=True)
    operative.text = {"en": "*Decides* to test:", "fr": "*Décide* d’essayer :"}
    operative.save()
    early = operative.sub_items.get(position=1)
    shared = Action.objects.create(
        paragraph=operative, description={"en": "Share the test plan", "fr": "Diffuser le plan d’essai"},
        responsible="member", responsible_entity=Entity.objects.get(code="FRA"), status="completed",
        due_by_next_session=True,
    )  # fmt: skip
    tested = Action.objects.create(paragraph=early, description={"en": "Test early", "fr": "Essayer tôt"},
                                   responsible="secretariat", due_on=datetime.date(2026, 6, 30))  # fmt: skip
    after = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)  # after the note's date: not in it
    ProgressUpdate.objects.create(action=tested, status="completed", reported_on=after.date(), published_at=after,
                                  narrative={"en": "Tested after the note."})  # fmt: skip
    published = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    ProgressUpdate.objects.create(
        action=shared, status="completed", reported_on=published.date(), published_at=published,
        narrative={"en": "The plan went to all members", "fr": "Le plan a été diffusé à tous les membres"},
    )  # fmt: skip
    ProgressUpdate.objects.create(action=shared, status="discontinued", narrative={"en": "Not yet checked."},
                                  reported_on=datetime.date(2026, 11, 1))  # fmt: skip
    return Document.objects.create(
        symbol="TST/G/3/2", session=following, kind=Document.Kind.PROGRESS_REPORT,
        issued_on=datetime.date(2026, 11, 15), title={"en": "Progress report"},
    )  # fmt: skip


def read(path) -> docx.Document:
    return docx.Document(str(path))


def test_the_progress_report_is_built_by_its_symbol_and_listed(progress_report, tmp_path, capsys):
    call_command("build_document", list=True)
    assert "TST/G/3/2\tProgress report\ten,fr" in capsys.readouterr().out.splitlines()
    call_command("build_document", "TST/G/3/2", lang="en", output=tmp_path / "en.docx")
    document = read(tmp_path / "en.docx")
    text = [p.text for p in document.paragraphs]
    assert "TST/G/3/2" in document.tables[0].rows[0].cells[1].text
    assert "Progress in the implementation of the agreed recommendations of the second session" in text
    assert "Note by the secretariat" in text
    assert "Paragraph 1" in text
    assert "Decides to test:" in text
    assert any(line.startswith("(a)") and "Early;" in line for line in text)
    actions = [line for line in text if "Responsible:" in line]
    assert actions == [
        "2.\tShare the test plan. Responsible: France; due by the next session; status: completed. "
        "Progress as of 1 October 2026. The plan went to all members.",
        "3.\t(a) Test early. Responsible: the secretariat; due by 30 June 2026; status: not started. "
        "No progress has been published yet.",
    ]
    assert not any("Not yet checked" in line or "after the note" in line for line in text)
    summary = document.tables[1]
    assert [c.text for c in summary.rows[0].cells] == ["Paragraph", "Not started", "Completed", "Total"]
    assert [c.text for c in summary.rows[1].cells] == ["1", "1", "1", "2"]
    assert len(document.inline_shapes) == 2  # the charts, as images: by paragraph, over time


def test_the_french_progress_report_follows_the_french_conventions_and_converts(progress_report, tmp_path):
    from documents.registry.generated import build_document

    content = {language: build_document(progress_report, language) for language in ("en", "fr")}
    text = [p.text for p in docx.Document(io.BytesIO(content["fr"])).paragraphs]
    assert "Progrès réalisés dans la mise en œuvre des recommandations concertées de la deuxième session" in text
    assert "Note du secrétariat" in text
    assert any("Décide d’essayer\u00a0:" in line for line in text)
    assert any("Responsable\u00a0: France\u00a0; échéance\u00a0: d’ici à la prochaine session" in line for line in text)
    assert any(line.startswith("3.\ta) Essayer tôt.") for line in text)  # French sub-item letters
    pdfs = convert_to_pdf(content, tmp_path)
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs.values())


def test_the_demo_progress_report_follows_up_every_recommendation_of_the_first_session(settings, tmp_path):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("build_document", "TD/B/EDE/2/3", lang="en", output=tmp_path / "en.docx")
    text = [p.text for p in read(tmp_path / "en.docx").paragraphs]
    assert "Progress in the implementation of the agreed recommendations of the first session" in text
    assert [line for line in text if line.startswith("Paragraph ")] == [f"Paragraph {n}" for n in range(1, 17)]
    assert any("Global Cyberlaw Tracker" in line and "status: completed" in line for line in text)
    assert not Action.objects.filter(illustrative=False).exists()  # every action of the demo is made up
    assert Action.objects.filter(paragraph__decision__session__code="TD/B/EDE/1").count() == 6


def test_the_committees_follow_up_page_offers_the_progress_report(progress_report, secretariat, client):
    client.force_login(secretariat)
    page = client.get("/committees/GROUP/follow-up/").text
    assert "The progress report to TST/G/3" in page
    download = written(client, "/documents/TST/G/3/2/fr/")
    assert download.status_code == 200
    assert "Note du secrétariat" in [p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs]


def test_the_committees_strategy_has_its_chapter_with_its_charts(progress_report, tmp_path):
    from decisions.strategies.models import Strategy
    from decisions.strategies.strategy_file import import_measures, import_statuses
    from documents.registry.generated import build_document

    committee = progress_report.session.committee
    committee.memberships.create(entity=Entity.objects.get(code="FJI"))
    roadmap = Strategy.objects.create(committee=committee, code="roadmap", title={"en": "Regional Roadmap"},
                                      illustrative=True)  # fmt: skip
    import_measures(
        b"area,area_title_en,measure,text_en\n1,Readiness,1.1,Assess\n2,Payments,2.1,Pay\n", strategy=roadmap
    )
    import_statuses(b"measure,member,status,as_of\n1.1,FJI,completed,2026-01-01\n", strategy=roadmap)
    document = docx.Document(io.BytesIO(build_document(progress_report, "en")))
    text = [p.text for p in document.paragraphs]
    assert "III.\tImplementation of the Regional Roadmap" in text
    chapter = text[text.index("III.\tImplementation of the Regional Roadmap") + 1]
    assert chapter.startswith("4.\tMeasures: 2; members reporting: ")
    assert chapter.endswith("These figures are illustrative, not real ones.")
    assert len(document.inline_shapes) == 4

"""A draft's life: the secretariat edits, members comment, the rapporteur finalizes, corrigenda add versions."""

import hashlib
import io
from unittest import mock

import docx
import pytest
from django.core import mail

from committee.files.models import StoredFile
from committee.kernel.editing import EditConflict
from documents.reports.models import ArchivedReport, Comment, Report
from documents.reports.services import (
    ReportError,
    add_comment,
    edit_paragraph,
    finalize_report,
    open_corrigendum,
    open_review,
    resolve_comment,
)
from tests.jobs import written

pytestmark = pytest.mark.django_db


def test_the_secretariat_edits_a_paragraph_and_history_says_who(cast, paragraph):
    edited = edit_paragraph(
        paragraph=paragraph, language="fr", text="Le Groupe s'est réuni.", expected_revision=1, by=cast["secretariat"]
    )

    assert edited.text == {"en": "The Group met.", "fr": "Le Groupe s'est réuni."}
    assert edited.revision == 2
    assert edited.history.first().history_user == cast["secretariat"]


def test_a_second_save_of_the_same_paragraph_is_refused_and_shows_the_other_text(cast, paragraph):
    edit_paragraph(
        paragraph=paragraph, language="en", text="First editor's text.", expected_revision=1, by=cast["secretariat"]
    )

    with pytest.raises(EditConflict) as conflict:
        edit_paragraph(
            paragraph=paragraph,
            language="en",
            text="Second editor's text.",
            expected_revision=1,
            by=cast["secretariat"],
        )

    assert conflict.value.current.text["en"] == "First editor's text."
    paragraph.refresh_from_db()
    assert paragraph.text["en"] == "First editor's text."


def test_members_may_not_edit(cast, paragraph):
    with pytest.raises(ReportError, match=r"^You may not do this on this report\.$"):
        edit_paragraph(paragraph=paragraph, language="en", text="x", expected_revision=1, by=cast["member"])

    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.revision) == ({"en": "The Group met."}, 1)
    assert paragraph.history.count() == 1  # only its creation


def test_a_members_proposal_accepted_by_the_secretariat_reaches_the_archived_report(
    cast, paragraph, small_session, django_capture_on_commit_callbacks
):
    report = small_session.report
    open_review(report=report, by=cast["secretariat"])
    comment = add_comment(
        paragraph=paragraph,
        author=cast["member"],
        language="en",
        text="Say who met.",
        proposed_text="The Group of Experts met in Geneva.",
    )
    with pytest.raises(ReportError, match=r"^You may not do this on this report\.$"):
        add_comment(paragraph=paragraph, author=cast["observer"], language="en", text="Observers only read.")
    assert list(Comment.objects.values_list("text", flat=True)) == ["Say who met."]

    with django_capture_on_commit_callbacks(execute=True):
        resolve_comment(comment=comment, decision=Comment.Status.ACCEPTED, by=cast["secretariat"], answer="Thank you.")
    archived = finalize_report(report=report, by=cast["rapporteur"])

    assert mail.outbox[-1].to == ["member@example.org"]
    assert "accepted" in mail.outbox[-1].body
    assert [(a.language, a.format) for a in archived] == [("en", "docx"), ("en", "pdf"), ("en", "akn")]
    with archived[0].file.open("rb") as stored:
        content = stored.read()
    assert hashlib.sha256(content).hexdigest() == archived[0].sha256
    assert "The Group of Experts met in Geneva." in [
        p.text.split("\t")[-1] for p in docx.Document(io.BytesIO(content)).paragraphs
    ]
    report.refresh_from_db()
    assert report.status == Report.Status.FINALIZED


def test_a_finalized_report_is_locked_and_changes_only_by_corrigendum(cast, paragraph, small_session):
    report = small_session.report
    finalize_report(report=report, by=cast["rapporteur"])

    with pytest.raises(ReportError, match="corrigendum"):
        edit_paragraph(
            paragraph=paragraph, language="en", text="Too late.", expected_revision=1, by=cast["secretariat"]
        )
    with pytest.raises(ReportError, match="already been finalized"):
        finalize_report(report=report, by=cast["rapporteur"])

    open_corrigendum(report=report, by=cast["secretariat"])
    edit_paragraph(paragraph=paragraph, language="en", text="Corrected.", expected_revision=1, by=cast["secretariat"])
    finalize_report(report=report, by=cast["rapporteur"])

    versions = {(a.version, a.language): a for a in ArchivedReport.objects.filter(report=report)}
    assert set(versions) == {(1, "en"), (2, "en")}
    assert versions[1, "en"].sha256 != versions[2, "en"].sha256
    assert versions[1, "en"].file.name != versions[2, "en"].file.name


def test_only_the_chair_or_rapporteurs_finalize(cast, small_session):
    report = small_session.report
    for kind in ("secretariat", "member", "observer"):
        with pytest.raises(ReportError, match=r"^You may not do this on this report\.$"):
            finalize_report(report=report, by=cast[kind])
    assert not ArchivedReport.objects.exists()
    assert not StoredFile.objects.exists()
    report.refresh_from_db()
    assert (report.status, report.version) == (Report.Status.DRAFT, 1)


def _masthead(content: bytes) -> str:
    return " ".join(cell.text for row in docx.Document(io.BytesIO(content)).tables[0].rows for cell in row.cells)


def test_the_draft_circulates_under_a_limited_symbol_and_the_report_keeps_its_own(client, cast, small_session):
    report = small_session.report
    open_review(report=report, by=cast["secretariat"])
    client.force_login(cast["member"])

    draft = written(client, f"/sessions/{small_session.code}/report.en.docx").content
    archived = finalize_report(report=report, by=cast["rapporteur"])[0]
    with archived.file.open("rb") as stored:
        final = stored.read()

    report.refresh_from_db()
    assert (report.draft_document.symbol, report.draft_document.distribution) == ("TST/G/2/L.1", "limited")
    assert "TST/G/2/L.1" in _masthead(draft)
    assert "Distr.: Limited" in _masthead(draft)
    assert "TST/G/2/3" in _masthead(final)
    assert "Distr.: General" in _masthead(final)
    assert archived.symbol == "TST/G/2/3"


def test_a_finalization_that_fails_midway_leaves_no_file_and_the_next_one_archives(cast, small_session):
    """The files are written before the report is locked, in the same transaction: if anything fails after them,
    they go with it."""
    report = small_session.report

    def worker_dies(*args, **kwargs):
        assert StoredFile.objects.filter(name__startswith="reports/").exists(), "the files were written first"
        raise RuntimeError("the worker dies before the report is locked")

    with (
        mock.patch("documents.reports.services._move", side_effect=worker_dies),
        pytest.raises(RuntimeError, match="the worker dies"),
    ):
        finalize_report(report=report, by=cast["rapporteur"])

    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert not ArchivedReport.objects.exists()
    assert not StoredFile.objects.exists()

    archived = finalize_report(report=report, by=cast["rapporteur"])
    files = sorted(StoredFile.objects.values_list("name", flat=True))
    assert files == sorted(entry.file.name for entry in archived)
    assert files == [
        "reports/TST_G_2_3/v1/TST_G_2_3.en.akn.xml",
        "reports/TST_G_2_3/v1/TST_G_2_3.en.docx",
        "reports/TST_G_2_3/v1/TST_G_2_3.en.pdf",
    ]
    for entry in archived:
        with entry.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == entry.sha256

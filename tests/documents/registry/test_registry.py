"""The document registry: each symbol given once, in the UN's series."""

import json
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.models import Document, DocumentFile
from documents.registry.services import RegistryError, Series, allocate
from meetings.sessions.models import Session
from tests.builders import make_larger_session_file
from tests.jobs import written

pytestmark = pytest.mark.django_db


def test_symbols_follow_the_series(small_session, secretariat):
    session = Session.objects.create(committee=small_session.committee, number=3, code="TST/G/3")

    note = allocate(session=session, series=Series.MAIN, by=secretariat)
    agenda = allocate(session=session, series=Series.MAIN, kind="provisional_agenda", by=secretariat)
    report = allocate(session=session, series=Series.MAIN, kind="report", by=secretariat)
    information = [allocate(session=session, series=Series.INFORMATION, by=secretariat) for _ in range(2)]
    draft = allocate(session=session, series=Series.LIMITED, kind="draft_report", by=secretariat)
    addendum = allocate(session=session, series=Series.ADDENDUM, parent=draft, by=secretariat)
    corrigendum = allocate(session=session, series=Series.CORRIGENDUM, parent=agenda, by=secretariat)

    assert note.symbol == "TST/G/3/2"  # /1 is kept for the provisional agenda
    assert agenda.symbol == "TST/G/3/1"
    assert report.symbol == "TST/G/3/3"
    assert [d.symbol for d in information] == ["TST/G/3/INF.1", "TST/G/3/INF.2"]
    assert (draft.symbol, draft.distribution) == ("TST/G/3/L.1", "limited")
    assert addendum.symbol == "TST/G/3/L.1/Add.1"
    assert corrigendum.symbol == "TST/G/3/1/Corr.1"


def test_a_deleted_documents_symbol_is_never_given_again(small_session, secretariat):
    withdrawn = allocate(session=small_session, series=Series.INFORMATION, by=secretariat)
    withdrawn.delete()

    assert allocate(session=small_session, series=Series.INFORMATION, by=secretariat).symbol == "TST/G/2/INF.2"


def test_only_the_secretariat_allocates_and_modifications_name_their_document(small_session, cast):
    with pytest.raises(RegistryError, match="Only the secretariat"):
        allocate(session=small_session, series=Series.MAIN, by=cast["member"])
    with pytest.raises(RegistryError, match="modify another document"):
        allocate(session=small_session, series=Series.ADDENDUM, by=cast["secretariat"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_two_allocations_at_once_get_two_symbols(small_session, secretariat):
    start = threading.Barrier(2)
    symbols, errors = [], []

    def allocate_one() -> None:
        try:
            start.wait()
            symbols.append(allocate(session=small_session, series=Series.INFORMATION, by=secretariat).symbol)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(symbols) == ["TST/G/2/INF.1", "TST/G/2/INF.2"]


def registry_url(code: str = "TST/G/2") -> str:
    return reverse("registry:registry", kwargs={"code": code})


def test_the_secretariat_allocates_and_uploads_on_the_registry_page(client, cast, small_session):
    client.force_login(cast["secretariat"])

    allocated = client.post(
        registry_url(),
        {
            "series": "inf",
            "kind": "list_of_participants",
            "title_en": "List of participants",
            "title_fr": "Liste des participants",
            "distribution": "general",
            "original_language": "en",
        },
        follow=True,
    )
    wrong = client.post(
        registry_url(),
        {
            "series": "corr",
            "kind": "other",
            "title_en": "A correction",
            "distribution": "general",
            "original_language": "en",
        },
    )
    uploaded = client.post(
        reverse("registry:upload_version", kwargs={"symbol": "TST/G/2/INF.1"}),
        {"language": "fr", "issued_on": "2025-01-10", "file": SimpleUploadedFile("liste.pdf", b"%PDF-1.7 liste")},
        follow=True,
    )
    refused = client.post(
        reverse("registry:upload_version", kwargs={"symbol": "TST/G/2/INF.1"}),
        {"language": "en", "file": SimpleUploadedFile("list.pdf", b"MZ not a pdf")},
        follow=True,
    )

    assert "Symbol TST/G/2/INF.1 allocated." in allocated.text
    assert wrong.status_code == 400
    assert "Choose the document modified" in wrong.text
    assert "TST/G/2/INF.1: the French version is saved." in uploaded.text
    assert "10 Jan 2025" in uploaded.text
    assert "list.pdf is not a valid PDF file." in refused.text
    download = client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/INF.1", "language": "fr"}))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 liste"

    replaced = client.post(
        reverse("registry:upload_version", kwargs={"symbol": "TST/G/2/INF.1"}),
        {"language": "fr", "file": SimpleUploadedFile("liste-2.pdf", b"%PDF-1.7 liste revue")},
        follow=True,
    )
    assert "TST/G/2/INF.1: the French version is saved." in replaced.text
    version = DocumentFile.objects.get(document__symbol="TST/G/2/INF.1")  # one file per language, replaced
    download = client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/INF.1", "language": "fr"}))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 liste revue"
    assert [row.history_user for row in version.history.all()] == [cast["secretariat"]] * 2


def test_an_uploaded_file_is_served_only_through_the_view_that_asks_who_may_read_it(
    client, cast, small_session, django_user_model
):
    """A stored file's own address (the admin's link to it) is for the administrators alone."""
    document = Document.objects.get(symbol="TST/G/2/1")
    version = DocumentFile(document=document, language="fr")
    version.file.save("ordre-du-jour.pdf", ContentFile(b"%PDF-1.7 ordre du jour"))
    for person in (None, cast["secretariat"]):
        if person is not None:
            client.force_login(person)
        assert client.get(version.file.url).status_code == 404
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password"))
    assert b"".join(client.get(version.file.url).streaming_content) == b"%PDF-1.7 ordre du jour"
    client.logout()
    client.force_login(django_user_model.objects.create_user("outsider", "outsider@example.org", "a-long-password"))
    assert (
        client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/1", "language": "fr"})).status_code
        == 404
    )
    client.force_login(cast["member"])
    download = client.get(reverse("registry:document_file", kwargs={"symbol": "TST/G/2/1", "language": "fr"}))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 ordre du jour"


def test_readers_see_the_registry_by_distribution_and_cannot_allocate(client, cast, small_session):
    Document.objects.filter(symbol="TST/G/2/1").update(distribution="restricted")
    client.force_login(cast["observer"])

    page = client.get(registry_url())
    post = client.post(registry_url(), {"series": "main", "kind": "other", "title_en": "X", "distribution": "general"})

    assert page.status_code == 200
    assert "TST/G/2/3" in page.text
    assert "TST/G/2/1" not in page.text  # restricted
    assert "Allocate a symbol" not in page.text
    assert post.status_code == 403


def test_the_draft_report_downloads_from_the_registry_only_for_those_who_read_drafts(client, cast, small_session):
    client.force_login(cast["member"])
    member = written(client, reverse("registry:document_file", kwargs={"symbol": "TST/G/2/3", "language": "en"}))
    client.force_login(cast["observer"])
    observer = written(client, reverse("registry:document_file", kwargs={"symbol": "TST/G/2/3", "language": "en"}))

    assert member.status_code == 200
    assert member["Content-Disposition"] == 'attachment; filename="TST_G_2_3.en.docx"'
    assert observer.status_code == 403  # the report is a draft until finalized


@pytest.mark.parametrize("page", ["registry:registry"])
def test_the_registry_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat, page):
    counts = []
    client.force_login(secretariat)
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(page, kwargs={"code": session.code})).status_code == 200
        counts.append(len(queries))

    # The request's session, user, roles and two-factor device; the session, its committee, the documents with
    # their parents, the unread notifications, the documents' files: 9.
    assert counts[0] == 9, counts
    assert counts[0] == counts[1], counts


def test_the_list_of_documents_to_build_says_why_one_cannot_be_built(tmp_path, capsys, settings):
    """The first session's provisional agenda (TD/B/EDE/1/1) has no text in the demo: it is listed with the reason,
    and every document listed with languages builds in each of them."""
    settings.DEBUG = True
    call_command("load_demo")
    capsys.readouterr()

    call_command("build_document", list=True)

    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["TD/B/EDE/1/1", "Provisional agenda", "-", "cannot be built: no text in any language yet"] in rows
    for row in rows:
        symbol, _kind, languages, *why = row
        if languages == "-":
            assert why == ["cannot be built: no text in any language yet"], row
            with pytest.raises(CommandError, match="no language yet"):
                call_command("build_document", symbol, lang="en", output=tmp_path / "none.docx")
            continue
        assert why == [], row
        for language in languages.split(","):
            call_command("build_document", symbol, lang=language, output=tmp_path / f"{language}.docx")
            assert (tmp_path / f"{language}.docx").read_bytes().startswith(b"PK")

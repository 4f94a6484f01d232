"""The session report of a public committee, as the UN publishes it: once finalized, its archived Word file is
anyone's to download by its symbol, signed in or not, and stays so while a corrigendum is drafted; before its
first finalization it is a draft, for those who read drafts. A private committee's report stays private."""

import pytest
from django.urls import reverse

from committee.bodies.models import Committee
from documents.registry.models import Document
from documents.reports.services import edit_paragraph, finalize_report, issue_report, open_corrigendum
from tests.jobs import written

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("registry:document_file", kwargs={"symbol": "TST/G/2/3", "language": "en"})


@pytest.fixture
def public(small_session):
    Committee.objects.filter(pk=small_session.committee_id).update(is_public=True)
    small_session.refresh_from_db()
    return small_session


def archived_bytes(session, version: int) -> bytes:
    entry = session.report.archive.get(language="en", version=version, format="docx")
    with entry.file.open("rb") as stored:
        return stored.read()


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def asks_to_sign_in(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("issued", [False, True], ids=["finalized", "issued"])
def test_a_signed_out_visitor_downloads_the_finalized_report_of_a_public_committee(client, cast, public, issued):
    finalize_report(report=public.report, by=cast["rapporteur"])
    if issued:
        issue_report(report=public.report, by=cast["secretariat"])

    response = client.get(REPORT_URL)

    assert response.status_code == 200
    assert content(response) == archived_bytes(public, version=1)


def test_the_issued_report_stays_public_while_its_corrigendum_is_drafted(client, cast, public, paragraph):
    finalize_report(report=public.report, by=cast["rapporteur"])
    issue_report(report=public.report, by=cast["secretariat"])
    open_corrigendum(report=public.report, by=cast["secretariat"])
    paragraph.refresh_from_db()
    edit_paragraph(
        paragraph=paragraph,
        language="en",
        text="A corrected paragraph, not yet finalized.",
        expected_revision=paragraph.revision,
        by=cast["secretariat"],
    )

    signed_out = client.get(REPORT_URL)
    client.force_login(cast["observer"])  # sees the committee, reads no drafts
    observer = client.get(REPORT_URL)
    client.force_login(cast["member"])  # reads drafts: the corrigendum as drafted
    member = written(client, REPORT_URL)

    issued = archived_bytes(public, version=1)
    assert (signed_out.status_code, content(signed_out)) == (200, issued)
    assert (observer.status_code, content(observer)) == (200, issued)
    assert member.status_code == 200
    assert content(member) != issued


def test_the_draft_of_a_public_committees_report_asks_to_sign_in(client, cast, public):
    assert asks_to_sign_in(client.get(REPORT_URL))  # not finalized: a draft

    client.force_login(cast["observer"])
    assert client.get(REPORT_URL).status_code == 403
    client.force_login(cast["member"])
    assert client.get(REPORT_URL).status_code == 200


def test_a_finalized_report_of_limited_distribution_is_not_public(client, cast, public):
    Document.objects.filter(symbol="TST/G/2/3").update(distribution=Document.Distribution.LIMITED)
    finalize_report(report=public.report, by=cast["rapporteur"])

    assert asks_to_sign_in(client.get(REPORT_URL))


def test_the_finalized_report_of_a_private_committee_is_not_public(client, cast, small_session, django_user_model):
    finalize_report(report=small_session.report, by=cast["rapporteur"])
    open_corrigendum(report=small_session.report, by=cast["secretariat"])

    assert asks_to_sign_in(client.get(REPORT_URL))
    client.force_login(django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password"))
    assert client.get(REPORT_URL).status_code == 404

"""Symbols as the registry page lists them (number by number) and the documents a new one may modify."""

import re

import pytest
from django.urls import reverse

from documents.registry.models import Document
from documents.registry.services import RegistryError, Series, allocate
from meetings.sessions.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_session(small_session):
    return Session.objects.create(committee=small_session.committee, number=3, code="TST/G/3")


def listed(client, code: str) -> list[str]:
    """The symbols the registry lists, page after page (12 a page)."""
    symbols: list[str] = []
    number = 1
    while True:
        page = client.get(reverse("registry:registry", kwargs={"code": code}) + f"?page={number}").text
        on_page = re.findall(r'<span class="fw-semibold">([^<]+)</span>', page)
        assert len(on_page) <= 12
        symbols += on_page
        if f'<a href="?page={number + 1}">Next documents</a>' not in page:
            return symbols
        number += 1


def test_the_registry_page_lists_symbols_number_by_number(client, secretariat, third_session):
    for _ in range(10):
        allocate(session=third_session, series=Series.MAIN, by=secretariat)  # /2 to /11
    for _ in range(10):
        allocate(session=third_session, series=Series.INFORMATION, by=secretariat)  # /INF.1 to /INF.10
    second = Document.objects.get(symbol="TST/G/3/2")
    allocate(session=third_session, series=Series.ADDENDUM, parent=second, by=secretariat)
    client.force_login(secretariat)

    assert listed(client, "TST/G/3") == [
        "TST/G/3/2",
        "TST/G/3/2/Add.1",
        *(f"TST/G/3/{n}" for n in range(3, 12)),
        *(f"TST/G/3/INF.{n}" for n in range(1, 11)),
    ]


def test_a_main_series_document_never_has_a_parent(secretariat, small_session, third_session):
    agenda = Document.objects.get(symbol="TST/G/2/1")

    with pytest.raises(RegistryError, match=r"^Addenda, corrigenda and revisions, and only they, modify another"):
        allocate(session=small_session, series=Series.MAIN, parent=agenda, by=secretariat)

    assert not Document.objects.filter(parent=agenda).exists()
    assert not Document.objects.filter(symbol__startswith="TST/G/2/1/").exists()


def test_a_modification_is_of_a_document_of_the_same_session(secretariat, small_session, third_session):
    agenda = Document.objects.get(symbol="TST/G/2/1")
    before = set(Document.objects.values_list("symbol", flat=True))

    with pytest.raises(RegistryError, match=r"^The document modified must be one of this session's\.$"):
        allocate(session=third_session, series=Series.CORRIGENDUM, parent=agenda, by=secretariat)

    assert set(Document.objects.values_list("symbol", flat=True)) == before
    corrigendum = allocate(session=small_session, series=Series.CORRIGENDUM, parent=agenda, by=secretariat)
    assert (corrigendum.symbol, corrigendum.session, corrigendum.parent) == ("TST/G/2/1/Corr.1", small_session, agenda)


def test_the_registry_page_refuses_a_parent_of_another_session_or_for_the_main_series(
    client, secretariat, small_session, third_session
):
    agenda = Document.objects.get(symbol="TST/G/2/1")
    before = set(Document.objects.values_list("symbol", flat=True))
    client.force_login(secretariat)
    url = reverse("registry:registry", kwargs={"code": "TST/G/3"})
    form = {"kind": "other", "title_en": "A correction", "distribution": "general", "original_language": "en"}

    other_session = client.post(url, {**form, "series": "corr", "parent": agenda.pk})
    main = client.post(
        reverse("registry:registry", kwargs={"code": "TST/G/2"}), {**form, "series": "main", "parent": agenda.pk}
    )

    assert other_session.status_code == 400
    assert "Select a valid choice. That choice is not one of the available choices." in other_session.text
    assert main.status_code == 400
    assert "Choose the document modified for an addendum, corrigendum or revision, and only for them." in main.text
    assert set(Document.objects.values_list("symbol", flat=True)) == before


def test_a_version_uploaded_leads_back_to_the_registry_page_where_its_document_stands(
    client, secretariat, third_session
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for _ in range(14):
        allocate(session=third_session, series=Series.INFORMATION, by=secretariat)  # INF.1 to INF.14
    client.force_login(secretariat)
    late = Document.objects.get(symbol="TST/G/3/INF.14")

    uploaded = client.post(
        reverse("registry:upload_version", kwargs={"symbol": late.symbol}),
        {"language": "en", "file": SimpleUploadedFile("inf14.pdf", b"%PDF-1.7 the fourteenth")},
    )

    assert uploaded["Location"] == f"/sessions/TST/G/3/documents/?page=2#document-{late.pk}"
    assert f'id="document-{late.pk}"' in client.get(uploaded["Location"]).text

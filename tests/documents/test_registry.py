"""The document registry: each symbol given once, in the UN's series."""

import threading

import pytest
from django.db import connection

from documents.registry import RegistryError, Series, allocate
from meetings.models import Session

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

"""The session page shows what the session is, in the reader's language, in a fixed number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from tests.builders import make_larger_session_file, make_session_file

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in(client, small_session):
    response = client.get(small_session.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_home_page_lists_committees_and_their_sessions(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.get(reverse("programme:home")).text

    assert "Group of Experts on Testing" in page
    assert f'href="{small_session.get_absolute_url()}"' in page


def test_the_session_page_shows_agenda_bureau_meetings_and_participants(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.get(small_session.get_absolute_url()).text

    assert "Adopted agenda" in page
    assert "(b) Browser tests" in page
    assert "Ms. <bdi>Ana Example</bdi> (<bdi>France</bdi>)" in page
    assert "Opening plenary" in page
    assert "For agenda items 1, 2" in page  # the provisional agenda document, TST/G/2/1
    assert 'State member of the body <span class="text-body-secondary">(2)</span>' in page
    assert page.index("France") < page.index("Kenya") < page.index("Friends of Testing")


def test_the_session_page_speaks_french(client, secretariat, small_session):
    client.force_login(secretariat)
    client.cookies["django_language"] = "fr"

    page = client.get(small_session.get_absolute_url()).text

    assert '<html lang="fr"' in page
    assert "Ordre du jour adopté" in page
    assert "Genève" in page
    assert "Amis des essais" in page


def test_the_session_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    client.force_login(secretariat)
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(session.get_absolute_url()).status_code == 200
        counts.append(len(queries))

    # The request's session, user, roles and two-factor device; the session, bureau, agendas and their items (2),
    # committee, the meetings' dates (a long programme is shown a day at a time), the meetings with their people and
    # items, decisions, participations, the draft's paragraphs, the recommendations, documents (2), and the sections
    # apps add (notifications, 4): 24.
    assert counts[0] == 24, counts
    assert counts[0] == counts[1], counts


def test_french_lists_sort_accented_names_among_their_letters(client, secretariat):
    data = make_session_file()
    data["session"]["participants"] += [
        {"entity": code, "category": "member_state"} for code in ("TUR", "EGY", "ESP", "SEN", "SWE", "DJI")
    ]
    import_session(read_session_file(json.dumps(data)))
    client.force_login(secretariat)
    client.cookies["django_language"] = "fr"

    page = client.get(reverse("programme:session", kwargs={"code": "TST/G/2"})).text

    names = ["Djibouti", "Égypte", "Espagne", "France", "Kenya", "Sénégal", "Suède", "Türkiye"]
    positions = [page.index(f'<li class="list-inline-item"><bdi>{name}</bdi>') for name in names]
    assert positions == sorted(positions)

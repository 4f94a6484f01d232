"""The programme: a session's meetings day by day with their people, agenda items and documents; a committee's
coming meetings and what its last meetings announced; all of it through the session file."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.exchange.session_file.dump import export_session
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.programme.models import Meeting
from meetings.sessions.models import Session
from tests.builders import make_larger_session_file, make_session_file

pytestmark = pytest.mark.django_db


def programme_file() -> dict:
    """The small session with a round table on item 3: its moderator and panellists, and a joint proposal."""
    data = make_session_file()
    session = data["session"]
    session["meetings"].insert(
        1,
        {
            "key": "round-table",
            "kind": "round_table",
            "title": {"en": "Testing in practice", "fr": "Les essais en pratique"},
            "date": "2024-12-31",
            "start_time": "15:00",
            "end_time": "18:00",
            "room": "Room XVII",
            "online_link": "https://meet.example.org/round-table",
            "agenda_items": [3],
            "people": [
                {"role": "moderator", "courtesy": "ms", "name": "Mira Moderator", "entity": "SECR"},
                {"role": "panellist", "courtesy": "mr", "name": "Pan Elist", "entity": "FRA", "function": "Tester"},
            ],
        },
    )
    session["meetings"][-1] |= {"next_date": "2025-06-02", "next_topic": {"en": "Testing at scale"}}
    session["documents"].append(
        {
            "symbol": "TST/G/2/CRP.1",
            "kind": "other",
            "title": {"en": "A proposal on testing"},
            "meetings": ["round-table"],
            "submitted_by": ["FRA", "KEN"],
        }
    )
    session["documents"].append(
        {
            "symbol": "TST/G/2/CRP.2",
            "kind": "other",
            "title": {"en": "A restricted paper"},
            "distribution": "restricted",
            "meetings": ["round-table"],
        }
    )
    return data


@pytest.fixture
def programme_session():
    return import_session(read_session_file(json.dumps(programme_file())))


def test_the_session_page_shows_the_programme_day_by_day(client, cast, programme_session):
    client.force_login(cast["observer"])
    page = client.get(programme_session.get_absolute_url()).text
    programme = page[page.index('id="programme"') :]

    days = ["Monday, 30 December 2024", "Tuesday, 31 December 2024", "Thursday, 2 January 2025"]
    assert [programme.index(day) for day in days] == sorted(programme.index(day) for day in days)
    round_table = programme[programme.index("Tuesday, 31 December 2024") : programme.index("Thursday, 2 January 2025")]
    assert "15:00–18:00" in round_table
    assert ">CET<" in round_table  # the venue's time, named
    assert "Testing in practice" in round_table
    assert "Room XVII" in round_table
    assert 'href="https://meet.example.org/round-table"' in round_table
    assert "Agenda item 3" in round_table
    assert "Moderator:</span> Ms. <bdi>Mira Moderator</bdi> (<bdi>TS</bdi>)" in round_table
    assert "Panellist:</span> Mr. <bdi>Pan Elist</bdi>, <bdi>Tester</bdi> (<bdi>France</bdi>)" in round_table
    assert "TST/G/2/CRP.1</span> A proposal on testing — jointly submitted by France, Kenya" in round_table
    assert "A restricted paper" not in page  # an observer does not read restricted documents
    assert "Announced for the next meeting:</span> Monday, 2 June 2025 — Testing at scale" in programme


def test_the_secretariat_sees_the_restricted_document_where_it_is_taken_up(client, cast, programme_session):
    client.force_login(cast["secretariat"])
    assert "A restricted paper" in client.get(programme_session.get_absolute_url()).text


def test_a_cancelled_meeting_says_so(client, cast, programme_session):
    Meeting.objects.filter(key="round-table").update(status="cancelled")
    client.force_login(cast["member"])
    page = client.get(programme_session.get_absolute_url()).text
    assert "<del><bdi>Testing in practice</bdi></del>" in page
    assert "Cancelled" in page


def test_the_committee_page_lists_coming_meetings_and_the_last_announcements(client, cast, programme_session):
    soon = timezone.localdate() + datetime.timedelta(days=7)
    Meeting.objects.filter(key="round-table").update(date=soon)
    outside = Meeting.objects.create(
        committee=programme_session.committee,
        key="virtual-1",
        kind="dedicated_discussion",
        title={"en": "Dedicated discussion on the work programme"},
        date=soon + datetime.timedelta(days=1),
        start_time=datetime.time(14),
    )
    client.force_login(cast["member"])
    page = client.get(programme_session.committee.get_absolute_url()).text
    upcoming = page[page.index('id="upcoming"') : page.index('id="sessions"')]

    assert upcoming.index("Testing in practice") < upcoming.index(str(outside))
    assert "TST/G/2" in upcoming  # a session's meeting links to its session
    assert "Opening plenary" not in upcoming  # past
    assert "What the last meetings announced" in upcoming
    assert "next meeting on Monday, 2 June 2025, on “Testing at scale”" in upcoming


def test_the_programme_goes_through_the_session_file_and_back(programme_session):
    exported = export_session(programme_session)
    round_table = next(m for m in exported["session"]["meetings"] if m["key"] == "round-table")
    expected = programme_file()["session"]["meetings"][1]

    assert round_table == expected
    proposal = next(d for d in exported["session"]["documents"] if d["symbol"] == "TST/G/2/CRP.1")
    assert (proposal["meetings"], proposal["submitted_by"]) == (["round-table"], ["FRA", "KEN"])
    assert exported["session"]["meetings"][-1]["next_topic"] == {"en": "Testing at scale"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m, d: m.update(agenda_items=[9]), "session.meetings[1].agenda_items: the agenda has no item 9"),
        (
            lambda m, d: m["people"][0].update(entity="ATL"),
            "session.meetings[1].people[0].entity: ATL is neither a State's ISO alpha-3 code",
        ),
        (
            lambda m, d: d["session"]["documents"][-2].update(meetings=["nowhere"]),
            "session.documents[2].meetings: nowhere is not the key of a meeting of this session",
        ),
    ],
)
def test_a_wrong_reference_in_the_programme_is_named_and_nothing_is_written(change, message):
    from committee.kernel.import_errors import ImportRejected

    data = programme_file()
    change(data["session"]["meetings"][1], data)
    with pytest.raises(ImportRejected) as rejected:
        read_session_file(json.dumps(data))
    assert any(str(problem).startswith(message) for problem in rejected.value.problems), rejected.value.problems
    assert not Meeting.objects.exists()


def test_the_session_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    counts = []
    client.force_login(secretariat)
    for scale in (1, 10):
        data = make_larger_session_file(scale)
        for meeting in data["session"]["meetings"]:
            meeting |= {"date": "2024-12-31", "agenda_items": [1, 2], "people": [{"role": "chair", "name": "A. Chair"}]}
        session = import_session(read_session_file(json.dumps(data)))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(session.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    # The request's session, user, roles and two-factor device; the session, bureau, agendas and their items (2),
    # committee, the meetings' dates (a long programme is shown a day at a time), the meetings with their people and
    # items, decisions, participations, the draft's paragraphs, the recommendations, documents (2), and the sections
    # apps add (notifications, 4): 24.
    assert counts[0] == 24, counts
    assert counts[0] == counts[1], counts


def test_the_committee_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    counts = []
    client.force_login(secretariat)
    soon = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    for scale in (1, 10):
        data = make_larger_session_file(scale)
        for meeting in data["session"]["meetings"]:
            meeting |= {"date": soon, "agenda_items": [1], "people": [{"role": "chair", "name": "A. Chair"}]}
        session = import_session(read_session_file(json.dumps(data)))
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(reverse("programme:committee", kwargs={"code": session.committee.code})).status_code == 200
            )
        counts.append(len(queries))
    # The committee, the request's session, user, roles and two-factor device; the committees' tree (2), sessions,
    # strategies, notifications (2), the committees below, the coming meetings with their people and items, the
    # meetings, documents, sessions and how many there are, the committee again, its members and their entities,
    # invitations, roles: 24.
    assert counts[0] == 24, counts
    assert counts[0] == counts[1], counts


def test_a_submission_is_listed_under_its_agenda_item_with_who_submitted_it(client, cast, programme_session):
    from documents.registry.models import Document

    Document.objects.get(symbol="TST/G/2/CRP.1").agenda_items.set(
        programme_session.agendas.get(kind="adopted").items.filter(position=3, parent__isnull=True)
    )
    client.force_login(cast["member"])
    page = client.get(reverse("programme:agenda", kwargs={"code": "TST/G/2"}) + "?kind=adopted").text
    assert "TST/G/2/CRP.1 (jointly submitted by France, Kenya)" in page


def test_ten_years_of_sessions_are_paged_on_the_committee_page_and_summed_up_on_the_home_page(client, secretariat):
    """The home page lists a committee's 3 latest sessions and links to all of them; the committee's page lists
    them 10 at a time, the latest first."""
    committee = import_session(read_session_file(json.dumps(make_session_file()))).committee
    committee.sessions.all().delete()
    for number in range(1, 13):
        Session.objects.create(committee=committee, number=number, code=f"TST/G/{number}")
    client.force_login(secretariat)

    home = client.get(reverse("programme:home")).text
    page = client.get(reverse("programme:committee", kwargs={"code": committee.code})).text
    older = client.get(reverse("programme:committee", kwargs={"code": committee.code}) + "?sessions=2").text

    def listed(html: str) -> list[str]:
        return re.findall(r'<a href="/sessions/TST/G/(\d+)/">', html)

    assert listed(home) == ["12", "11", "10"]
    assert f'<a href="/committees/{committee.code}/#sessions">All its 12 sessions</a>' in home
    assert listed(page) == [str(n) for n in range(12, 2, -1)]
    assert "1 to 10 of 12 sessions" in page
    assert '<a href="?sessions=2#sessions">Earlier sessions</a>' in page
    assert listed(older) == ["2", "1"]
    assert '<a href="?sessions=1#sessions">Later sessions</a>' in older
    assert listed(client.get(reverse("programme:committee", kwargs={"code": committee.code}) + "?sessions=x").text)


def test_the_home_page_takes_the_same_number_of_queries_with_ten_times_the_sessions(client, secretariat):
    committee = import_session(read_session_file(json.dumps(make_session_file()))).committee
    client.force_login(secretariat)
    counts = []
    for sessions in (1, 10):
        for number in range(committee.sessions.count() + 1, sessions + 3):
            Session.objects.create(committee=committee, number=number + 10, code=f"TST/G/{number + 10}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("programme:home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_long_programme_is_shown_a_day_at_a_time_and_a_meeting_s_address_names_its_day(client, secretariat):
    session = import_session(read_session_file(json.dumps(make_session_file())))
    session.meetings.all().delete()
    first = datetime.date(2024, 12, 30)
    for n in range(15):
        day = first + datetime.timedelta(days=n // 3)
        Meeting.objects.create(session=session, key=f"m{n}", kind="informal", title={"en": f"Meeting {n}"}, date=day)
    Meeting.objects.create(session=session, key="later", kind="informal", title={"en": "Date to come"})
    client.force_login(secretariat)

    def shown(page: str) -> list[str]:
        return list(dict.fromkeys(re.findall(r"Meeting (\d+)", page)))

    first_day = client.get(session.get_absolute_url()).text  # the session is over: its first day
    third_day = client.get(session.get_absolute_url() + "?day=2025-01-01").text
    meeting = Meeting.objects.get(session=session, key="m7")

    assert shown(first_day) == ["0", "1", "2"]
    assert shown(third_day) == ["6", "7", "8"]
    assert "Date to come" in first_day  # the undated meetings on every day
    assert 'href="?day=2025-01-03#programme"' in first_day  # every day is a link
    assert 'aria-current="page" href="?day=2025-01-01#programme"' in third_day
    assert meeting.get_absolute_url() == f"/sessions/{session.code}/?day=2025-01-01#meeting-{meeting.pk}"
    nonsense = client.get(session.get_absolute_url() + "?day=nonsense").text
    assert shown(nonsense) == ["0", "1", "2"]

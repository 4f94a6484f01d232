"""The secretariat prepares, annotates, plans and adopts a session's agenda in the app."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from documents.registry.models import Document
from meetings.programme.models import Agenda, AgendaItem
from meetings.sessions.models import Session
from tests.jobs import written

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_session(small_session):
    return Session.objects.create(committee=small_session.committee, number=3, code="TST/G/3")


def url(name: str, **kwargs) -> str:
    return reverse(f"programme:{name}", kwargs={"code": "TST/G/3", **kwargs})


def test_an_agenda_built_annotated_planned_and_issued(client, cast, next_session):
    client.force_login(cast["secretariat"])

    client.post(url("agenda_action", action="prepare"))
    agenda = Agenda.objects.get(session=next_session, kind="provisional")
    first = agenda.items.get(position=1)  # approved at the previous session: "Election of officers"
    client.post(url("agenda_item_structure", pk=first.pk, action="add"))
    new = agenda.items.get(position=2)
    client.post(
        url("agenda_item", pk=new.pk),
        {
            "language": "en",
            "revision": "1",
            "title": "E-commerce and development",
            "annotation": "The Group will discuss.\n\nIt will hear experts.",
        },
    )
    client.post(
        url("agenda_item", pk=new.pk),
        {
            "language": "fr",
            "revision": "3",
            "title": "Commerce électronique et développement",
            "annotation": "Le Groupe débattra.",
        },
    )
    stale = client.post(
        url("agenda_item", pk=new.pk), {"language": "en", "revision": "1", "title": "Other", "annotation": ""}
    )
    client.post(
        url("half_day", kind="provisional"),
        {
            "language": "en",
            "date": "2025-04-02",
            "period": "morning",
            "note": "Opening plenary",
            "items": [first.pk, new.pk],
        },
    )
    page = client.get(url("agenda") + "?lang=en").text
    document = Document.objects.get(session=next_session, kind="provisional_agenda")
    issued = written(client, reverse("registry:document_file", kwargs={"symbol": document.symbol, "language": "fr"}))

    assert [item.title["en"] for item in agenda.items.order_by("position")] == [
        "Election of officers",
        "E-commerce and development",
    ]
    assert stale.status_code == 409
    assert "E-commerce and development" in stale.text
    assert document.symbol == "TST/G/3/1"
    assert "Wednesday, 2 April 2025" in page
    paragraphs = [p.text for p in docx.Document(io.BytesIO(issued.content)).paragraphs]
    assert "2.\tCommerce électronique et développement." in paragraphs
    assert "1.\tLe Groupe débattra." in paragraphs


def test_a_new_agenda_starts_from_the_procedural_items(client, cast, small_session):
    session = Session.objects.create(committee=small_session.committee, number=5, code="TST/G/5")
    client.force_login(cast["secretariat"])

    client.post(reverse("programme:agenda_action", kwargs={"code": session.code, "action": "prepare"}))

    items = AgendaItem.objects.filter(agenda__session=session).order_by("position")
    assert [item.purpose for item in items] == [
        "election_of_officers",
        "adoption_of_agenda",
        "next_session_agenda",
        "adoption_of_report",
    ]
    assert items[1].title["fr"] == "Adoption de l'ordre du jour et organisation des travaux"


def test_the_adopted_agenda_is_what_the_report_reproduces_with_the_provisional_symbol(client, cast, next_session):
    client.force_login(cast["secretariat"])
    client.post(url("agenda_action", action="prepare"))
    agenda = Agenda.objects.get(session=next_session, kind="provisional")
    agenda.items.update(purpose="")
    agenda.items.filter(position=1).update(purpose="adoption_of_agenda")

    opening = next_session.meetings.create(key="opening", kind="opening_plenary", date=datetime.date(2026, 4, 20))
    undated = client.post(url("agenda_action", action="adopt"), follow=True)
    adopted = client.post(url("agenda_action", action="adopt"), {"meeting": opening.pk}, follow=True)
    again = client.post(url("agenda_action", action="adopt"), {"meeting": opening.pk}, follow=True)
    from documents.reports.collect import collect_session_report_data

    data = collect_session_report_data(next_session)

    assert "Say at which meeting, or on which day." in undated.text
    assert "The agenda is adopted as proposed." in adopted.text
    assert data.agenda_adopted
    assert "already been adopted" in again.text
    assert [item.title["en"] for item in data.agenda] == ["Election of officers"]
    assert data.agenda_symbol == "TST/G/3/1"


def test_an_agenda_is_adopted_on_a_day_before_any_meeting_is_planned(client, cast, next_session):
    client.force_login(cast["secretariat"])
    client.post(url("agenda_action", action="prepare"))
    assert not next_session.meetings.exists()

    wrong = client.post(url("agenda_action", action="adopt"), {"on": "the 20th"}, follow=True)
    adopted = client.post(url("agenda_action", action="adopt"), {"on": "2026-04-20"}, follow=True)

    assert "Give the day of the adoption as a date." in wrong.text
    assert "The agenda is adopted as proposed." in adopted.text
    assert Agenda.objects.get(session=next_session, kind="adopted").adopted_on == datetime.date(2026, 4, 20)


def test_members_read_the_agenda_but_cannot_change_it(client, cast, next_session):
    client.force_login(cast["secretariat"])
    client.post(url("agenda_action", action="prepare"))
    item = AgendaItem.objects.get(agenda__session=next_session)
    client.force_login(cast["member"])

    page = client.get(url("agenda"))
    edit = client.post(url("agenda_item", pk=item.pk), {"language": "en", "revision": "1", "title": "Mine"})
    prepare = client.post(url("agenda_action", action="adopt"))

    assert page.status_code == 200
    assert 'name="title"' not in page.text
    assert edit.status_code == 403
    assert prepare.status_code == 403

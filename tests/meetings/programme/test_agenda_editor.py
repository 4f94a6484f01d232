"""The agenda editor's structure actions as the secretariat uses them on the agenda page: moving an item up or
down, removing it (the ones after it move up a number), and removing a half-day of the organization of work."""

import pytest
from django.urls import reverse

from meetings.programme.models import Agenda, AgendaSlot
from meetings.sessions.models import Session

pytestmark = pytest.mark.django_db

NEW = ["Alpha item", "Beta item", "Gamma item"]


def url(name: str, **kwargs) -> str:
    return reverse(f"programme:{name}", kwargs={"code": "TST/G/3", **kwargs})


@pytest.fixture
def agenda(client, cast, small_session):
    """TST/G/3's provisional agenda: the items carried over, then Alpha, Beta and Gamma."""
    Session.objects.create(committee=small_session.committee, number=3, code="TST/G/3")
    client.force_login(cast["secretariat"])
    assert client.post(url("agenda_action", action="prepare")).status_code == 302
    agenda = Agenda.objects.get(session__code="TST/G/3", kind="provisional")
    for title in NEW:
        last = agenda.items.filter(parent=None).order_by("position").last()
        client.post(url("agenda_item_structure", pk=last.pk, action="add"))
        new = agenda.items.filter(parent=None).order_by("position").last()
        saved = client.post(
            url("agenda_item", pk=new.pk), {"language": "en", "revision": "1", "title": title, "annotation": ""}
        )
        assert saved.status_code == 302
    return agenda


def shown(client) -> list[str]:
    """The new items in the order the agenda page shows them."""
    page = client.get(url("agenda") + "?kind=provisional&lang=en").text
    return sorted((title for title in NEW if title in page), key=page.index)


def numbers(agenda) -> dict[str, int]:
    return {item.title.get("en"): item.position for item in agenda.items.filter(parent=None)}


def item(agenda, title: str):
    return agenda.items.get(title__en=title)


def test_an_item_moves_up_and_down(client, agenda):
    before = numbers(agenda)
    assert shown(client) == ["Alpha item", "Beta item", "Gamma item"]

    moved = client.post(url("agenda_item_structure", pk=item(agenda, "Gamma item").pk, action="up"))
    assert moved.status_code == 302
    assert shown(client) == ["Alpha item", "Gamma item", "Beta item"]
    assert numbers(agenda)["Gamma item"] == before["Beta item"]

    client.post(url("agenda_item_structure", pk=item(agenda, "Alpha item").pk, action="down"))
    assert shown(client) == ["Gamma item", "Alpha item", "Beta item"]

    client.post(url("agenda_item_structure", pk=item(agenda, "Beta item").pk, action="down"))  # already the last
    assert shown(client) == ["Gamma item", "Alpha item", "Beta item"]
    assert sorted(numbers(agenda).values()) == list(range(1, len(before) + 1))


def test_a_removed_item_leaves_the_page_and_the_next_ones_move_up(client, agenda):
    before = numbers(agenda)

    removed = client.post(url("agenda_item_structure", pk=item(agenda, "Alpha item").pk, action="remove"))

    assert removed.status_code == 302
    assert shown(client) == ["Beta item", "Gamma item"]
    after = numbers(agenda)
    assert "Alpha item" not in after
    assert after["Beta item"] == before["Alpha item"]
    assert after["Gamma item"] == before["Beta item"]
    assert sorted(after.values()) == list(range(1, len(before)))


def test_a_removed_half_day_leaves_the_organization_of_work(client, agenda):
    for date, note in (("2025-04-02", "Morning of statements"), ("2025-04-03", "Morning of decisions")):
        client.post(
            url("half_day", kind="provisional"),
            {"language": "en", "date": date, "period": "morning", "note": note, "items": [item(agenda, NEW[0]).pk]},
        )
    page = client.get(url("agenda") + "?kind=provisional&lang=en").text
    assert "Wednesday, 2 April 2025" in page
    assert "Thursday, 3 April 2025" in page
    slot = AgendaSlot.objects.get(agenda=agenda, date="2025-04-02")

    removed = client.post(url("remove_half_day", pk=slot.pk))

    assert removed.status_code == 302
    assert removed.url == url("agenda") + "?kind=provisional&lang=en#organization-of-work"
    page = client.get(url("agenda") + "?kind=provisional&lang=en").text
    assert "Wednesday, 2 April 2025" not in page
    assert "Morning of statements" not in page
    assert "Thursday, 3 April 2025" in page
    notes = AgendaSlot.objects.filter(agenda=agenda).values_list("note", flat=True)
    assert list(notes) == [{"en": "Morning of decisions"}]

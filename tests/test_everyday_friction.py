"""Everyday friction: lists of States sorted by name in the reader's language and searchable, registrations
that download as spreadsheets and import again, a confirmation for every save, a header that folds on a phone."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from meetings.registration.models import Participation
from tests.jobs import followed

pytestmark = pytest.mark.django_db


def options(page: str, select_id: str) -> list[str]:
    """The labels of a select's options, in order."""
    block = page.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in block.split("<option")[1:]]


@pytest.mark.parametrize(
    ("language", "in_order"),
    [("en", ["Austria", "Egypt", "Germany", "Norway"]), ("fr", ["Allemagne", "Autriche", "Égypte", "Norvège"])],
)
def test_the_states_are_listed_by_name_in_the_readers_language(client, small_session, secretariat, language, in_order):
    client.force_login(secretariat)
    client.cookies["django_language"] = language
    page = client.get(reverse("setup:membership", kwargs={"code": "GROUP"}), HTTP_ACCEPT_LANGUAGE=language).content
    listed = options(page.decode(), "id_new-entity")
    positions = [listed.index(name) for name in in_order]
    assert positions == sorted(positions), [listed[i] for i in sorted(positions)]
    assert 'data-searchable="' in page.decode()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_registrations_download_and_import_again_as_they_are(client, small_session, secretariat, kind):
    client.force_login(secretariat)
    url = reverse("registration:registrations_download", kwargs={"code": small_session.code, "kind": kind})
    response = client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="TST_G_2-registrations.{kind}"'
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [
            list(r) for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        ]
    assert rows[0][:5] == ["entity", "category", "role", "courtesy", "name"]
    assert [str(v) for v in rows[1][:5]] == [
        "France",
        "State member of the body",
        "Head of delegation",
        "Ms.",
        "Claire Exemple",
    ]

    before = sorted(Participation.objects.filter(session=small_session).values_list("entity__code", flat=True))
    upload = io.BytesIO(response.content)
    upload.name = f"registrations.{kind}"
    imported = followed(
        client,
        client.post(
            reverse("registration:import_registrations", kwargs={"code": small_session.code}), {"file": upload}
        ),
    )
    assert imported.status_code == 200
    after = sorted(Participation.objects.filter(session=small_session).values_list("entity__code", flat=True))
    assert after == before
    assert small_session.participations.get(entity__code="FRA").delegates.count() == 2


def test_members_cannot_download_the_registrations(client, cast, small_session):
    client.force_login(cast["member"])
    url = reverse("registration:registrations_download", kwargs={"code": small_session.code, "kind": "csv"})
    assert client.get(url).status_code == 403


def test_every_save_says_it_is_saved(client, small_session, secretariat, paragraph):
    client.force_login(secretariat)
    small_session.report.status = "draft"
    saved = client.post(
        reverse("reports:edit_paragraph", kwargs={"code": small_session.code, "pk": paragraph.pk}),
        {"language": "en", "revision": paragraph.revision, "text": "The Group met in Geneva."},
        follow=True,
    )
    assert "The paragraph is saved." in saved.content.decode()
    item = small_session.agendas.get(kind="provisional").items.get(position=1, parent=None)
    agenda = client.post(
        reverse("programme:agenda_item", kwargs={"code": small_session.code, "pk": item.pk}),
        {"language": "en", "revision": item.revision, "title": "Election of the officers"},
        follow=True,
    )
    assert "The item is saved." in agenda.content.decode()


def test_the_header_folds_into_a_menu(client, small_session):
    page = client.get("/").content.decode()
    assert 'class="menu-toggle" type="checkbox" id="menu-toggle"' in page
    assert '<label class="menu-button' in page

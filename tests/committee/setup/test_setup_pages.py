"""The secretariat sets up bodies, their membership and organizations in the app, never in /admin/."""

import re

import pytest
from django.urls import reverse

from committee.bodies.models import Committee, Entity, Membership
from committee.roles.models import Role

pytestmark = pytest.mark.django_db

NEW_BODY = {
    "code": "WP1",
    "kind": "working_group",
    "name_en": "Working Party on Trade Facilitation",
    "name_fr": "Groupe de travail de la facilitation du commerce",
    "name_gender": "m",
    "short_name_en": "the Working Party",
    "symbol_series": "TD/B/WP1/",
    "time_zone": "Europe/Zurich",
    "is_public": "on",
}


def test_a_secretariat_sets_up_a_body_below_its_own_and_runs_it(client, secretariat):
    client.force_login(secretariat)
    board = Committee.objects.get(code="BOARD")
    page = client.get(reverse("setup:new_committee") + "?parent=BOARD")
    assert f'value="{board.pk}" selected' in page.content.decode()

    landed = client.post(reverse("setup:new_committee"), NEW_BODY | {"parent": board.pk}, follow=True)

    body = Committee.objects.get(code="WP1")
    assert (body.parent.code, body.name["fr"], body.name_gender, body.is_public) == (
        "BOARD",
        NEW_BODY["name_fr"],
        {"fr": "m"},
        True,
    )
    assert landed.request["PATH_INFO"] == "/committees/WP1/"
    assert "The body is set up" in landed.content.decode()
    assert "New session" in landed.content.decode()  # its secretariat, from the board's role extending below
    assert not Role.objects.filter(committee=body).exists()


def test_a_body_at_the_top_makes_its_creator_its_secretariat(client, secretariat):
    client.force_login(secretariat)
    client.post(reverse("setup:new_committee"), NEW_BODY | {"code": "TOP"})
    role = Role.objects.get(committee__code="TOP")
    assert (role.user, role.kind, role.includes_subcommittees) == (secretariat, "secretariat", True)


def test_a_french_name_without_its_gender_is_refused_and_nothing_is_created(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("setup:new_committee"), NEW_BODY | {"name_gender": ""})
    assert response.status_code == 400
    assert "Give the gender of the French name" in response.content.decode()
    assert not Committee.objects.filter(code="WP1").exists()


def test_nobody_without_a_secretariat_role_sets_up_a_body(client, django_user_model):
    member = django_user_model.objects.create_user("m", "m@example.org", "a-long-password")
    client.force_login(member)
    assert client.get(reverse("setup:new_committee")).status_code == 403
    assert client.post(reverse("setup:new_committee"), NEW_BODY).status_code == 403
    assert not Committee.objects.filter(code="WP1").exists()


def test_a_body_cannot_be_placed_below_one_its_secretariat_does_not_manage(client, secretariat, django_user_model):
    Committee.objects.create(code="ELSE", kind="committee", name={"en": "Elsewhere"})
    client.force_login(secretariat)
    response = client.post(reverse("setup:new_committee"), NEW_BODY | {"parent": Committee.objects.get(code="ELSE").pk})
    assert response.status_code == 400
    assert not Committee.objects.filter(code="WP1").exists()


def test_the_settings_change_everything_but_the_code(client, small_session, secretariat):
    client.force_login(secretariat)
    group = small_session.committee
    form = client.get(reverse("setup:committee_settings", kwargs={"code": group.code}))
    assert re.search(r'<input[^>]*name="code"[^>]*disabled', form.content.decode())
    values = NEW_BODY | {"code": "CHANGED", "parent": group.parent_id, "secretariat": group.secretariat_id}
    landed = client.post(reverse("setup:committee_settings", kwargs={"code": group.code}), values, follow=True)
    group.refresh_from_db()
    assert (group.code, group.name["en"], group.symbol_series) == ("GROUP", NEW_BODY["name_en"], "TD/B/WP1/")
    assert "The settings are saved." in landed.content.decode()


def test_a_body_cannot_become_its_own_sub_body(client, small_session, secretariat):
    client.force_login(secretariat)
    board = small_session.committee.parent
    page = client.get(reverse("setup:committee_settings", kwargs={"code": board.code}))
    assert f'value="{small_session.committee.pk}"' not in page.content.decode()  # not offered as its parent
    values = NEW_BODY | {"kind": "board", "parent": small_session.committee.pk}
    response = client.post(reverse("setup:committee_settings", kwargs={"code": board.code}), values)
    assert response.status_code == 400
    board.refresh_from_db()
    assert board.parent is None


def test_membership_with_its_dates(client, small_session, secretariat):
    client.force_login(secretariat)
    group = small_session.committee
    chile = Entity.objects.get(code="CHL")
    page = reverse("setup:membership", kwargs={"code": group.code})
    landed = client.post(
        reverse("setup:add_membership", kwargs={"code": group.code}),
        {"new-entity": chile.pk, "new-status": "member", "new-since": "2021-03-01", "new-until": ""},
        follow=True,
    )
    assert landed.request["PATH_INFO"] == page
    assert "The membership of Chile is saved." in landed.content.decode()
    listed = Membership.objects.get(committee=group, entity=chile)
    assert str(listed.since) == "2021-03-01"

    again = client.post(
        reverse("setup:add_membership", kwargs={"code": group.code}),
        {"new-entity": chile.pk, "new-status": "observer"},
        follow=True,
    )
    assert "Chile is already listed" in again.content.decode()
    assert Membership.objects.filter(committee=group, entity=chile).count() == 1

    prefix = f"m{listed.pk}"
    client.post(
        reverse("setup:change_membership", kwargs={"code": group.code, "pk": listed.pk}),
        {f"{prefix}-status": "member", f"{prefix}-since": "2021-03-01", f"{prefix}-until": "2020-01-01"},
    )
    listed.refresh_from_db()
    assert listed.until is None  # before its start: refused
    client.post(
        reverse("setup:change_membership", kwargs={"code": group.code, "pk": listed.pk}),
        {f"{prefix}-status": "associate", f"{prefix}-since": "2021-03-01", f"{prefix}-until": "2024-06-30"},
    )
    listed.refresh_from_db()
    assert (listed.status, str(listed.until), listed.entity) == ("associate", "2024-06-30", chile)

    removed = client.post(reverse("setup:remove_membership", kwargs={"code": group.code, "pk": listed.pk}), follow=True)
    assert "Chile is off the membership." in removed.content.decode()
    assert not Membership.objects.filter(pk=listed.pk).exists()


def test_another_bodys_membership_is_out_of_reach(client, small_session, secretariat):
    other = Committee.objects.create(code="ELSE", kind="committee", name={"en": "Elsewhere"})
    theirs = Membership.objects.create(committee=other, entity=Entity.objects.get(code="CHL"))
    client.force_login(secretariat)
    response = client.post(
        reverse("setup:remove_membership", kwargs={"code": small_session.committee.code, "pk": theirs.pk})
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_organizations_are_added_and_listed_by_name(client, small_session, secretariat):
    client.force_login(secretariat)
    landed = client.post(
        reverse("setup:organizations"),
        {
            "code": "SC",
            "name_en": "South Centre",
            "name_fr": "Centre Sud",
            "name_gender": "m",
            "acronym_en": "",
            "organization_type": "igo",
        },
        follow=True,
    )
    assert "SC is saved." in landed.content.decode()
    south = Entity.objects.get(code="SC")
    assert (south.kind, south.organization_type, south.name_gender) == ("organization", "igo", {"fr": "m"})
    page = landed.content.decode()
    assert page.index("Friends of Testing") < page.index("South Centre") < page.index("Test Secretariat")

    client.post(
        reverse("setup:organization", kwargs={"code": "SC"}),
        {"code": "OTHER", "name_en": "The South Centre", "name_gender": "", "organization_type": "igo"},
    )
    south.refresh_from_db()
    assert (south.code, south.name["en"]) == ("SC", "The South Centre")


def test_states_are_not_edited_as_organizations(client, small_session, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("setup:organization", kwargs={"code": "FRA"})).status_code == 404


def test_the_settings_give_the_names_grammar_in_each_language_and_the_russian_report_follows_it(
    client, small_session, secretariat
):
    """The gender of the name in Spanish, Russian and Arabic, and its Russian form after "of": the Russian report
    declines the body's name and makes its verbs agree with it."""
    import io

    import docx

    from documents.builders.session_report import build_session_report
    from documents.reports.collect import collect_session_report_data

    client.force_login(secretariat)
    group = small_session.committee
    values = NEW_BODY | {
        "parent": group.parent_id,
        "secretariat": group.secretariat_id,
        "name_ru": "Группа экспертов по испытаниям",
        "name_genitive_ru": "Группы экспертов по испытаниям",
        "name_gender_ru": "f",
        "name_gender_es": "m",
        "name_gender_ar": "m",
    }
    client.post(reverse("setup:committee_settings", kwargs={"code": group.code}), values)
    group.refresh_from_db()
    assert group.name_gender == {"fr": "m", "es": "m", "ru": "f", "ar": "m"}
    assert group.name_genitive == {"ru": "Группы экспертов по испытаниям"}
    page = client.get(reverse("setup:committee_settings", kwargs={"code": group.code})).content.decode()
    assert re.search(r'<option value="f" selected>', page)  # the Russian gender, shown again

    small_session.refresh_from_db()
    content = build_session_report(collect_session_report_data(small_session), language="ru")
    text = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert any(line.startswith("Доклад Группы экспертов по испытаниям о ее второй сессии") for line in text)
    assert any("избрала следующих должностных лиц" in line for line in text)  # the verb agrees: Группа is feminine

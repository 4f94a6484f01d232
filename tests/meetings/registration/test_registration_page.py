"""The registration page: delegations and their delegates, registered by the secretariat or, where the
committee allows it, by a member for its own delegation; attendance marked meeting by meeting."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.bodies.models import Entity
from committee.roles.models import Role
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.registration.models import Delegate, Participation
from tests.builders import make_larger_session_file

pytestmark = pytest.mark.django_db


def url(name: str = "registration:registration", code: str = "TST/G/2", **kwargs) -> str:
    return reverse(name, kwargs={"code": code, **kwargs})


def delegate_fields(prefix: str, **values: str) -> dict[str, str]:
    fields = {
        "role": "delegate",
        "courtesy": "",
        "name": "",
        "title": "",
        "function": "",
        "organization": "",
        "email": "",
        "language": "en",
    }
    return {f"{prefix}-{key}": value for key, value in (fields | values).items()}


@pytest.fixture
def france(small_session) -> Participation:
    return small_session.participations.get(entity__code="FRA")


@pytest.fixture
def french_member(cast, small_session):
    """The member of the cast, speaking for France."""
    Role.objects.filter(user=cast["member"]).update(entity=Entity.objects.get(code="FRA"))
    return cast["member"]


def test_the_secretariat_registers_a_delegation_and_its_delegates(client, cast, small_session):
    client.force_login(cast["secretariat"])
    germany = Entity.objects.get(code="DEU")

    registered = client.post(url("registration:add_delegation"), {"entity": germany.pk, "category": ""}, follow=True)
    assert "Germany is registered." in registered.text
    participation = small_session.participations.get(entity=germany)
    assert participation.category == "other_state"  # not a member of the group: the membership decides

    added = client.post(
        url("registration:add_delegate", pk=participation.pk),
        delegate_fields(
            f"new-{participation.pk}",
            role="head",
            courtesy="ms",
            name="Greta Beispiel",
            function="Minister Counsellor",
            organization="Federal Ministry for Economic Affairs",
            email="greta@example.org",
        ),
        follow=True,
    )
    assert "Greta Beispiel is saved." in added.text
    page = client.get(url()).text
    greta = "<bdi>Greta Beispiel</bdi>, <bdi>Minister Counsellor</bdi>, <bdi>Federal Ministry for Economic Affairs"
    assert greta + "</bdi>" in page
    assert "greta@example.org" in page  # the secretariat sees the addresses


def test_a_delegate_is_changed_and_removed_and_a_wrong_address_saves_nothing(client, cast, france):
    client.force_login(cast["secretariat"])
    jean = france.delegates.get(name="Jean Essai")
    prefix = f"delegate-{jean.pk}"

    wrong = client.post(
        url("registration:save_delegate", pk=france.pk, delegate_pk=jean.pk),
        delegate_fields(prefix, name="Jean Essai", email="not-an-address"),
        follow=True,
    )
    assert wrong.status_code == 400
    assert "Nothing was saved: correct the form below." in wrong.text
    assert "Enter a valid email address." in wrong.text
    assert 'value="not-an-address"' in wrong.text  # what was typed is kept, in the form opened again
    jean.refresh_from_db()
    assert jean.email == "jean@example.org"

    client.post(
        url("registration:save_delegate", pk=france.pk, delegate_pk=jean.pk),
        delegate_fields(prefix, role="adviser", courtesy="mr", name="Jean Essai", function="Legal adviser"),
    )
    jean.refresh_from_db()
    assert (jean.role, jean.function) == ("adviser", "Legal adviser")

    removed = client.post(url("registration:remove_delegate", pk=france.pk, delegate_pk=jean.pk), follow=True)
    assert "Jean Essai is no longer registered." in removed.text
    assert not france.delegates.filter(name="Jean Essai").exists()
    assert "Jean Essai" not in client.get(url()).text


def test_a_member_registers_its_own_delegation_where_the_committee_allows_it(client, french_member, france):
    committee = france.session.committee
    client.force_login(french_member)
    new = delegate_fields(f"new-{france.pk}", courtesy="ms", name="Amélie Déléguée")

    assert client.post(url("registration:add_delegate", pk=france.pk), new).status_code == 403
    assert "Add or change delegates" not in client.get(url()).text

    committee.delegations_register_themselves = True
    committee.save()
    page = client.get(url()).text
    assert page.count("Add or change delegates") == 1  # for France only
    client.post(url("registration:add_delegate", pk=france.pk), new)
    assert france.delegates.filter(name="Amélie Déléguée").exists()

    kenya = france.session.participations.get(entity__code="KEN")
    refused = client.post(
        url("registration:add_delegate", pk=kenya.pk), delegate_fields(f"new-{kenya.pk}", name="Not Mine")
    )
    assert refused.status_code == 403
    assert not kenya.delegates.exists()
    refused_delegation = client.post(url("registration:add_delegation"), {"entity": Entity.objects.get(code="DEU").pk})
    assert refused_delegation.status_code == 400
    assert not france.session.participations.filter(entity__code="DEU").exists()


def test_a_member_without_a_delegation_registered_yet_registers_it(client, french_member, france):
    committee = france.session.committee
    committee.delegations_register_themselves = True
    committee.save()
    france.delete()
    client.force_login(french_member)

    form = client.get(url()).text
    assert "Register a delegation" in form
    start = form.index('name="entity"')
    options = form[start : form.index("</select>", start)]
    assert options.count('<option value="') == 2  # the blank choice and its own delegation, no other
    assert ">France</option>" in options
    client.post(url("registration:add_delegation"), {"entity": Entity.objects.get(code="FRA").pk})
    assert committee.sessions.get().participations.get(entity__code="FRA").category == "member_state"


def test_readers_see_names_and_functions_but_not_addresses(client, cast, small_session):
    client.force_login(cast["observer"])
    page = client.get(url())

    assert page.status_code == 200
    assert "<bdi>Jean Essai</bdi>, <bdi>Counsellor</bdi>" in page.text
    assert "jean@example.org" not in page.text
    assert "Add or change delegates" not in page.text
    assert "Attendance by meeting" not in page.text


def test_the_secretariat_marks_attendance_meeting_by_meeting(client, cast, france):
    client.force_login(cast["secretariat"])
    jean, claire = france.delegates.get(name="Jean Essai"), france.delegates.get(name="Claire Exemple")
    sheet = url("registration:attendance", key="closing")

    page = client.get(sheet).text
    assert f'value="{jean.pk}"' in page
    saved = client.post(sheet, {"present": [jean.pk, claire.pk]}, follow=True)
    assert "2 present" in saved.text
    assert set(jean.meetings.values_list("key", flat=True)) == {"closing"}
    assert set(claire.meetings.values_list("key", flat=True)) == {"opening", "closing"}

    client.post(sheet, {"present": [claire.pk]})
    assert not jean.meetings.exists()
    assert f'id="present-{claire.pk}" checked' in client.get(sheet).text


def test_only_the_secretariat_marks_attendance(client, french_member, france):
    client.force_login(french_member)
    sheet = url("registration:attendance", key="closing")
    assert client.get(sheet).status_code == 403
    assert client.post(sheet, {"present": [d.pk for d in Delegate.objects.all()]}).status_code == 403


def test_outsiders_do_not_see_the_registration(client, django_user_model, small_session):
    client.force_login(django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password"))
    assert client.get(url()).status_code == 404


def test_the_registration_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    counts = []
    client.force_login(secretariat)
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        for page in (url(code=session.code), url("registration:attendance", code=session.code, key="opening")):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page)
            assert response.status_code == 200
            counts.append(len(queries))

    # The registration page: the request's session, user, roles and two-factor device; the session, its committee,
    # the participations, their delegates and entities, the unread notifications, the registration files, the
    # imports set aside, the meetings (13). The attendance sheet: the same first 6, the meeting, the participations,
    # their delegates (2: the list, those present), the unread notifications (11).
    assert counts[:2] == [13, 11], counts
    assert counts[:2] == counts[2:], counts


def test_a_delegation_registering_itself_takes_its_category_from_the_membership(client, french_member, france):
    committee = france.session.committee
    committee.delegations_register_themselves = True
    committee.save()
    france.delete()
    client.force_login(french_member)

    assert 'name="category"' not in client.get(url()).text
    client.post(
        url("registration:add_delegation"), {"entity": Entity.objects.get(code="FRA").pk, "category": "ngo_special"}
    )
    assert committee.sessions.get().participations.get(entity__code="FRA").category == "member_state"


def test_the_secretariat_cannot_put_a_state_in_an_organizations_category(client, cast, small_session):
    client.force_login(cast["secretariat"])
    refused = client.post(
        url("registration:add_delegation"), {"entity": Entity.objects.get(code="DEU").pk, "category": "ngo_general"}
    )
    assert refused.status_code == 400
    assert "This category is not one for Germany." in refused.text
    assert not small_session.participations.filter(entity__code="DEU").exists()


def test_names_are_isolated_from_the_text_around_them(client, secretariat, small_session):
    from meetings.programme.models import Meeting
    from meetings.registration.models import Delegate

    Delegate.objects.filter(name="Jean Essai").update(name="Jean\u202e Essai")
    Meeting.objects.filter(key="opening").update(title={"en": "الجلسة الافتتاحية"})
    client.force_login(secretariat)

    page = client.get(reverse("registration:registration", kwargs={"code": "TST/G/2"})).text
    session_page = client.get(small_session.get_absolute_url()).text

    assert "<bdi>Jean\u202e Essai</bdi>, <bdi>Counsellor</bdi>" in page  # the override ends with the name
    assert "<bdi>الجلسة الافتتاحية</bdi></a>, 30 December 2024" in page  # the date after it keeps its order
    assert '<li class="list-inline-item"><bdi>France</bdi>;</li>' in session_page
    assert "<bdi>Ana Example</bdi> (<bdi>France</bdi>)" in session_page


def test_a_large_session_s_delegations_are_paged_whole_by_their_delegates(client, secretariat, monkeypatch):
    """About DELEGATES_PER_PAGE delegates a page, never a delegation cut in two, the categories' headings counting
    all their delegations; the total stays on every page."""
    monkeypatch.setattr("meetings.registration.views.DELEGATES_PER_PAGE", 12)
    data = make_larger_session_file(3)
    for participant in data["session"]["participants"]:
        participant["delegates"] = [{"name": f"{participant['entity']} delegate {n}"} for n in range(5)]
    session = import_session(read_session_file(json.dumps(data)))
    delegations = session.participations.count()
    last = (delegations + 1) // 2  # two delegations (10 delegates) a page: a third would pass 12
    client.force_login(secretariat)

    pages = [client.get(url(code=session.code) + f"?page={n}").text for n in range(1, last + 1)]

    shown = [re.findall(r'id="delegation-(\d+)-name"', page) for page in pages]
    assert [len(on_page) for on_page in shown] == [2] * (delegations // 2) + [1] * (delegations % 2)
    everyone = [int(pk) for page in shown for pk in page]
    assert sorted(everyone) == sorted(session.participations.values_list("pk", flat=True))
    assert all(f"{5 * delegations} delegates registered" in page for page in pages)
    assert '<a href="?page=2">Next delegations</a>' in pages[0]
    assert f"Page 1 of {last}" in pages[0]
    assert f'<a href="?page={last - 1}">Previous delegations</a>' in pages[-1]
    assert "Next delegations" not in pages[-1]
    member_states = Participation.objects.filter(session=session, category="member_state").count()
    heading = re.search(r'id="category-member_state">[^<]*<span class="text-body-secondary">\((\d+)\)', pages[0])
    assert int(heading[1]) == member_states  # all of them, though the page shows two
    beyond = client.get(url(code=session.code) + "?page=99").text  # past the end: the last page
    assert re.findall(r'id="delegation-(\d+)-name"', beyond) == shown[-1]

"""The secretariat records what the session did, step by step, on the proceedings page; the report follows."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.bodies.models import Entity
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from meetings.proceedings.models import Proceeding
from meetings.programme.models import Agenda, BureauMember
from tests.builders import make_larger_session_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_session(small_session):
    """The small session with none of its steps recorded yet."""
    Proceeding.objects.filter(session=small_session).delete()
    return small_session


def page(client, session) -> str:
    return client.get(reverse("proceedings:page", kwargs={"code": session.code})).content.decode()


def record(client, session, kind: str, **values):
    url = reverse("proceedings:record_step", kwargs={"code": session.code, "kind": kind})
    return client.post(url, {f"{kind}-{name}": value for name, value in values.items()}, follow=True)


def test_the_secretariat_records_a_step_at_its_meeting_and_can_withdraw_it(client, small_session, secretariat):
    client.force_login(secretariat)
    closing = small_session.meetings.get(key="closing")
    assert "Not recorded" in page(client, small_session)

    landed = record(client, small_session, "adoption_of_report", meeting=closing.pk, rapporteur_authorized="on")

    step = Proceeding.objects.get(session=small_session, kind="adoption_of_report")
    assert (step.meeting, step.date, step.rapporteur_authorized) == (closing, closing.date, True)
    shown = landed.content.decode()
    assert "Recorded: the report states it as recorded here." in shown
    assert "The rapporteur is authorized to finalize the report." in shown

    url = reverse("proceedings:withdraw_step", kwargs={"code": small_session.code, "kind": "adoption_of_report"})
    assert "Withdrawn: the report no longer states it." in client.post(url, follow=True).content.decode()
    assert not Proceeding.objects.filter(session=small_session).exists()


def test_a_step_needs_its_meeting_or_its_day_and_a_meeting_of_this_session(client, small_session, secretariat):
    client.force_login(secretariat)
    landed = record(client, small_session, "opening")
    assert "Say at which meeting, or on which day." in landed.content.decode()

    stranger = record(client, small_session, "opening", meeting=999999)
    assert stranger.status_code == 400  # not a choice of this form: the session's meetings only
    assert "Select a valid choice" in stranger.content.decode()
    assert not Proceeding.objects.filter(session=small_session).exists()

    record(client, small_session, "closing", on="2025-01-02")
    assert str(Proceeding.objects.get(session=small_session, kind="closing").date) == "2025-01-02"


def test_the_secretariat_records_the_officers_elected(client, small_session, secretariat):
    client.force_login(secretariat)
    BureauMember.objects.filter(session=small_session).delete()
    opening = small_session.meetings.get(key="opening")
    url = reverse("proceedings:elect_officer", kwargs={"code": small_session.code})
    values = {"role": "chair", "courtesy": "ms", "name": "Amina Test", "state": Entity.objects.get(code="KEN").pk}
    landed = client.post(
        url, {f"officer-{k}": v for k, v in (values | {"meeting": opening.pk}).items()}, follow=True
    ).content.decode()

    officer = BureauMember.objects.get(session=small_session)
    assert (officer.name, officer.elected_at, officer.elected_on) == ("Amina Test", opening, opening.date)
    assert "The officer is recorded as elected." in landed
    assert "Amina Test" in landed

    empty = client.post(url, {"officer-role": "chair", "officer-courtesy": "ms", "officer-name": " "})
    assert empty.status_code == 400
    assert BureauMember.objects.filter(session=small_session).count() == 1

    remove = reverse("proceedings:remove_officer", kwargs={"code": small_session.code, "pk": officer.pk})
    assert "The officer is removed." in client.post(remove, follow=True).content.decode()
    assert not BureauMember.objects.filter(session=small_session).exists()


def test_the_next_session_agenda_is_prepared_then_approved_at_the_closing_meeting(client, small_session, secretariat):
    client.force_login(secretariat)
    Agenda.objects.filter(session=small_session, kind="next_session").delete()
    assert "has not been prepared" in page(client, small_session)

    prepare = reverse("programme:agenda_action", kwargs={"code": small_session.code, "action": "prepare"})
    client.post(prepare, {"kind": "next_session"})
    following = Agenda.objects.get(session=small_session, kind="next_session")
    assert following.items.filter(purpose="adoption_of_report").exists()
    assert not following.approved

    closing = small_session.meetings.get(key="closing")
    record(client, small_session, "next_session_agenda", meeting=closing.pk)
    following.refresh_from_db()
    assert (following.adopted_at, following.adopted_on) == (closing, closing.date)

    client.post(
        reverse("proceedings:withdraw_step", kwargs={"code": small_session.code, "kind": "next_session_agenda"})
    )
    following.refresh_from_db()
    assert not following.approved


def test_the_agenda_is_adopted_as_orally_amended(client, small_session, secretariat):
    client.force_login(secretariat)
    Agenda.objects.filter(session=small_session, kind="adopted").delete()
    opening = small_session.meetings.get(key="opening")
    url = reverse("programme:agenda_action", kwargs={"code": small_session.code, "action": "adopt"})
    landed = client.post(url, {"meeting": opening.pk, "as_amended": "on"}, follow=True).content.decode()

    adopted = Agenda.objects.get(session=small_session, kind="adopted")
    assert (adopted.adopted_at, adopted.as_amended) == (opening, True)
    assert "The agenda is adopted as orally amended" in landed
    assert "As orally amended." in page(client, small_session)


def test_members_read_the_record_and_cannot_change_it(client, cast, small_session):
    client.force_login(cast["member"])
    shown = page(client, small_session)
    assert "Election of officers" in shown
    assert "/proceedings/opening/" not in shown  # no form to record a step
    assert "Record the election" not in shown
    response = client.post(reverse("proceedings:record_step", kwargs={"code": small_session.code, "kind": "opening"}))
    assert response.status_code == 403
    assert not Proceeding.objects.exists()


def test_the_draft_lists_what_is_not_recorded_and_stops_once_it_is(client, small_session, secretariat):
    client.force_login(secretariat)
    small_session.decisions.update(method="")
    small_session.proceedings.filter(kind="adoption_of_report").delete()
    draft = reverse("reports:report", kwargs={"code": small_session.code})
    assert "Before it is finalized" in client.get(draft).text
    assert "Adoption of the report" in unrecorded(client.get(draft).text)
    assert "How “Agreed recommendations” was adopted" in unrecorded(client.get(draft).text)

    record(client, small_session, "adoption_of_report", meeting=small_session.meetings.get(key="closing").pk)
    assert "Adoption of the report" not in unrecorded(client.get(draft).text)


def test_the_draft_asks_only_for_the_steps_its_bodys_report_states(client, small_session, secretariat):
    """An UNCTAD expert group's report says nothing of the opening and closing; a plenary's opens and closes."""
    from documents.schemes.services import use_preset

    client.force_login(secretariat)
    small_session.proceedings.filter(kind__in=["opening", "closing"]).delete()
    draft = reverse("reports:report", kwargs={"code": small_session.code})
    assert "Opening of the session" not in unrecorded(client.get(draft).text)

    use_preset(committee=small_session.committee, preset="un_plenary", by=secretariat)
    listed = unrecorded(client.get(draft).text)
    assert "Opening of the session" in listed
    assert "Closing of the session" in listed
    assert "Date and venue of the next session" not in listed  # a plenary's preset has no place for it


def unrecorded(page: str) -> str:
    """The draft's list of what the record lacks."""
    return page.split('id="unrecorded"', 1)[1].split("</section>", 1)[0]


def test_the_proceedings_page_takes_the_same_number_of_queries_at_ten_times_the_size(client, secretariat):
    client.force_login(secretariat)
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("proceedings:page", kwargs={"code": session.code})).status_code == 200
        counts.append(len(queries))
    # The request's session, user, roles and two-factor device; the session, the committees (for access); the
    # steps, agendas and officers; the States to choose from; the unread notifications; the texts and their
    # adoption, in their section (which renders the session again, and the notifications); the meetings to
    # choose from, once for all the forms.
    assert counts[0] == 15, counts
    assert counts[0] == counts[1], counts

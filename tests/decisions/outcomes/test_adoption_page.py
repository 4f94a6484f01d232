"""The secretariat records how each text was adopted; what it cannot have been is refused and changes nothing."""

import pytest
from django.urls import reverse

from committee.bodies.models import Entity
from decisions.outcomes.models import Decision

pytestmark = pytest.mark.django_db


def adoption_url(decision: Decision) -> str:
    return reverse("outcomes:adoption", kwargs={"code": decision.session.code, "pk": decision.pk})


def test_a_recorded_vote_is_recorded_with_each_states_vote(client, small_session, secretariat):
    client.force_login(secretariat)
    decision = small_session.decisions.get()
    closing = small_session.meetings.get(key="closing")
    kenya, france = Entity.objects.get(code="KEN"), Entity.objects.get(code="FRA")
    form = client.get(adoption_url(decision)).content.decode()
    assert f'name="position-{kenya.pk}"' in form  # the States registered for the session are offered
    assert form.index(">France<") < form.index(">Kenya<")  # by name

    landed = client.post(
        adoption_url(decision),
        {
            "method": "recorded_vote",
            "meeting": closing.pk,
            f"position-{kenya.pk}": "in_favour",
            f"position-{france.pk}": "abstaining",
        },
        follow=True,
    )

    decision.refresh_from_db()
    assert (decision.method, decision.adopted_at, decision.adopted_on) == ("recorded_vote", closing, closing.date)
    assert {v.state.code: v.position for v in decision.votes.all()} == {"KEN": "in_favour", "FRA": "abstaining"}
    shown = landed.content.decode()
    assert "Recorded: the report words the adoption as recorded here." in shown
    assert "1 in favour, 0 against, 1 abstaining" in shown


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"method": "recorded_vote", "on": "2025-01-02"}, "A recorded vote records how each State voted"),
        ({"method": "recorded_vote", "on": "2025-01-02", "KEN": "against"}, "no more votes in favour than against"),
        ({"method": "silence"}, "Give the day the silence procedure ends."),
        ({"method": "silence", "silence_ends_on": "2025-01-15", "KEN": "in_favour"}, "States only object"),
        ({"method": "consensus"}, "Say at which meeting, or on which day."),
        ({"method": "consensus", "on": "2025-01-02", "KEN": "in_favour"}, "Only a recorded vote or a silence"),
    ],
)
def test_an_adoption_that_cannot_have_happened_is_refused(client, small_session, secretariat, values, message):
    client.force_login(secretariat)
    decision = small_session.decisions.get()
    kenya = Entity.objects.get(code="KEN")
    data = {key: value for key, value in values.items() if key != "KEN"}
    if "KEN" in values:
        data[f"position-{kenya.pk}"] = values["KEN"]

    response = client.post(adoption_url(decision), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    decision.refresh_from_db()
    assert decision.method == "consensus"  # as the small session records it
    assert not decision.votes.exists()


def test_a_silence_broken_by_an_objection_leaves_the_text_not_adopted(client, small_session, secretariat):
    client.force_login(secretariat)
    decision = small_session.decisions.get()
    kenya = Entity.objects.get(code="KEN")
    client.post(
        adoption_url(decision),
        {"method": "silence", "silence_ends_on": "2025-01-15", f"position-{kenya.pk}": "objection"},
    )
    decision.refresh_from_db()
    assert (decision.method, decision.adopted_on, decision.silence_broken) == ("silence", None, True)
    shown = client.get(reverse("proceedings:page", kwargs={"code": small_session.code})).content.decode()
    assert "broken by 1 objection, not adopted" in shown


def test_a_silence_procedure_is_recorded_once_ended_and_at_no_meeting(client, small_session, secretariat):
    client.force_login(secretariat)
    decision = small_session.decisions.get()
    future = client.post(adoption_url(decision), {"method": "silence", "silence_ends_on": "2099-01-01"})
    assert "has not ended yet" in future.content.decode()
    closing = small_session.meetings.get(key="closing")
    at_a_meeting = client.post(
        adoption_url(decision), {"method": "silence", "silence_ends_on": "2025-01-15", "meeting": closing.pk}
    )
    assert "held at no meeting" in at_a_meeting.content.decode()
    decision.refresh_from_db()
    assert decision.method == "consensus"


def test_saving_keeps_the_positions_of_states_the_page_would_not_list(client, small_session, secretariat):
    """A recorded vote imported with a State that is neither a member nor registered: the page lists it too."""
    from decisions.outcomes.models import StatePosition

    decision = small_session.decisions.get()
    usa = Entity.objects.get(code="USA")
    decision.method = "recorded_vote"
    decision.save()
    StatePosition.objects.create(decision=decision, state=usa, position="in_favour")
    client.force_login(secretariat)
    form = client.get(adoption_url(decision)).content.decode()
    assert f'name="position-{usa.pk}"' in form

    client.post(
        adoption_url(decision), {"method": "recorded_vote", "on": "2025-01-02", f"position-{usa.pk}": "in_favour"}
    )
    assert list(decision.votes.values_list("state__code", flat=True)) == ["USA"]

"""The follow-up of decisions, as its users drive it: the secretariat records actions, a member reports
progress on its own, the secretariat publishes it, and everyone reads where things stand."""

import datetime
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from committee.bodies.models import Entity
from committee.notifications.models import Notification
from committee.roles.models import Role
from decisions.follow_up import services as follow_up
from decisions.follow_up.models import Action, ProgressUpdate, Status
from decisions.outcomes.models import Paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def operative(small_session) -> Paragraph:
    return Paragraph.objects.get(decision__session=small_session, kind="operative", parent__isnull=True)


@pytest.fixture
def france_member(small_session, django_user_model):
    user = django_user_model.objects.create_user("france", "france@example.org", "a-long-password")
    Role.objects.create(
        user=user, committee=small_session.committee, kind="member", entity=Entity.objects.get(code="FRA")
    )
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paragraph_url(paragraph: Paragraph) -> str:
    return reverse("follow_up:paragraph", kwargs={"code": paragraph.decision.session.code, "pk": paragraph.pk})


def add_action(client: Client, paragraph: Paragraph, **fields) -> Action:
    data = {"description_en": "Report on testing.", "responsible": "secretariat"} | fields
    response = client.post(
        reverse("follow_up:add_action", kwargs={"code": paragraph.decision.session.code, "pk": paragraph.pk}), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Action.objects.order_by("-pk").first()


def report(client: Client, action: Action, files=None, **fields):
    data = {"reported_on": "2026-11-20", "status": "in_progress", "narrative_en": "A survey was sent."} | fields
    url = reverse("follow_up:report_progress", kwargs={"code": action.paragraph.decision.session.code, "pk": action.pk})
    return client.post(url, data | (files or {}))


def test_a_member_reports_on_its_action_and_the_secretariat_publishes_it(cast, operative, france_member):
    secretariat = signed_in(cast["secretariat"])
    france = Entity.objects.get(code="FRA")
    action = add_action(secretariat, operative, responsible="member", responsible_entity=france.pk,
                        due_by_next_session="on", description_en="Share its testing plan.")  # fmt: skip
    member = signed_in(france_member)
    page = member.get(paragraph_url(operative)).text
    assert "Share its testing plan." in page
    assert "Report progress" in page

    response = report(member, action, evidence_link="example.org/plan", narrative_fr="Un questionnaire est parti.")
    assert response.status_code == 302
    assert "the secretariat will publish it" in member.get(response.url).text
    update = ProgressUpdate.objects.get()
    assert not update.is_published
    assert Notification.objects.filter(user=cast["secretariat"], message__contains="Share its testing plan").exists()

    others = signed_in(cast["member"])  # a member of no delegation: reads only what is published
    assert "A survey was sent." not in others.get(paragraph_url(operative)).text
    assert report(others, action).status_code == 403
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED

    publish = reverse("follow_up:update", kwargs={"code": "TST/G/2", "pk": update.pk, "step": "publish"})
    assert member.post(publish).status_code == 403  # refused: a member does not publish
    assert not ProgressUpdate.objects.get().is_published
    secretariat.post(publish)
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    page = others.get(paragraph_url(operative)).text
    assert "A survey was sent." in page
    assert 'href="https://example.org/plan"' in page
    follow_up = others.get(reverse("follow_up:committee_follow_up", kwargs={"code": "GROUP"})).text
    assert "Share its testing plan." in follow_up
    assert "France" in follow_up
    decisions = others.get(reverse("follow_up:session_decisions", kwargs={"code": "TST/G/2"})).text
    assert "Follow-up: 1 action" in decisions
    assert "In progress" in decisions


def test_the_secretariats_own_report_is_published_at_once_and_the_latest_sets_the_status(cast, operative):
    secretariat = signed_in(cast["secretariat"])
    action = add_action(secretariat, operative)
    report(secretariat, action, reported_on="2026-06-01", status="completed")
    report(secretariat, action, reported_on="2026-03-01", status="in_progress")  # an older report, added later
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert ProgressUpdate.objects.filter(published_at__isnull=False).count() == 2


def test_the_overdue_filter(cast, operative):
    secretariat = signed_in(cast["secretariat"])
    today = timezone.localdate()
    late = add_action(secretariat, operative, description_en="Late one.", due_on=today - datetime.timedelta(days=3))
    add_action(secretariat, operative, description_en="Not yet due.", due_on=today + datetime.timedelta(days=3))
    done = add_action(secretariat, operative, description_en="Done late.", due_on=today - datetime.timedelta(days=9))
    add_action(secretariat, operative, description_en="Whenever.")  # no date: never overdue
    report(secretariat, done, status="completed", reported_on=today.isoformat())
    url = reverse("follow_up:committee_follow_up", kwargs={"code": "GROUP"})
    everything = secretariat.get(url).text
    assert all(text in everything for text in ("Late one.", "Not yet due.", "Done late."))
    overdue = secretariat.get(url, {"overdue": "1"}).text
    assert "Late one." in overdue
    assert "Not yet due." not in overdue
    assert "Done late." not in overdue
    assert "Whenever." not in overdue
    completed = secretariat.get(url, {"status": "completed"}).text
    assert "Done late." in completed
    assert "Late one." not in completed
    assert late.description == {"en": "Late one."}


def test_an_action_needs_whom_it_is_for_and_evidence_must_be_what_it_says(cast, operative):
    secretariat = signed_in(cast["secretariat"])
    url = reverse("follow_up:add_action", kwargs={"code": "TST/G/2", "pk": operative.pk})
    refused = secretariat.post(url, {"description_en": "Do it.", "responsible": "member"})
    assert refused.status_code == 400
    assert "Name the member or organization responsible." in refused.text
    assert not Action.objects.exists()

    preambular = Paragraph.objects.get(decision=operative.decision, kind="preambular")
    assert secretariat.post(url, {"description_en": "No.", "responsible": "secretariat",
                                  "paragraph": preambular.pk}).status_code == 404  # fmt: skip
    action = add_action(secretariat, operative)
    future = report(secretariat, action, reported_on=(timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    assert "Progress is reported as of today or an earlier date." in future.text
    fake = SimpleUploadedFile("evidence.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = report(secretariat, action, files={"evidence_file": fake})
    assert refused.status_code == 400
    assert "evidence.pdf is not a valid PDF file." in refused.text
    unknown = report(secretariat, action, evidence_symbol="TST/G/2/99")
    assert "No document of the registry has the symbol TST/G/2/99." in unknown.text
    assert not ProgressUpdate.objects.exists()

    good = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    assert report(secretariat, action, files={"evidence_file": good}, evidence_symbol="TST/G/2/3").status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.evidence_document.symbol == "TST/G/2/3"
    assert update.evidence_file.name.endswith(".png")


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(output, format="PNG")
    return output.getvalue()


def test_the_charts_show_as_images_with_their_words_and_figures(cast, operative):
    secretariat = signed_in(cast["secretariat"])
    for status in ("completed", "in_progress", "completed"):
        report(secretariat, add_action(secretariat, operative), status=status)
    page = secretariat.get(reverse("follow_up:committee_follow_up", kwargs={"code": "GROUP"})).text
    chart_url = reverse("follow_up:follow_up_chart", kwargs={"code": "GROUP", "key": "actions-by-paragraph"})
    assert f'src="{chart_url}"' in page
    assert "(1 bar). In all: in progress, 1; completed, 2." in page  # the text alternative
    image = secretariat.get(chart_url)
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size[0] > 600


def _actions(operative: Paragraph, count: int, by) -> None:
    france = Entity.objects.get(code="FRA")
    for n in range(count):
        action = Action.objects.create(
            paragraph=operative,
            position=n + 1,
            description={"en": f"Action {n}"},
            responsible="member",
            responsible_entity=france,
            due_on=datetime.date(2026, 1, 1),
        )
        for day in (1, 2):
            published = datetime.datetime(2026, 2, day, tzinfo=datetime.UTC)
            ProgressUpdate.objects.create(
                action=action,
                status="in_progress",
                narrative={"en": "Progress."},
                reported_on=published.date(),
                published_by=by,
                published_at=published,
            )


def test_the_follow_up_pages_take_as_many_queries_for_ten_times_the_data(cast, operative):
    client = signed_in(cast["secretariat"])
    pages = [
        reverse("follow_up:committee_follow_up", kwargs={"code": "GROUP"}),
        reverse("follow_up:session_decisions", kwargs={"code": "TST/G/2"}),
        paragraph_url(operative),
    ]

    def counts() -> list[int]:
        result = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    _actions(operative, 3, cast["secretariat"])
    small = counts()
    _actions(operative, 27, cast["secretariat"])
    # Each page: the request's session, user, roles and two-factor device, the unread notifications, then its own.
    # The committee's follow-up: the committee (2), sessions (3), progress updates, paragraphs (12). The session's
    # decisions: the session, committee, decisions, how many paragraphs they have, paragraphs (4), votes (whether each
    # was adopted), sessions, updates (16). The paragraph: the session, committee, paragraphs (4), sessions, updates,
    # the entities one may make responsible (14).
    assert small == [12, 16, 14]
    assert counts() == small


def test_an_uploaded_evidence_is_read_by_those_who_may_read_its_report(cast, operative, france_member):
    secretariat = signed_in(cast["secretariat"])
    action = add_action(
        secretariat, operative, responsible="member", responsible_entity=Entity.objects.get(code="FRA").pk
    )
    member = signed_in(france_member)
    photo = SimpleUploadedFile("site visit.png", _png(), content_type="image/png")
    assert report(member, action, files={"evidence_file": photo}).status_code == 302
    update = ProgressUpdate.objects.get()
    url = reverse("follow_up:evidence", kwargs={"code": "TST/G/2", "pk": update.pk})
    assert url in member.get(paragraph_url(operative)).text
    assert b"".join(member.get(url).streaming_content) == _png()
    assert signed_in(cast["member"]).get(url).status_code == 404  # another delegation, before publication
    secretariat.post(reverse("follow_up:update", kwargs={"code": "TST/G/2", "pk": update.pk, "step": "publish"}))
    published = signed_in(cast["member"]).get(url)
    assert b"".join(published.streaming_content) == _png()


def test_the_demos_follow_up_page_takes_as_many_queries_with_ten_times_its_actions(settings, client):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo")
    url = reverse("follow_up:committee_follow_up", kwargs={"code": "TD-B-EDE"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    demo = queries()
    # Signed out: the committee (2), sessions (5), progress updates, paragraphs (2), documents: 11.
    assert demo == 11
    before = Action.objects.count()
    for action in list(Action.objects.prefetch_related("updates")):
        for _copy in range(9):
            updates = list(action.updates.all())
            action.pk = None
            action.save()
            for update in updates:
                update.pk, update.action = None, action
                update.save()
    assert Action.objects.count() == 10 * before
    assert queries() == demo


def test_the_paragraph_shows_as_drafted_with_its_markup_and_nothing_unescaped(cast, operative):
    operative.text = {"en": "*Decides* to <b>test</b>[^A *note* & more.]"}
    operative.save()
    page = signed_in(cast["member"]).get(paragraph_url(operative)).text
    assert "<em>Decides</em> to &lt;b&gt;test&lt;/b&gt;" in page
    assert '<small class="text-body-secondary">[A <em>note</em> &amp; more.]</small>' in page


def test_a_report_on_a_sub_items_action_notifies_with_a_link_to_its_paragraphs_page(cast, operative, france_member):
    secretariat = signed_in(cast["secretariat"])
    sub_item = operative.sub_items.first()
    url = reverse("follow_up:add_action", kwargs={"code": "TST/G/2", "pk": operative.pk})
    france = Entity.objects.get(code="FRA").pk
    secretariat.post(url, {"description_en": "Early.", "responsible": "member", "responsible_entity": france,
                           "paragraph": sub_item.pk})  # fmt: skip
    action = Action.objects.get()
    assert action.paragraph == sub_item
    assert report(signed_in(france_member), action).status_code == 302
    link = Notification.objects.get(user=cast["secretariat"]).url
    assert link == paragraph_url(operative)
    assert "A survey was sent." in secretariat.get(link).text


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_two_actions_added_at_once_get_two_places(cast, operative):
    start = threading.Barrier(2)
    errors = []

    def add_one(what: str) -> None:
        try:
            start.wait()
            action = Action(paragraph=operative, description={"en": what}, responsible="secretariat")
            follow_up.add_action(action=action, by=cast["secretariat"])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add_one, args=(what,)) for what in ("Hold a workshop", "Write a guide")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(operative.actions.values_list("position", flat=True)) == [1, 2]
    with pytest.raises(follow_up.FollowUpError, match="Only the secretariat adds actions"):
        follow_up.add_action(action=Action(paragraph=operative, description={"en": "x"}), by=cast["member"])
    assert operative.actions.count() == 2


def test_many_texts_are_shown_one_at_a_time(client, cast, small_session, monkeypatch):
    from decisions.outcomes.models import Decision

    monkeypatch.setattr("decisions.follow_up.views.WHOLE_DECISIONS_LIMIT", 2)
    first = small_session.decisions.get()
    second = Decision.objects.create(session=small_session, position=2, kind=first.kind, title={"en": "A second text"})
    Paragraph.objects.create(decision=second, position=1, kind="operative", text={"en": "Invites all to test."})
    client.force_login(cast["member"])
    url = reverse("follow_up:session_decisions", kwargs={"code": small_session.code})

    page = client.get(url).text
    other = client.get(url + f"?text={second.pk}").text

    assert "Invites all to test." not in page
    assert "Invites all to test." in other
    assert f'<a href="?text={second.pk}">A second text</a>' in page
    assert f'<a href="?text={second.pk}" aria-current="page" class="fw-bold">A second text</a>' in other
    assert client.get(url + "?text=x").text.count("Invites all to test.") == 0

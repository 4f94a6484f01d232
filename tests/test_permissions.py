"""Every role, and the signed-out visitor, against every page and download, on their own committee and another.

Outsiders get 404 (a committee they cannot see does not exist for them), insiders without the
right get 403, signed-out visitors are sent to sign in. Nothing of another committee leaks.
"""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from committee.bodies.models import Committee
from committee.roles.models import Invitation, Role
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from tests.builders import make_session_file
from tests.jobs import followed

pytestmark = pytest.mark.django_db

ROLES = ["secretariat", "chair", "rapporteur", "member", "observer", "outsider", "anonymous"]

# page -> the roles that may open it on their own committee
PAGES = {
    "committee": {"secretariat", "chair", "rapporteur", "member", "observer"},
    "session": {"secretariat", "chair", "rapporteur", "member", "observer"},
    "report download": {"secretariat", "chair", "rapporteur", "member"},
}


@pytest.fixture
def committees(django_user_model):
    own = import_session(read_session_file(json.dumps(make_session_file())))
    other_file = make_session_file(committee="OTHER", code="OTH/1", number=1)
    other_file["committees"].append(
        {
            "code": "OTHER",
            "kind": "committee",
            "name": {"en": "Other Committee", "fr": "Autre comité"},
            "name_gender": {"fr": "m"},
        }
    )
    for document in other_file["session"]["documents"]:
        document["symbol"] = document["symbol"].replace("TST/G/2", "OTH/1")
    other_file["session"]["report"]["document"] = "OTH/1/3"
    other = import_session(read_session_file(json.dumps(other_file)))
    users = {}
    for kind in ROLES[:5]:
        users[kind] = django_user_model.objects.create_user(kind, f"{kind}@example.org", "a-long-password")
        Role.objects.create(user=users[kind], committee=own.committee, kind=kind)
    users["outsider"] = django_user_model.objects.create_user("outsider", "outsider@example.org", "a-long-password")
    Role.objects.create(user=users["outsider"], committee=other.committee, kind="secretariat")
    for kind in ("secretariat", "outsider"):
        TOTP.activate(users[kind], generate_totp_secret())
    return own, other, users


def url(page: str, session) -> str:
    if page == "committee":
        return session.committee.get_absolute_url()
    if page == "session":
        return session.get_absolute_url()
    return reverse("reports:session_report", kwargs={"code": session.code, "language": "en"})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_each_role_on_its_own_committee(client, committees, role, page):
    own, _other, users = committees
    if role != "anonymous":
        client.force_login(users[role])

    response = client.get(url(page, own))

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url(page, own)}"
    elif role == "outsider":
        assert response.status_code == 404
    elif role in PAGES[page]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
    if response.status_code != 200:
        assert b"Group of Experts on Testing" not in response.content


@pytest.mark.parametrize("role", ROLES[:5])
def test_no_role_reaches_another_committee(client, committees, role):
    _own, other, users = committees
    client.force_login(users[role])

    for page in PAGES:
        response = client.get(url(page, other))
        assert response.status_code == 404
        assert b"Other Committee" not in response.content


def test_the_home_page_lists_only_ones_own_committees(client, committees):
    own, other, users = committees
    client.force_login(users["member"])

    page = client.get(reverse("programme:home")).text

    assert "Group of Experts on Testing" in page
    assert "Other Committee" not in page


def test_a_role_on_a_parent_holds_below_only_when_extended(client, committees, django_user_model):
    own, _other, _users = committees
    board = Committee.objects.get(code="BOARD")
    user = django_user_model.objects.create_user("board", "board@example.org", "a-long-password")
    role = Role.objects.create(user=user, committee=board, kind="member")
    client.force_login(user)

    assert client.get(own.get_absolute_url()).status_code == 404

    role.includes_subcommittees = True
    role.save()
    client.force_login(user)  # a new request reads the roles afresh
    assert client.get(own.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("distribution", "readers"),
    [
        ("general", {"secretariat", "chair", "rapporteur", "member", "observer"}),
        ("limited", {"secretariat", "chair", "rapporteur", "member"}),
        ("restricted", {"secretariat", "chair", "rapporteur"}),
    ],
)
def test_a_documents_distribution_decides_who_sees_and_downloads_it(client, committees, distribution, readers):
    from django.core.files.base import ContentFile

    from documents.registry.models import Document, DocumentFile

    own, _other, users = committees
    document = Document.objects.get(symbol="TST/G/2/1")
    document.distribution = distribution
    document.save()
    stored = DocumentFile(document=document, language="en")
    stored.file.save("agenda.pdf", ContentFile(b"%PDF-1.7 agenda"))
    download = reverse("registry:document_file", kwargs={"symbol": "TST/G/2/1", "language": "en"})

    for role in ROLES[:6]:
        client.force_login(users[role])
        page = client.get(own.get_absolute_url())
        response = client.get(download)
        if role in readers:
            assert "TST/G/2/1" in page.text, role
            assert response.status_code == 200, role
            assert b"".join(response.streaming_content) == b"%PDF-1.7 agenda"
        else:
            assert "TST/G/2/1" not in getattr(page, "text", ""), role
            assert response.status_code == 404, role


@pytest.mark.parametrize(
    ("distribution", "readers"),
    [
        ("general", {"secretariat", "chair", "rapporteur", "member", "observer"}),
        ("limited", {"secretariat", "chair", "rapporteur", "member"}),
        ("restricted", {"secretariat", "chair", "rapporteur"}),
    ],
)
def test_search_finds_only_what_each_role_may_read(
    client, committees, distribution, readers, django_capture_on_commit_callbacks
):
    """A word that stands only in the own committee's private draft summary, and one only in a document's title:
    searched by every role, and by the secretariat of another committee, who finds nothing."""
    from documents.registry.models import Document
    from documents.reports.models import ReportParagraph

    own, _other, users = committees
    with django_capture_on_commit_callbacks(execute=True):
        paragraph = ReportParagraph.objects.filter(section__report__session=own).first()
        paragraph.text = {"en": "A brontosaurial remark in the draft."}
        paragraph.save()
        document = Document.objects.get(symbol="TST/G/2/1")
        document.title = {"en": "The pterodactylian agenda"}
        document.distribution = distribution
        document.save()

    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        in_draft = client.get(reverse("search:search"), {"q": "brontosaurial"})
        in_title = client.get(reverse("search:search"), {"q": "pterodactylian"})
        found_in_draft = [result.entry.source for result in in_draft.context["page"]]
        found_in_title = [result.entry.symbol for result in in_title.context["page"]]
        assert found_in_draft == ([f"summary:{paragraph.pk}"] if role in DRAFT_READERS else []), role
        assert found_in_title == (["TST/G/2/1"] if role in readers else []), role


DRAFT_READERS = {"secretariat", "chair", "rapporteur", "member"}
DRAFT_ACTIONS = {
    # name: (method, path after /sessions/TST/G/2/draft-report/, roles that may)
    "the draft page": ("get", "", DRAFT_READERS),
    "a paragraph's history": ("get", "paragraphs/{paragraph}/history/", DRAFT_READERS),
    "a recommendation's history": ("get", "recommendations/{recommendation}/history/", DRAFT_READERS),
    "comparing versions": ("get", "changes/", DRAFT_READERS),
    "a paragraph's comments": ("get", "paragraphs/{paragraph}/comments.html", DRAFT_READERS),
    "editing a paragraph": ("post", "paragraphs/{paragraph}/", {"secretariat"}),
    "editing a recommendation": ("post", "recommendations/{recommendation}/", {"secretariat"}),
    "adding a paragraph": ("post", "paragraphs/{paragraph}/add/", {"secretariat"}),
    "moving a paragraph": ("post", "paragraphs/{paragraph}/down/", {"secretariat"}),
    "removing a paragraph": ("post", "paragraphs/{paragraph}/remove/", {"secretariat"}),
    "starting a section": ("post", "sections/{section}/paragraphs/", {"secretariat"}),
    "renaming a section": ("post", "sections/{section}/title/", {"secretariat"}),
    "adding a section": ("post", "sections/", {"secretariat"}),
    "adding a section after": ("post", "sections/{section}/add/", {"secretariat"}),
    "adding a subsection": ("post", "sections/{section}/subsection/", {"secretariat"}),
    "removing a section": ("post", "sections/{section}/remove/", {"secretariat"}),
    "commenting": ("post", "paragraphs/{paragraph}/comments/", DRAFT_READERS),
    "resolving a comment": ("post", "comments/{comment}/", {"secretariat"}),
    "opening the review": ("post", "review/", {"secretariat"}),
    "finalizing": ("post", "finalize/", {"chair", "rapporteur"}),
    "issuing": ("post", "issue/", {"secretariat"}),
    "opening a corrigendum": ("post", "corrigendum/", {"secretariat"}),
    "giving the report its symbol and date": ("post", "symbol/", {"secretariat"}),
    "the report's volume": ("post", "volume/", {"secretariat"}, {"volume": "I"}),
    "importing the summary from Word": ("post", "import/", {"secretariat"}),
    "adding a sub-item": ("post", "recommendations/{operative}/", {"secretariat"}, {"then": "add-sub-item"}),
    "previewing a paragraph": ("post", "paragraphs/{paragraph}/", {"secretariat"}, {"preview": "1"}, 200),
    "previewing a recommendation": (
        "post",
        "recommendations/{recommendation}/",
        {"secretariat"},
        {"preview": "1"},
        200,
    ),
    "adding a text to adopt": ("post", "texts/", {"secretariat"}),
    "the comments as a spreadsheet": ("get", "comments.xlsx", {"secretariat"}),
    "waiving a check": ("post", "waivers/", {"secretariat"}),
    "withdrawing a waiver": ("post", "waivers/{waiver}/withdraw/", {"secretariat"}),
}


def _expect(response, role: str, allowed: set[str], ok: int) -> None:
    """Signed out: to sign in; outsider: nothing there; insider without the right: refused, and no text shown;
    those with the right: exactly `ok` (200 for a page, 302 back to it after a change)."""
    if role == "anonymous":
        assert response.status_code == 302, role
        assert response.url.startswith(reverse("account_login") + "?next="), response.url
    elif role == "outsider":
        assert response.status_code == 404, role
    elif role in allowed:
        assert response.status_code == ok, (role, response.status_code)
    else:
        assert response.status_code == 403, role
        assert b"A text." not in response.content
    if response.streaming:  # a download holds its file open until read to the end
        b"".join(response.streaming_content)


@pytest.mark.parametrize("action", DRAFT_ACTIONS)
def test_every_draft_action_for_every_role(client, committees, action):
    from decisions.outcomes.models import Paragraph
    from documents.reports.models import Comment, ReportParagraph, Waiver

    own, other, users = committees
    method, path, allowed, *more = DRAFT_ACTIONS[action]  # more: data of its own, and what success answers
    paragraph = ReportParagraph.objects.filter(section__report__session=own).first()
    comment = Comment.objects.create(paragraph=paragraph, author=users["member"], language="en", text="Why?")
    waiver = Waiver.objects.create(
        report=paragraph.section.report, version=1, item="comments", reason="Kept.", waived_by=users["secretariat"]
    )
    ids = {
        "waiver": waiver.pk,
        "paragraph": paragraph.pk,
        "recommendation": Paragraph.objects.filter(decision__session=own).first().pk,
        "operative": Paragraph.objects.filter(decision__session=own, kind="operative", parent=None).first().pk,
        "section": paragraph.section_id,
        "comment": comment.pk,
    }
    data = {"language": "en", "revision": "1", "text": "A text.", "title": "A text.", "decision": "answered"}

    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        url = f"/sessions/{own.code}/draft-report/{path.format(**ids)}"
        sent = {**data, **more[0]} if more else data
        response = getattr(client, method)(url, sent) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=more[1] if len(more) > 1 else 200 if method == "get" else 302)


def test_the_archive_invitations_and_roles_for_every_role(client, committees):
    from documents.reports.models import Report
    from documents.reports.services import finalize_report

    own, _other, users = committees
    finalize_report(report=Report.objects.get(session=own), by=users["rapporteur"])
    archived = reverse("reports:archived_report", kwargs={"code": own.code, "version": 1, "language": "en"})
    invite = reverse("roles:invite", kwargs={"code": own.committee.code})

    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        _expect(client.get(archived), role, DRAFT_READERS, ok=200)
        invited = client.post(invite, {"email": f"new-{role}@example.org", "kind": "member"})
        _expect(invited, role, {"secretariat"}, ok=302)
        pending = Invitation.objects.create(
            committee=own.committee, email=f"later-{role}@example.org", kind="member", invited_by=users["secretariat"]
        )
        withdraw = reverse("roles:withdraw_invitation", kwargs={"code": own.committee.code, "pk": pending.pk})
        _expect(client.post(withdraw), role, {"secretariat"}, ok=302)
        observer = Role.objects.get_or_create(user=users["observer"], committee=own.committee, kind="observer")[0]
        revoke = reverse("roles:revoke_role", kwargs={"code": own.committee.code, "pk": observer.pk})
        _expect(client.post(revoke), role, {"secretariat"}, ok=302)


REGISTRATION_ACTIONS = {
    # name: (method, path after /sessions/TST/G/2/registration/, roles that may)
    "the registration page": ("get", "", {"secretariat", "chair", "rapporteur", "member", "observer"}),
    "registering a delegation": ("post", "delegations/", {"secretariat"}),
    "a delegation's page": ("get", "delegations/{delegation}/", {"secretariat"}),
    "adding a delegate": ("post", "delegations/{delegation}/delegates/", {"secretariat"}),
    "changing a delegate": ("post", "delegations/{delegation}/delegates/{delegate}/", {"secretariat"}),
    "removing a delegate": ("post", "delegations/{delegation}/delegates/{delegate}/remove/", {"secretariat"}),
    "an attendance sheet": ("get", "attendance/opening/", {"secretariat"}),
    "marking attendance": ("post", "attendance/opening/", {"secretariat"}),
    "importing a file": ("post", "import/", {"secretariat"}),
    "resolving an import": ("get", "import/{pending}/", {"secretariat"}),
    "setting an import aside": ("post", "import/{pending}/discard/", {"secretariat"}),
}


@pytest.mark.parametrize("action", REGISTRATION_ACTIONS)
def test_every_registration_action_for_every_role(client, committees, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from committee.bodies.models import Entity
    from meetings.registration.models import PendingImport

    own, _other, users = committees
    method, path, allowed = REGISTRATION_ACTIONS[action]
    france = own.participations.get(entity__code="FRA")

    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        delegate = france.delegates.create(name=f"Delegate for {role}", position=9)
        pending = PendingImport.objects.create(
            session=own, filename="x.csv", content=b"entity\nAtlantis\n", uploaded_by=users["secretariat"]
        )
        ids = {"delegation": france.pk, "delegate": delegate.pk, "pending": pending.pk}
        prefix = f"delegate-{delegate.pk}" if "{delegate}" in path else f"new-{france.pk}"
        data = {
            "entity": Entity.objects.get(code="DEU").pk,
            f"{prefix}-name": "A. Name",
            f"{prefix}-role": "delegate",
            f"{prefix}-language": "en",
            "present": [delegate.pk],
            "file": SimpleUploadedFile("participants.csv", b"entity\nFRA\n"),
        }
        url = f"/sessions/{own.code}/registration/{path.format(**ids)}"
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=200 if method == "get" else 302)
        own.participations.filter(entity__code="DEU").delete()


RUNNERS = {"secretariat", "chair"}
LIVE_ACTIONS = {
    # name: (method, path after /meetings/<pk>/, data, roles that may)
    "the live page": ("get", "live/", {}, {"secretariat", "chair", "rapporteur", "member", "observer"}),
    "the room display": ("get", "display/", {}, {"secretariat", "chair", "rapporteur", "member", "observer"}),
    "taking up an item": ("post", "live/current_item/", {"item": ""}, RUNNERS),
    "adding a delegation to the list": ("post", "live/request_floor/", {"entity": "{france}"}, RUNNERS),
    "giving the floor": ("post", "live/give_floor/", {}, RUNNERS),
    "closing the list": ("post", "live/close_list/", {}, RUNNERS),
    "setting the speaking time": ("post", "live/speaking_time/", {"seconds": "60"}, RUNNERS),
    "posting an announcement": ("post", "live/announce/", {"text": "Hello."}, RUNNERS),
    "changing the meeting": ("get", "", {}, {"secretariat"}),
    "cancelling the meeting": ("post", "cancel/", {}, {"secretariat"}),
}


@pytest.mark.parametrize("action", LIVE_ACTIONS)
def test_every_live_meeting_action_for_every_role(client, committees, action):
    from committee.bodies.models import Entity

    own, _other, users = committees
    method, path, data, allowed = LIVE_ACTIONS[action]
    meeting = own.meetings.get(key="opening")
    data = {key: value.format(france=Entity.objects.get(code="FRA").pk) for key, value in data.items()}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        url = f"/meetings/{meeting.pk}/{path}"
        response = client.post(url, data) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=200 if method == "get" else 302)


AGENDA_ACTIONS = {
    # name: (method, path after /sessions/TST/G/2/agenda/, roles that may, status for them)
    "the agenda page": ("get", "", {"secretariat", "chair", "rapporteur", "member", "observer"}, 200),
    "preparing the provisional agenda": ("post", "prepare/", {"secretariat"}, 302),
    "adopting the agenda": ("post", "adopt/", {"secretariat"}, 302),
    "editing an item": ("post", "items/{item}/", {"secretariat"}, 302),
    "adding an item": ("post", "items/{item}/add/", {"secretariat"}, 302),
    "adding a sub-item": ("post", "items/{item}/subitem/", {"secretariat"}, 302),
    "moving an item up": ("post", "items/{item}/up/", {"secretariat"}, 302),
    "moving an item down": ("post", "items/{item}/down/", {"secretariat"}, 302),
    "removing an item": ("post", "items/{item}/remove/", {"secretariat"}, 302),
    "planning a half-day": ("post", "adopted/half-days/", {"secretariat"}, 302),
    "removing a half-day": ("post", "half-days/{slot}/remove/", {"secretariat"}, 302),
}


@pytest.mark.parametrize("action", AGENDA_ACTIONS)
def test_every_agenda_editor_action_for_every_role(client, committees, action):
    import datetime

    from meetings.programme.models import AgendaItem, AgendaSlot

    own, _other, users = committees
    method, path, allowed, ok = AGENDA_ACTIONS[action]
    agenda = own.agendas.get(kind="adopted")
    for index, role in enumerate(ROLES):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        position = 90 + index
        item = AgendaItem.objects.create(agenda=agenda, position=position, title={"en": f"Item for {role}"})
        slot = AgendaSlot.objects.create(agenda=agenda, date=datetime.date(2025, 1, 10 + index), period="morning")
        data = {"language": "en", "revision": "1", "title": "A text.", "annotation": "", "date": "2025-01-03"}
        data |= {"period": "morning", "note": "A text.", "items": [item.pk]}
        url = f"/sessions/{own.code}/agenda/{path.format(item=item.pk, slot=slot.pk)}"
        response = client.post(url, data) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=ok)
        if role not in allowed:
            assert AgendaItem.objects.filter(pk=item.pk, title={"en": f"Item for {role}"}, position=position).exists()
            assert AgendaSlot.objects.filter(pk=slot.pk).exists()
        AgendaSlot.objects.filter(agenda=agenda).delete()


FOLLOW_UP_ACTIONS = {
    # name: (method, path after /sessions/TST/G/2/, roles that may, status for them)
    "adding an action": ("post", "decisions/{paragraph}/actions/", {"secretariat"}, 302),
    "reporting progress": ("post", "follow-up/actions/{action}/progress/", {"secretariat"}, 302),
    "publishing progress": ("post", "follow-up/progress/{update}/publish/", {"secretariat"}, 302),
    "withdrawing progress": ("post", "follow-up/progress/{update}/withdraw/", {"secretariat"}, 302),
    # the evidence of a report not yet published: the secretariat and the delegation that reported it (none here)
    "the evidence of a report": ("get", "follow-up/progress/{update}/evidence/", {"secretariat"}, 200),
}


@pytest.mark.parametrize("action", FOLLOW_UP_ACTIONS)
def test_every_follow_up_action_for_every_role(client, committees, action):
    import datetime

    from django.core.files.base import ContentFile

    from decisions.follow_up.models import Action, ProgressUpdate
    from decisions.outcomes.models import Paragraph

    own, _other, users = committees
    method, path, allowed, ok = FOLLOW_UP_ACTIONS[action]
    paragraph = Paragraph.objects.get(decision__session=own, kind="operative", parent__isnull=True)
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        action_ = Action.objects.create(paragraph=paragraph, position=1, description={"en": "Act."})
        update = ProgressUpdate(action=action_, status="in_progress", narrative={"en": "Done."})
        update.reported_on, update.reported_by = datetime.date(2026, 1, 1), users["secretariat"]
        update.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.7 evidence"), save=False)
        update.save()
        data = {"description_en": "A text.", "responsible": "secretariat", "reported_on": "2026-01-02"}
        data |= {"status": "in_progress", "narrative_en": "A text."}
        url = f"/sessions/{own.code}/{path.format(paragraph=paragraph.pk, action=action_.pk, update=update.pk)}"
        response = client.post(url, data) if method == "post" else client.get(url)
        if response.streaming:
            assert b"".join(response.streaming_content) == b"%PDF-1.7 evidence"
        if action == "the evidence of a report" and role in {"chair", "rapporteur", "member", "observer"}:
            assert response.status_code == 404, role  # a file one may not read does not exist for one
        else:
            _expect(response, role, allowed, ok=ok)
        if role not in allowed:
            assert ProgressUpdate.objects.filter(pk=update.pk, published_at__isnull=True).exists(), role
            assert list(Action.objects.filter(paragraph=paragraph)) == [action_], role
            assert list(action_.updates.all()) == [update], role
        Action.objects.filter(paragraph=paragraph).delete()


@pytest.mark.parametrize("kind", ["measures", "statuses"])
def test_the_strategy_import_for_every_role(client, committees, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from decisions.strategies.models import Measure, Strategy

    own, _other, users = committees
    strategy = Strategy.objects.create(committee=own.committee, code="plan", title={"en": "Plan"})
    url = reverse("strategies:strategy_import", kwargs={"code": own.committee.code, "slug": "plan", "kind": kind})
    content = {"measures": b"area,area_title_en,measure,text_en\n1,Area,1.1,Measure\n", "statuses": b"x"}[kind]
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        if role != "secretariat":
            Measure.objects.filter(area__strategy=strategy).delete()
        response = client.post(url, {"file": SimpleUploadedFile("file.csv", content)})
        _expect(response, role, {"secretariat"}, ok=302)  # to the import's job
        landed = followed(client, response) if role == "secretariat" else None
        if kind == "measures":
            assert Measure.objects.filter(area__strategy=strategy).count() == (1 if role == "secretariat" else 0)
        elif landed is not None:  # a file the import refuses, row by row, to the secretariat only
            assert "file.csv was not imported" in landed.text
        assert client.get(url).status_code == 405  # an import is a POST, for anyone


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("countries")
def test_the_review_websocket_for_every_role(committees):
    from asgiref.sync import async_to_sync
    from channels.db import database_sync_to_async

    from committee.roles.watchers import REFUSED
    from tests.meetings.live.test_live import socket_for

    own, other, users = committees
    readers = {"secretariat", "chair", "rapporteur", "member"}

    async def connect(user, session) -> tuple[bool, int | None]:
        socket = await database_sync_to_async(socket_for)(user, None, f"/ws/reports/{session.pk}/")
        connected, code = await socket.connect()
        if connected:
            await socket.disconnect()
            return True, None
        return False, code

    for role in ROLES:
        user = users.get(role)
        assert async_to_sync(connect)(user, own) == ((True, None) if role in readers else (False, REFUSED)), role
        assert async_to_sync(connect)(user, other) == ((True, None) if role == "outsider" else (False, REFUSED)), role
    missing = type(own)(pk=999_999)
    assert async_to_sync(connect)(users["secretariat"], missing) == (False, REFUSED)


SETUP_ACTIONS = {
    # name: (method, path, roles that may, status for them); {committee} and {session} are the own ones' codes
    "a body's settings": ("get", "/committees/{committee}/settings/", {"secretariat"}, 200),
    "saving a body's settings": ("post", "/committees/{committee}/settings/", {"secretariat"}, 302),
    "the membership": ("get", "/committees/{committee}/membership/", {"secretariat"}, 200),
    "adding a member": ("post", "/committees/{committee}/membership/add/", {"secretariat"}, 302),
    "changing a membership": ("post", "/committees/{committee}/membership/{membership}/", {"secretariat"}, 302),
    "removing a member": ("post", "/committees/{committee}/membership/{membership}/remove/", {"secretariat"}, 302),
    "a new session": ("get", "/committees/{committee}/sessions/new/", {"secretariat"}, 200),
    "creating a session": ("post", "/committees/{committee}/sessions/new/", {"secretariat"}, 302),
    "a session's settings": ("get", "/sessions/{session}/settings/", {"secretariat"}, 200),
    "saving a session's settings": ("post", "/sessions/{session}/settings/", {"secretariat"}, 302),
}


@pytest.mark.parametrize("action", SETUP_ACTIONS)
def test_every_setup_action_for_every_role(client, committees, action):
    from committee.bodies.models import Entity, Membership
    from meetings.sessions.models import Session

    own, _other, users = committees
    method, path, allowed, ok = SETUP_ACTIONS[action]
    committee = own.committee
    chile = Entity.objects.get(code="CHL")
    for number, role in enumerate(ROLES, start=10):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        membership, _created = Membership.objects.update_or_create(
            committee=committee, entity=chile, defaults={"status": "member"}
        )
        data = {"code": f"TST/G/{number}", "number": number, "time_zone": "UTC", "status": "closed"}
        data |= {
            "kind": committee.kind,
            "parent": committee.parent_id,
            "name_en": f"A text. {role}",
            "name_fr": "Un texte.",
        }
        data |= {"name_gender": "m", "new-entity": Entity.objects.get(code="PER").pk, "new-status": "member"}
        data |= {f"m{membership.pk}-status": "observer"}
        url = path.format(committee=committee.code, session=own.code, membership=membership.pk)
        response = client.post(url, data) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=ok)
        committee.refresh_from_db()
        if role not in allowed:
            assert committee.name["en"] != f"A text. {role}"
            assert not Session.objects.filter(code=f"TST/G/{number}").exists()
            assert Membership.objects.get(pk=membership.pk).status == "member"


EVERYONE_INSIDE = {"secretariat", "chair", "rapporteur", "member", "observer"}
PROCEEDINGS_ACTIONS = {
    # name: (method, path, data, roles that may, status for them); {session}, {officer} and {decision} are the own
    # session's
    "the proceedings": ("get", "/sessions/{session}/proceedings/", {}, EVERYONE_INSIDE, 200),
    "recording a step": (
        "post",
        "/sessions/{session}/proceedings/opening/",
        {"opening-on": "2025-01-01"},
        {"secretariat"},
        302,
    ),
    "withdrawing a step": ("post", "/sessions/{session}/proceedings/closing/withdraw/", {}, {"secretariat"}, 302),
    "recording an officer": (
        "post",
        "/sessions/{session}/proceedings/officers/",
        {"officer-role": "chair", "officer-courtesy": "ms", "officer-name": "A text.", "officer-on": "2025-01-01"},
        {"secretariat"},
        302,
    ),
    "removing an officer": (
        "post",
        "/sessions/{session}/proceedings/officers/{officer}/remove/",
        {},
        {"secretariat"},
        302,
    ),
    "how a text was adopted": ("get", "/sessions/{session}/adoption/{decision}/", {}, {"secretariat"}, 200),
    "recording how a text was adopted": (
        "post",
        "/sessions/{session}/adoption/{decision}/",
        {"method": "consensus", "on": "2025-01-02"},
        {"secretariat"},
        302,
    ),
}


@pytest.mark.parametrize("action", PROCEEDINGS_ACTIONS)
def test_every_proceedings_action_for_every_role(client, committees, action):
    from meetings.proceedings.models import Proceeding
    from meetings.programme.models import BureauMember

    own, _other, users = committees
    method, path, data, allowed, ok = PROCEEDINGS_ACTIONS[action]
    decision = own.decisions.get()
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        Proceeding.objects.update_or_create(session=own, kind="closing", defaults={"held_on": "2025-01-02"})
        officer = BureauMember.objects.filter(session=own).first() or BureauMember.objects.create(
            session=own, role="chair", courtesy="mr", name="Kept"
        )
        url = path.format(session=own.code, officer=officer.pk, decision=decision.pk)
        response = client.post(url, data) if method == "post" else client.get(url)
        _expect(response, role, allowed, ok=ok)
        if role not in allowed:
            assert not Proceeding.objects.filter(session=own, kind="opening").exists()
            assert Proceeding.objects.filter(session=own, kind="closing").exists()
            assert BureauMember.objects.filter(pk=officer.pk).exists()
            assert not BureauMember.objects.filter(name="A text.").exists()
            decision.refresh_from_db()
            assert decision.method == ""
        Proceeding.objects.filter(session=own, kind="opening").delete()
        BureauMember.objects.filter(name="A text.").delete()
        type(decision).objects.filter(pk=decision.pk).update(method="", adopted_at=None)


@pytest.mark.parametrize("path", ["/new-committee/", "/organizations/"])
def test_setting_up_bodies_and_organizations_is_for_secretariats(client, committees, path):
    """Whoever is a secretariat somewhere may set up a body of its own or an organization; nobody else."""
    _own, _other, users = committees
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = client.get(path)
        if role == "anonymous":
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == (200 if role in {"secretariat", "outsider"} else 403), role


SCHEME_ACTIONS = {
    # name: (method, path under the body's report scheme, data); only its secretariat may
    "the report scheme": ("get", "", {}),
    "starting from a preset": ("post", "preset/", {"preset": "un_plenary"}),
    "the title and attendance": (
        "post",
        "settings/",
        {"title_pattern": "meeting", "masthead": "organization", "attendance": "text"},
    ),
    "a part's title": ("post", "parts/0/title/", {"title_en": "A text."}),
    "moving a part": ("post", "parts/1/down/", {}),
    "removing a section": ("post", "parts/2/remove/", {"section": "0"}),
    "adding a part": ("post", "parts/add/", {"holds": "credentials", "place": "chapter"}),
}


@pytest.mark.parametrize("action", SCHEME_ACTIONS)
def test_every_report_scheme_action_for_every_role(client, committees, action):
    from documents.schemes.services import scheme_of

    own, _other, users = committees
    method, path, data = SCHEME_ACTIONS[action]
    committee = own.committee
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        before = scheme_of(committee).as_dict()
        committee.refresh_from_db()
        url = f"/committees/{committee.code}/report-scheme/{path}"
        sent = {**data, "revision": scheme_of(committee).revision}
        response = client.post(url, sent) if method == "post" else client.get(url)
        _expect(response, role, {"secretariat"}, ok=302 if method == "post" else 200)
        committee.refresh_from_db()
        changed = scheme_of(committee).as_dict() != before
        assert changed == (method == "post" and role == "secretariat"), role

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
        assert "login" in response.url
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
}


def _expect(response, role: str, allowed: set[str]) -> None:
    """Signed out: to sign in; outsider: nothing there; insider without the right: refused, and no text shown."""
    if role == "anonymous":
        assert response.status_code == 302, role
        assert "login" in response.url
    elif role == "outsider":
        assert response.status_code == 404, role
    elif role in allowed:
        assert response.status_code in (200, 302), role
    else:
        assert response.status_code == 403, role
        assert b"A text." not in response.content
    if response.streaming:  # a download holds its file open until read to the end
        b"".join(response.streaming_content)


@pytest.mark.parametrize("action", DRAFT_ACTIONS)
def test_every_draft_action_for_every_role(client, committees, action):
    from decisions.outcomes.models import Paragraph
    from documents.reports.models import Comment, ReportParagraph

    own, other, users = committees
    method, path, allowed = DRAFT_ACTIONS[action]
    paragraph = ReportParagraph.objects.filter(section__report__session=own).first()
    comment = Comment.objects.create(paragraph=paragraph, author=users["member"], language="en", text="Why?")
    ids = {
        "paragraph": paragraph.pk,
        "recommendation": Paragraph.objects.filter(decision__session=own).first().pk,
        "section": paragraph.section_id,
        "comment": comment.pk,
    }
    data = {"language": "en", "revision": "1", "text": "A text.", "title": "A text.", "decision": "answered"}

    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        url = f"/sessions/{own.code}/draft-report/{path.format(**ids)}"
        _expect(getattr(client, method)(url, data) if method == "post" else client.get(url), role, allowed)


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
        _expect(client.get(archived), role, DRAFT_READERS)
        _expect(client.post(invite, {"email": f"new-{role}@example.org", "kind": "member"}), role, {"secretariat"})
        pending = Invitation.objects.create(
            committee=own.committee, email=f"later-{role}@example.org", kind="member", invited_by=users["secretariat"]
        )
        withdraw = reverse("roles:withdraw_invitation", kwargs={"code": own.committee.code, "pk": pending.pk})
        _expect(client.post(withdraw), role, {"secretariat"})
        observer = Role.objects.get_or_create(user=users["observer"], committee=own.committee, kind="observer")[0]
        revoke = reverse("roles:revoke_role", kwargs={"code": own.committee.code, "pk": observer.pk})
        _expect(client.post(revoke), role, {"secretariat"})


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
        _expect(getattr(client, method)(url, data) if method == "post" else client.get(url), role, allowed)
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
        _expect(client.post(url, data) if method == "post" else client.get(url), role, allowed)

"""The read API as a script uses it: with a personal token made on the Security page, or signed out."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee.roles.models import ApiToken, Role
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.load import import_session
from tests.builders import make_session_file


@pytest.fixture
def sessions(db, django_capture_on_commit_callbacks):
    """The demo's TD/B/EDE/1 (a public committee) and the small session of a private one."""
    with django_capture_on_commit_callbacks(execute=True):
        demo = import_session(DEMO_FILE.read_text(encoding="utf-8"))
        private = import_session(json.dumps(make_session_file()))
    return demo, private


def token_for(client, user) -> str:
    """A token made as a person makes it: signed in, on the Security page."""
    client.force_login(user)
    page = client.get("/accounts/2fa/")
    assert "API tokens" in page.text
    made = client.post("/accounts/tokens/", {"name": "Our website"})
    assert made.status_code == 200
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    key = made.context["key"]
    client.logout()
    return key


def get(client, path, key=None, **params):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(path, params, headers=headers)


def test_a_script_with_a_token_lists_a_committees_sessions_and_decisions(client, sessions, django_user_model):
    _demo, private = sessions
    member = django_user_model.objects.create_user("member", "m@example.org", "a-long-password")
    Role.objects.create(user=member, committee=private.committee, kind=Role.Kind.MEMBER)
    key = token_for(client, member)

    listed = get(client, "/api/sessions/", key, committee=private.committee.code).json()
    assert [s["code"] for s in listed["results"]] == ["TST/G/2"]
    decisions = get(client, "/api/decisions/", key, session="TST/G/2").json()["results"]
    assert decisions
    assert all(d["session"] == "TST/G/2" and d["paragraphs"] for d in decisions)
    # The same without the token: the private committee does not exist for a visitor.
    assert get(client, "/api/sessions/", committee=private.committee.code).json()["results"] == []
    assert get(client, "/api/decisions/", session="TST/G/2").json()["results"] == []


def test_the_token_is_stored_as_a_digest_and_its_use_recorded(client, sessions, django_user_model):
    user = django_user_model.objects.create_user("reader", "r@example.org", "a-long-password")
    key = token_for(client, user)
    token = ApiToken.objects.get(user=user)
    assert key not in (token.digest, token.prefix)
    assert key.startswith(token.prefix)
    assert token.last_used_on is None
    assert get(client, "/api/committees/", key).status_code == 200
    token.refresh_from_db()
    assert token.last_used_on is not None
    client.force_login(user)
    assert token.prefix in client.get("/accounts/2fa/").text
    assert key not in client.get("/accounts/2fa/").text


def test_a_revoked_or_wrong_token_reads_nothing(client, sessions, django_user_model):
    user = django_user_model.objects.create_user("reader", "r@example.org", "a-long-password")
    key = token_for(client, user)
    assert get(client, "/api/committees/", key + "x").status_code == 401
    assert get(client, "/api/committees/", "not-a-token").status_code == 401
    client.force_login(user)
    revoked = client.post(f"/accounts/tokens/{ApiToken.objects.get(user=user).pk}/revoke/")
    assert revoked.status_code == 302
    client.logout()
    response = get(client, "/api/committees/", key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_anothers_token(client, sessions, django_user_model):
    owner = django_user_model.objects.create_user("owner", "o@example.org", "a-long-password")
    token_for(client, owner)
    other = django_user_model.objects.create_user("other", "x@example.org", "a-long-password")
    client.force_login(other)
    client.post(f"/accounts/tokens/{ApiToken.objects.get(user=owner).pk}/revoke/")
    assert ApiToken.objects.filter(user=owner).exists()


def test_a_member_token_of_one_committee_reads_nothing_private_of_another(client, sessions, django_user_model):
    demo, private = sessions
    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password")
    Role.objects.create(user=outsider, committee=demo.committee, kind=Role.Kind.MEMBER)
    key = token_for(client, outsider)
    for path in ["/api/sessions/", "/api/meetings/", "/api/agendas/", "/api/documents/", "/api/decisions/",
                 "/api/actions/", "/api/delegations/", "/api/committees/"]:  # fmt: skip
        body = get(client, path, key, session="TST/G/2").text
        assert "TST/G/2" not in body, path
        assert "Group of Experts on Testing" not in body, path
    assert get(client, "/api/documents/TST/G/2/1/", key).status_code == 404
    assert "TST/G/2" not in get(client, "/api/search/", key, q="Testing").text


def test_documents_list_their_versions_with_download_links(client, sessions):
    from django.core.files.base import ContentFile

    from documents.registry.models import Document, DocumentFile

    stored = DocumentFile(document=Document.objects.get(symbol="TD/B/EDE/1/2"), language="fr")
    stored.file.save("note.pdf", ContentFile(b"%PDF-1.7 note"))
    document = get(client, "/api/documents/TD/B/EDE/1/2/").json()
    assert document["symbol"] == "TD/B/EDE/1/2"
    assert document["title"]["fr"]
    (version,) = document["versions"]
    assert version["language"] == "fr"
    download = client.get(version["download"].replace("http://testserver", ""))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 note"


def test_search_through_the_api(client, sessions):
    found = get(client, "/api/search/", q="plateformes", language="fr").json()
    assert found["count"] >= 1
    assert any("<mark>plateformes</mark>" in result["snippet"] for result in found["results"])
    assert get(client, "/api/search/").status_code == 400


def test_an_unchanged_list_answers_304(client, sessions):
    first = get(client, "/api/sessions/")
    assert first.has_header("ETag")
    again = client.get("/api/sessions/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_lists_are_paged_and_their_queries_do_not_grow(client, sessions, django_user_model):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert get(client, path).status_code == 200
        return len(captured)

    paths = ["/api/sessions/", "/api/meetings/", "/api/documents/", "/api/decisions/", "/api/actions/",
             "/api/agendas/", "/api/committees/", "/api/strategies/"]  # fmt: skip
    before = {path: queries(path) for path in paths}
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    from documents.exchange.session_file.copies import renumbered

    import_session(json.dumps(renumbered(data, 9)))
    assert {path: queries(path) for path in paths} == before
    listed = get(client, "/api/meetings/", page_size=5).json()
    assert listed["count"] > len(listed["results"]) == 5  # the rest on the next pages
    assert "page=2" in listed["next"]


def test_a_visitor_is_slowed_down_past_the_rate_limit(client, sessions, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    statuses = [get(client, "/api/committees/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_schema_and_its_documentation_page(client, db):
    schema = client.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    described = json.loads(schema.content)
    assert described["openapi"].startswith("3.")
    assert "/api/sessions/" in described["paths"]
    assert "personalToken" in described["components"]["securitySchemes"]
    docs = client.get("/api/docs/").text
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower()
    assert "//" not in docs.replace("http://", "").replace("https://", "").split("<body")[0].split("src=")[-1][:2]

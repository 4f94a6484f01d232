"""The secretariat works through the administration screens: every list, search, and form opens."""

import json
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.bodies.models import Entity, Membership
from committee.jobs.models import Job
from committee.roles.models import Invitation
from committee.roles.services import PROJECT_PACKAGES
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.models import Document, DocumentFile
from tests.builders import make_larger_session_file

PROJECT_APPS = [config.label for config in apps.get_app_configs() if config.name.split(".")[0] in PROJECT_PACKAGES]
# Invitations are sent from the committee's page, which emails them; jobs are started by the pages that need them.
ADDED_ELSEWHERE = {Invitation, Job}
PROJECT_MODELS = [model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_every_screen_opens_for_the_secretariat(client, secretariat, small_session, model):
    client.force_login(secretariat)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "Gen"}).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == (200 if model not in ADDED_ELSEWHERE else 403)
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        assert client.get(history).status_code == 200


def test_a_session_is_found_by_its_code(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.get(reverse("admin:meetings_sessions_session_changelist"), {"q": "TST/G/2"})

    assert "TST/G/2" in page.text
    assert "1 session" in page.text


def test_the_multilingual_widget_shows_every_un_language(client, secretariat, small_session):
    client.force_login(secretariat)

    page = client.get(reverse("admin:meetings_sessions_session_change", args=[small_session.pk]))

    for language in ("English", "French", "Spanish", "Russian", "Chinese", "Arabic"):
        assert f">{language}</label>" in page.text
    assert 'value="Genève"' in page.text
    assert 'lang="ar" dir="rtl"' in page.text


def _other_inlines(client, url: str) -> dict:
    """The management forms of the page's other inlines (the apps above add theirs), each with no rows."""
    page = client.get(url).content.decode()
    prefixes = set(re.findall(r'name="([^"]+)-TOTAL_FORMS"', page)) - {"files"}
    return {f"{prefix}-{key}": value for prefix in prefixes for key, value in MANAGEMENT.items()}


MANAGEMENT = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def _upload_form(document: Document, upload) -> dict:
    return {
        "symbol": document.symbol,
        "session": document.session_id,
        "kind": document.kind,
        "title_en": "Provisional agenda",
        "distribution": "general",
        "original_language": "en",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-language": "fr",
        "files-0-file": upload,
    }


def test_a_language_version_is_uploaded(client, secretariat, small_session, tmp_path):
    client.force_login(secretariat)
    document = Document.objects.get(symbol="TST/G/2/1")
    path = tmp_path / "agenda-fr.pdf"
    path.write_bytes(b"%PDF-1.7\n% a small PDF\n")

    url = reverse("admin:registry_document_change", args=[document.pk])
    with path.open("rb") as upload:
        response = client.post(url, _upload_form(document, upload) | _other_inlines(client, url))

    assert response.status_code == 302
    stored = DocumentFile.objects.get(document=document, language="fr")
    assert stored.file.name == "documents/TST_G_2_1/TST_G_2_1.fr.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agenda.exe", b"MZ...", "only .doc, .docx, .odt, .pdf files are accepted"),
        ("agenda.pdf", b"<html>not a pdf</html>", "agenda.pdf is not a valid PDF file"),
        ("agenda.docx", b"PK\x03\x04 truncated", "agenda.docx is damaged"),
    ],
)
def test_a_wrong_upload_is_refused_with_a_reason(client, secretariat, small_session, tmp_path, name, content, message):
    client.force_login(secretariat)
    document = Document.objects.get(symbol="TST/G/2/1")
    path = tmp_path / name
    path.write_bytes(content)

    url = reverse("admin:registry_document_change", args=[document.pk])
    with path.open("rb") as upload:
        response = client.post(url, _upload_form(document, upload) | _other_inlines(client, url))

    assert response.status_code == 200
    assert message in response.text
    assert not DocumentFile.objects.exists()


CHANGE_PAGES = {
    "admin:meetings_sessions_session_change": lambda session: session,
    "admin:programme_agenda_change": lambda session: session.agendas.get(kind="adopted"),
    "admin:outcomes_decision_change": lambda session: session.decisions.get(),
    "admin:reports_report_change": lambda session: session.report,
}


# The queries of each change page: the request's session, user, roles and two-factor device, the object, the user's
# permissions (2), then the page's own (below), the content type of the history link, the unread notifications.
CHANGE_PAGE_QUERIES = {
    # the sessions, entities and meetings each inline offers to choose from, the bureau, agendas, participations,
    # the committee, its entities and sessions for the form, its proceedings (4: the rows, and the session again with
    # the meetings to choose from and their count), the session once more for its meetings' "View on site"
    "admin:meetings_sessions_session_change": 47,
    # the decision again, its paragraphs (3: the inline and its choices), the session (2), the meeting it was
    # adopted at (shown, not chosen: its adoption is recorded on its own page)
    "admin:outcomes_decision_change": 16,
    # the agenda again (4), its items and sub-items (5), its slots, the session (2), its meetings
    "admin:programme_agenda_change": 22,
    # the report again (2), its sections (3), the session's agenda and items (3), the session (2), its documents (2)
    "admin:reports_report_change": 21,
}


@pytest.mark.parametrize("page", CHANGE_PAGES)
def test_the_main_change_pages_take_the_same_number_of_queries_at_ten_times_the_size(client, secretariat, page):
    client.force_login(secretariat)
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        url = reverse(page, args=[CHANGE_PAGES[page](session).pk])
        ContentType.objects.clear_cache()  # each count starts from the same cache, whatever the tests before did
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == CHANGE_PAGE_QUERIES[page], counts
    assert counts[0] == counts[1], counts


def test_the_committee_page_takes_the_same_number_of_queries_with_ten_times_the_members(
    client, secretariat, small_session
):
    client.force_login(secretariat)
    committee = small_session.committee
    page = reverse("admin:bodies_committee_change", args=[committee.pk])
    states = Entity.objects.filter(kind=Entity.Kind.STATE).exclude(memberships__committee=committee)
    counts = []
    for members in (2, 20):
        Membership.objects.bulk_create(
            Membership(committee=committee, entity=state) for state in states[: members - committee.memberships.count()]
        )
        ContentType.objects.clear_cache()  # each count starts from the same cache, whatever the tests before did
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        counts.append(len(queries))

    # The request's session, user, roles and two-factor device; the committee, the user's permissions (2), the
    # memberships inline, the roles inline, the history link's content type, the unread notifications, the
    # committees and entities of the form's choices: 13.
    assert counts[0] == 13, counts
    assert counts[0] == counts[1], counts


def test_an_over_long_name_is_refused_with_the_fields_error_and_nothing_is_written(client, secretariat, small_session):
    client.force_login(secretariat)
    url = reverse("admin:bodies_entity_add")
    form = {
        "code": "LONGNAME",
        "kind": "organization",
        "organization_type": "ngo_general",
        "name_en": "Friends of Long Names",
        "name_fr": "A" * 301,
        "name_gender": "{}",
    }
    page_form = form | _other_inlines(client, url)

    refused = client.post(url, page_form)

    assert refused.status_code == 200
    assert 'maxlength="300"' in refused.text  # the inputs say it too
    errors = refused.context["adminform"].form.errors
    assert errors["name"] == ["The French text has 301 characters; at most 300 are allowed."]
    assert not Entity.objects.filter(code="LONGNAME").exists()

    accepted = client.post(url, page_form | {"name_fr": "A" * 300})
    assert accepted.status_code == 302
    assert Entity.objects.get(code="LONGNAME").name["fr"] == "A" * 300

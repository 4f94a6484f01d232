"""Search as a person uses it: the box in the header, the results page, its filters, and only what one may read."""

import io
import json

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee.roles.models import Role
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.load import import_session
from documents.reports.models import ReportParagraph
from documents.search.models import SearchEntry
from tests.builders import make_session_file


def results(client, **query):
    response = client.get("/search/", query)
    assert response.status_code == 200, response.content[:500]
    return response


def links(response) -> list[str]:
    return [result.entry.url for result in response.context["page"]]


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    """TD/B/EDE/1, as the demo imports it, indexed as a commit indexes it."""
    with django_capture_on_commit_callbacks(execute=True):
        return import_session(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run what a commit runs (the index brought up to date) for the writes in the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_header_has_a_search_box_on_every_page(client, demo):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page
    assert 'name="q"' in page


def test_a_french_word_finds_the_operative_paragraph_that_speaks_of_local_platforms(client, demo):
    response = results(client, q="plateformes")
    french = [r for r in response.context["page"] if r.entry.language == "fr"]
    assert any("plateformes locales" in r.entry.text and r.entry.kind == "decision" for r in french)
    local = next(r for r in french if "plateformes locales" in r.entry.text)
    assert local.entry.url.startswith("/sessions/TD/B/EDE/1/decisions/?text=")
    assert "#paragraph-" in local.entry.url
    assert "<mark>plateformes</mark> locales" in response.content.decode()
    # The page it leads to shows the paragraph at its anchor.
    page = client.get(local.entry.url.split("#")[0]).content.decode()
    assert f'id="{local.entry.url.split("#")[1]}"' in page


def test_the_stem_matches_other_forms_of_the_word(client, demo):
    singular = results(client, q="plateforme", language="fr").context["page"]
    assert any("plateformes locales" in r.entry.text for r in singular)


def test_a_symbol_typed_as_it_is_written_finds_its_document_first(client, demo):
    first = results(client, q="TD/B/EDE/1/3").context["page"][0]
    assert first.entry.kind == "document"
    assert first.entry.symbol == "TD/B/EDE/1/3"
    end = results(client, q="EDE/1/INF.1").context["page"][0]
    assert end.entry.symbol == "TD/B/EDE/1/INF.1"
    lower = results(client, q="td/b/ede/1/2").context["page"][0]
    assert lower.entry.symbol == "TD/B/EDE/1/2"


def test_each_thing_is_shown_once_in_the_interface_language(client, demo):
    found = results(client, q="TD/B/EDE/1/3").context["page"]
    sources = [r.entry.source for r in found]
    assert len(sources) == len(set(sources))
    assert found[0].entry.language == "en"
    client.cookies["django_language"] = "fr"
    assert results(client, q="TD/B/EDE/1/3").context["page"][0].entry.language == "fr"


def test_chinese_is_found_without_spaces(client, demo):
    found = results(client, q="本地平台").context["page"]
    assert any(r.entry.language == "zh" and "本地平台" in r.entry.text for r in found)


def test_filters_by_kind_language_and_session(client, demo):
    only_documents = results(client, q="economy", kind="document").context["page"]
    assert only_documents
    assert {r.entry.kind for r in only_documents} == {"document"}
    russian = results(client, q="платформы", language="ru").context["page"]
    assert russian
    assert {r.entry.language for r in russian} == {"ru"}
    assert not results(client, q="plateformes", session="TD/B/EDE/2").context["page"].object_list


def test_a_bad_filter_is_said_and_nothing_is_searched(client, demo):
    response = client.get("/search/", {"q": "plateformes", "since": "not a date"})
    assert response.status_code == 400
    assert response.context["found"] is None


@pytest.mark.parametrize(
    "typed",
    ["\u202eplateformes\u202c", "plate\x00formes", "-plateformes", '"', "OR", "a" * 5000, "* : ( ) NEAR", "本"],
)
def test_any_text_typed_is_searched_or_refused_without_fault(client, demo, typed):
    response = client.get("/search/", {"q": typed})
    assert response.status_code in (200, 400)


def test_bytes_that_are_no_text_are_searched_as_what_they_spell(client, demo):
    """A lone surrogate or broken UTF-8 in the address: read with replacement characters, never a fault."""
    assert client.get("/search/?q=%ED%A0%80plateformes%FF").status_code == 200


def test_a_draft_is_found_only_by_those_who_may_read_it(client, demo, django_user_model, indexed):
    """A word that stands only in a private committee's draft summary: its member finds it; a member of another
    committee, and a visitor, find nothing."""
    with indexed():
        private = import_session(json.dumps(make_session_file()))
        paragraph = ReportParagraph.objects.filter(section__report__session=private).first()
        paragraph.text = {"en": "The zanzibarine proposal was discussed."}
        paragraph.save()
    assert not private.committee.is_public
    assert not results(client, q="zanzibarine").context["page"].object_list
    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "a-long-password")
    Role.objects.create(user=outsider, committee=demo.committee, kind=Role.Kind.MEMBER)
    client.force_login(outsider)
    assert not results(client, q="zanzibarine").context["page"].object_list
    observer = django_user_model.objects.create_user("observer", "w@example.org", "a-long-password")
    Role.objects.create(user=observer, committee=private.committee, kind=Role.Kind.OBSERVER)
    client.force_login(observer)
    assert not results(client, q="zanzibarine").context["page"].object_list  # a draft: not observers
    member = django_user_model.objects.create_user("insider", "i@example.org", "a-long-password")
    Role.objects.create(user=member, committee=private.committee, kind=Role.Kind.MEMBER)
    client.force_login(member)
    found = results(client, q="zanzibarine").context["page"]
    assert [r.entry.kind for r in found] == ["summary"]
    assert client.get(found[0].entry.url.split("#")[0]).status_code == 200


def test_delegates_are_found_by_those_signed_in_only(client, demo, django_user_model):
    delegate = SearchEntry.objects.filter(kind="delegate", session=demo).first()
    assert delegate is not None
    assert not results(client, q=delegate.title).context["page"].object_list
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "a-long-password"))
    assert delegate.source in [r.entry.source for r in results(client, q=delegate.title).context["page"]]


def test_the_index_follows_an_edit_and_a_deletion(client, demo, indexed):
    paragraph = ReportParagraph.objects.filter(section__report__session=demo).first()
    with indexed():
        paragraph.text = {**paragraph.text, "en": "A quetzalcoatlesque remark."}
        paragraph.save()
    admin = Role.objects.create  # the summary is a draft's: read by the committee's people
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("chair", "c@example.org", "a-long-password")
    admin(user=user, committee=demo.committee, kind=Role.Kind.CHAIR)
    client.force_login(user)
    assert [r.entry.source for r in results(client, q="quetzalcoatlesque").context["page"]] == [
        f"summary:{paragraph.pk}"
    ]
    with indexed():
        paragraph.delete()
    assert not results(client, q="quetzalcoatlesque").context["page"].object_list


def test_an_uploaded_version_is_found_by_its_text(client, demo, indexed):
    from documents.registry.models import Document, DocumentFile

    document = Document.objects.get(symbol="TD/B/EDE/1/2")
    word = docx.Document()
    word.add_paragraph("The xylophonic economy of tomorrow.")
    content = io.BytesIO()
    word.save(content)
    with indexed():
        DocumentFile.objects.update_or_create(
            document=document, language="en",
            defaults={"file": SimpleUploadedFile("note.docx", content.getvalue())},
        )  # fmt: skip
    found = results(client, q="xylophonic").context["page"]
    assert [r.entry.symbol for r in found] == ["TD/B/EDE/1/2"]


def test_rebuild_makes_the_same_index_again(demo):
    before = set(SearchEntry.objects.values_list("source", "language", "title", "text"))
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert set(SearchEntry.objects.values_list("source", "language", "title", "text")) == before
    assert f"holds {len(before)} rows" in out.getvalue()


def test_the_results_page_takes_as_many_queries_whatever_the_data(client, demo, indexed):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            results(client, q="economy")
        return len(queries)

    before = count()
    with indexed():
        import_session(json.dumps(make_session_file()))
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        from documents.exchange.session_file.copies import renumbered

        import_session(json.dumps(renumbered(data, 7)))
    assert count() == before


def test_the_index_follows_a_renumbering(demo, indexed, django_user_model):
    """A paragraph removed renumbers the others (committee.kernel.editing.renumber saves each one moved): their
    results say their new numbers."""
    from committee.roles.services import grant_secretariat_access
    from decisions.outcomes.models import Paragraph
    from documents.reports.services import remove_text_paragraph

    def label() -> str:
        entry = SearchEntry.objects.get(language="fr", text__contains="plateformes locales", kind="decision")
        return entry.title.rsplit(", ", 1)[1]  # "…, 16 (a)": a sub-item of paragraph 16

    before = label()
    secretary = django_user_model.objects.create_user("secretary", "s@example.org", "a-long-password")
    grant_secretariat_access(secretary, demo.committee)
    first = Paragraph.objects.filter(decision__session=demo, kind="operative", parent=None).order_by("position")[0]
    with indexed():
        remove_text_paragraph(paragraph=first, by=secretary)

    number, item = before.split(" ")
    assert label() == f"{int(number) - 1} {item}"

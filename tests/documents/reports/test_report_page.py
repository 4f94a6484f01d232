"""The draft report's page, as the secretariat, a member and the rapporteur use it."""

import datetime
import io
import json
import re

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.reports.models import ArchivedReport, Comment, Report, ReportParagraph
from documents.reports.services import open_review
from tests.builders import make_larger_session_file
from tests.jobs import run_queued_jobs, written

pytestmark = pytest.mark.django_db


def page_url() -> str:
    return reverse("reports:report", kwargs={"code": "TST/G/2"})


def action(name: str) -> str:
    return reverse("reports:report_action", kwargs={"code": "TST/G/2", "action": name})


def open_the_review(client, until: datetime.date | None = None):
    """The secretariat opens the draft for review, members commenting for a fortnight (or until `until`)."""
    until = until or datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=14)
    return client.post(reverse("reports:review", kwargs={"code": "TST/G/2"}), {"until": until.isoformat()})


def test_the_secretariat_edits_and_a_stale_save_shows_both_texts(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})

    assert 'name="text"' in client.get(page_url()).text
    first = client.post(edit, {"language": "en", "revision": "1", "text": "Saved first."})
    second = client.post(edit, {"language": "en", "revision": "1", "text": "Saved second."})

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Saved first." in second.text
    assert "Saved second." in second.text
    paragraph.refresh_from_db()
    assert paragraph.text["en"] == "Saved first."


def test_review_comment_acceptance_finalization_and_archive_through_the_pages(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    open_the_review(client)
    client.force_login(cast["member"])
    member_page = client.get(page_url()).text
    assert 'name="text"' not in member_page.split("Comment on this paragraph")[0]  # no editing for members
    client.post(
        reverse("reports:comment", kwargs={"code": "TST/G/2", "pk": paragraph.pk}),
        {"language": "en", "text": "Be precise.", "proposed_text": "The Group met in Geneva."},
    )
    comment = Comment.objects.get()
    client.force_login(cast["secretariat"])
    client.post(
        reverse("reports:resolve_comment", kwargs={"code": "TST/G/2", "pk": comment.pk}), {"decision": "accepted"}
    )
    client.force_login(cast["rapporteur"])
    finalizing = client.post(action("finalize"))
    run_queued_jobs()

    assert "The report is finalized and archived: version 1, in 1 language, as Word and PDF." in (
        client.get(finalizing.url, follow=True).text
    )
    assert Report.objects.get().status == Report.Status.FINALIZED
    archived = ArchivedReport.objects.get(language="en", format="docx")
    download = client.get(
        reverse("reports:archived_report", kwargs={"code": "TST/G/2", "version": 1, "language": "en"})
    )
    content = b"".join(download.streaming_content)
    assert "The Group met in Geneva." in [p.text.split("\t")[-1] for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert archived.sha256 in client.get(page_url()).text
    client.force_login(cast["secretariat"])
    assert 'name="text"' not in client.get(page_url()).text  # locked: no more editing


@pytest.mark.parametrize(("kind", "status"), [("observer", 403), ("member", 200), ("rapporteur", 200)])
def test_who_sees_the_draft(client, cast, kind, status):
    client.force_login(cast[kind])

    assert client.get(page_url()).status_code == status


def test_members_cannot_finalize_or_edit(client, cast, paragraph):
    client.force_login(cast["member"])

    assert client.post(action("finalize")).status_code == 403
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    assert client.post(edit, {"language": "en", "revision": "1", "text": "x"}).status_code == 403


@pytest.mark.parametrize("page", ["reports:report", "reports:draft_changes"])
def test_the_draft_pages_take_the_same_number_of_queries_at_ten_times_the_size(client, secretariat, page):
    client.force_login(secretariat)
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        open_review(report=Report.objects.get(session=session), by=secretariat)  # a version to compare with
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(page, kwargs={"code": session.code}))
        assert response.status_code == 200
        counts.append(len(queries))

    # Both: the request's session, user, roles and two-factor device; the report, its committee, the unread
    # notifications. The draft: how long it is (2: the summary's paragraphs, the texts'), then the speakers,
    # sections, paragraphs and comments (twice: the summary's and the
    # annex's), decisions, paragraphs (2), the archive; what it lacks before it is finalized (11: its languages
    # (2), their texts (2), the open comments, the steps, agendas, officers, the body's report scheme (which
    # says which steps the report states) and texts whose adoption is not recorded, the waivers), the reader's
    # own comments (32). The changes: the report's, decisions', sections' and
    # paragraphs' histories (5), the decisions, sections and paragraphs (4) (16).
    assert counts[0] == {"reports:report": 32, "reports:draft_changes": 16}[page], counts
    assert counts[0] == counts[1], counts


def test_a_paragraphs_history_shows_who_changed_what(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    client.post(edit, {"language": "en", "revision": "1", "text": "The Group met in Geneva."})

    page = client.get(reverse("reports:paragraph_history", kwargs={"code": "TST/G/2", "pk": paragraph.pk}) + "?lang=en")

    assert page.status_code == 200
    assert "secretary@example.org" in page.text
    assert '<ins class="text-success">met in Geneva.</ins>' in page.text
    assert '<del class="text-danger">met.</del>' in page.text


def test_the_changes_since_the_last_finalized_version(client, cast, paragraph):
    client.force_login(cast["rapporteur"])
    client.post(action("finalize"))
    run_queued_jobs()
    client.force_login(cast["secretariat"])
    client.post(action("corrigendum"))
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    client.post(edit, {"language": "en", "revision": "1", "text": "The Group met twice."})

    page = client.get(reverse("reports:draft_changes", kwargs={"code": "TST/G/2"}) + "?lang=en").text

    chosen_from = page.split('name="from"')[1].split("</select>")[0]
    assert "selected>Finalized · version 1 · " in chosen_from
    assert '<del class="text-danger">met.</del><ins class="text-success">met twice.</ins>' in page
    assert Report.objects.get().version == 2


def test_any_two_versions_of_the_whole_draft(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    client.post(edit, {"language": "en", "revision": "1", "text": "The Group met in Geneva."})
    open_the_review(client)
    client.post(edit, {"language": "en", "revision": "2", "text": "The Group met in Geneva twice."})
    client.post(
        reverse("reports:section_title", kwargs={"code": "TST/G/2", "pk": paragraph.section_id}),
        {"language": "en", "revision": "1", "title": "Opening of the session"},
    )
    client.post(reverse("reports:paragraph_structure", kwargs={"code": "TST/G/2", "pk": paragraph.pk, "action": "add"}))
    new = ReportParagraph.objects.get(text={})
    client.post(
        reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": new.pk}),
        {"language": "en", "revision": "1", "text": "A new paragraph."},
    )
    client.force_login(cast["rapporteur"])
    client.post(action("finalize"))
    run_queued_jobs()
    changes = reverse("reports:draft_changes", kwargs={"code": "TST/G/2"})
    page = client.get(changes + "?lang=en").text
    review, finalized = re.findall(r'<option value="(\d+)"', page.split('name="to"')[0])

    since_review = client.get(changes, {"lang": "en", "from": review, "to": finalized}).text
    until_review = client.get(changes, {"lang": "en", "from": finalized, "to": review}).text

    assert 'Opening<ins class="text-success"> of the session</ins>' in since_review
    assert "Geneva.</del><ins" in since_review
    assert "Geneva twice.</ins>" in since_review
    assert "Opening of the session · added" in since_review
    assert "Geneva twice.</del><ins" in until_review
    assert "Opening of the session · removed" in until_review


def test_a_garbled_revision_is_a_bad_request(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    title = reverse("reports:section_title", kwargs={"code": "TST/G/2", "pk": paragraph.section_id})

    assert client.post(edit, {"language": "en", "revision": "1.0", "text": "x"}).status_code == 400
    assert client.post(title, {"language": "en", "revision": "abc", "title": "x"}).status_code == 400


def test_any_two_versions_of_a_paragraph(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    for revision, text in enumerate(["The Group met in Geneva.", "The Group met in Geneva twice."], start=1):
        client.post(edit, {"language": "en", "revision": str(revision), "text": text})
    history = reverse("reports:paragraph_history", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    first, *_middle, last = [r.history_id for r in paragraph.history.order_by("history_date")]

    page = client.get(history, {"lang": "en", "from": first, "to": last}).text

    comparison = page.split("</section>")[0]
    assert '<del class="text-danger">met.</del><ins class="text-success">met in Geneva twice.</ins>' in comparison


def test_the_secretariat_names_adds_and_removes_sections(client, cast, small_session, paragraph):
    from documents.reports.models import ReportSection

    client.force_login(cast["secretariat"])
    section = paragraph.section
    title = reverse("reports:section_title", kwargs={"code": "TST/G/2", "pk": section.pk})

    saved = client.post(title, {"language": "fr", "revision": "1", "title": "Ouverture de la session"})
    stale = client.post(title, {"language": "fr", "revision": "1", "title": "Ouverture"})
    client.post(reverse("reports:section_structure", kwargs={"code": "TST/G/2", "pk": section.pk, "action": "add"}))
    new = ReportSection.objects.get(title={})
    refused = client.post(
        reverse("reports:section_structure", kwargs={"code": "TST/G/2", "pk": section.pk, "action": "remove"}),
        follow=True,
    )
    client.post(reverse("reports:section_structure", kwargs={"code": "TST/G/2", "pk": new.pk, "action": "remove"}))

    assert saved.status_code == 302
    assert stale.status_code == 409
    assert "Ouverture de la session" in stale.text
    assert 'value="Ouverture"' in stale.text
    assert new.position == section.position + 1
    assert new.parent is None
    assert "Only an empty section can be removed" in refused.text
    assert not ReportSection.objects.filter(pk=new.pk).exists()
    assert list(ReportSection.objects.filter(parent=None).values_list("position", flat=True)) == [1, 2]
    report = written(client, reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "fr"}))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "Ouverture de la session" in text


def test_removing_a_section_that_does_not_exist_is_not_found(client, cast, small_session, paragraph):
    # The URL's pattern (a regular expression) passes the section's number as text: "0" names no section.
    client.force_login(cast["secretariat"])

    response = client.post(
        reverse("reports:section_structure", kwargs={"code": "TST/G/2", "pk": 0, "action": "remove"})
    )

    assert response.status_code == 404


def test_the_comments_author_is_told_in_the_app(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    open_the_review(client)
    client.force_login(cast["member"])
    client.post(
        reverse("reports:comment", kwargs={"code": "TST/G/2", "pk": paragraph.pk}), {"language": "en", "text": "Why?"}
    )
    client.force_login(cast["secretariat"])
    comment = Comment.objects.get()
    client.post(
        reverse("reports:resolve_comment", kwargs={"code": "TST/G/2", "pk": comment.pk}),
        {"decision": "answered", "answer": "Because."},
    )
    client.force_login(cast["member"])

    home = client.get(reverse("programme:home")).text
    notifications = client.get(reverse("notifications:notifications")).text

    assert '1<span class="visually-hidden"> unread</span>' in home
    assert "Your comment on the draft report of TST/G/2 was answered." in notifications
    assert f"#paragraph-{paragraph.pk}" in notifications
    assert "unread</span>" not in client.get(reverse("programme:home")).text


def test_the_secretariat_edits_the_recommendations_on_the_same_page(client, cast, small_session):
    from decisions.outcomes.models import Paragraph

    client.force_login(cast["secretariat"])
    operative = Paragraph.objects.get(kind="operative", parent__isnull=True)
    edit = reverse("reports:edit_recommendation", kwargs={"code": "TST/G/2", "pk": operative.pk})

    page = client.get(page_url()).text
    saved = client.post(edit, {"language": "fr", "revision": "1", "text": "*Décide* de tester :"})
    stale = client.post(edit, {"language": "fr", "revision": "1", "text": "*Décide* autre chose."})

    assert "1.</span>" in page
    assert saved.status_code == 302
    assert stale.status_code == 409
    operative.refresh_from_db()
    assert operative.text["fr"] == "*Décide* de tester :"
    assert operative.history.first().history_user == cast["secretariat"]


def test_an_over_long_paragraph_or_comment_is_refused_and_nothing_is_written(client, cast, paragraph):
    client.force_login(cast["secretariat"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    before = dict(paragraph.text)

    refused = client.post(edit, {"language": "fr", "revision": "1", "text": "P" * 20_001}, follow=True)

    assert "text: the French text has 20001 characters; at most 20000 are allowed." in refused.text
    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.revision) == (before, 1)
    assert 'maxlength="20000"' in client.get(page_url()).text

    open_the_review(client)
    client.force_login(cast["member"])
    assert 'maxlength="20000"' in client.get(page_url()).text  # the comment's box
    comment = reverse("reports:comment", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    refused = client.post(comment, {"language": "en", "text": "C" * 20_001}, follow=True)
    assert "Comment: Ensure this value has at most 20000 characters (it has 20001)." in refused.text
    assert paragraph.comments.count() == 0


def test_the_secretariat_writes_a_text_the_session_adopts_in_the_app(client, cast, small_session):
    from decisions.outcomes.models import Decision

    client.force_login(cast["secretariat"])
    added = client.post(
        reverse("reports:add_text", kwargs={"code": "TST/G/2"}),
        {"language": "en", "kind": "decision", "number": "2/1", "title": "Work programme"},
        follow=True,
    )
    assert "The text is added" in added.text
    decision = Decision.objects.get(number="2/1")
    assert (decision.kind, decision.title, decision.position) == ("decision", {"en": "Work programme"}, 2)
    for kind in ("operative", "preambular"):
        client.post(reverse("reports:add_text_paragraph", kwargs={"code": "TST/G/2", "pk": decision.pk, "kind": kind}))
    assert [(p.position, p.kind) for p in decision.paragraphs.order_by("position")] == [
        (1, "preambular"),
        (2, "operative"),
        (3, "operative"),
    ]  # the preamble comes first
    shown = client.get(page_url()).text
    assert "Work programme" in shown
    refused = client.post(
        reverse("reports:add_text", kwargs={"code": "TST/G/2"}), {"language": "en", "kind": "treaty"}, follow=True
    )
    assert "Choose what kind of text it is." in refused.text
    assert Decision.objects.count() == 2


def test_a_recommendation_takes_sub_items_and_loses_those_not_followed_up(client, cast, small_session):
    from decisions.follow_up.models import Action
    from decisions.outcomes.models import Paragraph

    client.force_login(cast["secretariat"])
    operative = Paragraph.objects.get(kind="operative", parent__isnull=True)
    edit = reverse("reports:edit_recommendation", kwargs={"code": "TST/G/2", "pk": operative.pk})
    sent = {"language": "en", "revision": operative.revision, "text": "Decides:", "then": "add-sub-item"}
    added = client.post(edit, sent)
    new = operative.sub_items.order_by("position").last()
    assert (new.position, new.letter, new.text) == (3, "c", {})
    assert added["Location"].endswith(f"?lang=en&edit={new.pk}#recommendation-{new.pk}")
    page = client.get(added["Location"])
    assert "A sub-item is added." in page.text
    assert _editor_open(page.text, new.pk)  # its editor is open, to write it
    assert not _editor_open(client.get(reverse("reports:report", kwargs={"code": "TST/G/2"})).text, new.pk)
    operative.refresh_from_db()
    assert operative.text["en"] == "Decides:"

    first = operative.sub_items.get(position=1)
    Action.objects.create(paragraph=first, description={"en": "Test early."}, responsible="secretariat")
    remove_first = reverse("reports:remove_text_paragraph", kwargs={"code": "TST/G/2", "pk": first.pk})
    assert "Its follow-up has begun" in client.post(remove_first, follow=True).text
    second = operative.sub_items.get(position=2)
    remove = reverse("reports:remove_text_paragraph", kwargs={"code": "TST/G/2", "pk": second.pk})
    assert "The paragraph is removed." in client.post(remove, follow=True).text
    assert [(s.position, s.text.get("en", "")) for s in operative.sub_items.order_by("position")] == [
        (1, "Early;"),
        (2, ""),
    ]


def _editor_open(page: str, pk: int) -> bool:
    """Whether the page shows the editor of recommendation paragraph `pk` open."""
    block = page.split(f'id="recommendation-{pk}"', 1)[1]
    return re.search(r"<details[^>]*>", block).group(0).endswith(" open>")


def test_a_long_draft_is_read_a_part_at_a_time_and_an_edit_returns_to_its_part(
    client, cast, small_session, paragraph, monkeypatch
):
    """Past a length, the page shows one text adopted or one section of the summary, beside the contents of all:
    the summary's paragraphs keep their numbers through the report, and a form sent from a part leads back to it."""
    from documents.reports.models import ReportSection

    monkeypatch.setattr("documents.reports.parts.WHOLE_DRAFT_LIMIT", 2)  # the small draft has 4 paragraphs
    decision = small_session.decisions.get()
    testing = ReportSection.objects.get(report__session=small_session, parent__isnull=True, position=2)
    panel = ReportParagraph.objects.get(section__parent=testing)
    client.force_login(cast["secretariat"])

    first = client.get(page_url()).text
    second = client.get(page_url() + f"?part=section-{testing.pk}").text

    assert "The draft is long: it is shown a part at a time." in first
    for part in (f"decision-{decision.pk}", f"section-{paragraph.section_id}", f"section-{testing.pk}"):
        assert f'href="?lang=en&amp;part={part}#' in first  # the contents name every part
    assert "The Group met." not in first
    assert "Panellists spoke." not in first
    assert f'<a href="?lang=en&amp;part=section-{paragraph.section_id}">Next part</a>' in first
    assert "Panellists spoke." in second
    assert "The Group met." not in second
    assert re.search(r'<span class="text-body-secondary">2\.</span>', second)  # after Opening's one paragraph
    assert "Next part" not in second
    assert client.get(page_url() + "?part=section-999999").text.count("The Group met.") == 0  # the first part

    saved = client.post(
        reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": panel.pk}),
        {"language": "en", "revision": "1", "text": "Panellists spoke at length.", "part": f"section-{testing.pk}"},
    )
    assert saved["Location"] == f"{page_url()}?lang=en&part=section-{testing.pk}"
    stale = client.post(
        reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": panel.pk}),
        {"language": "en", "revision": "1", "text": "Mine.", "part": f"decision-{decision.pk}"},
    )
    assert stale.status_code == 409
    assert "Mine." in stale.text
    assert "Panellists spoke at length." in stale.text
    tampered = client.post(
        reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": panel.pk}),
        {"language": "en", "revision": "2", "text": "Again.", "part": "section-1&x=<script>"},
    )
    assert tampered["Location"] == f"{page_url()}?lang=en"

    open_the_review(client)
    client.force_login(cast["member"])
    client.post(
        reverse("reports:comment", kwargs={"code": "TST/G/2", "pk": panel.pk}), {"language": "en", "text": "Why?"}
    )
    client.force_login(cast["secretariat"])
    notifications = client.get(reverse("notifications:notifications")).text
    assert f"?part=section-{testing.pk}#paragraph-{panel.pk}" in notifications
    resolved = client.post(
        reverse("reports:resolve_comment", kwargs={"code": "TST/G/2", "pk": Comment.objects.get().pk}),
        {"decision": "answered", "answer": "Because."},
    )  # its form, which the page also fetches alone, does not say the part
    assert resolved["Location"] == f"{page_url()}?lang=en&part=section-{testing.pk}"
    client.force_login(cast["member"])
    assert f"?lang=en&amp;part=section-{testing.pk}#paragraph-{panel.pk}" in client.get(page_url()).text  # theirs

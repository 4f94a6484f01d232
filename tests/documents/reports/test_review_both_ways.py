"""The review both ways: the secretariat is told of each comment, which names the delegation it speaks for; the
review has a deadline members see; each member sees what became of its comments; the comments download."""

import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from committee.bodies.models import Entity
from committee.roles.models import Role
from documents.reports.models import Comment, Report
from documents.reports.services import ReportError, add_comment, open_review

pytestmark = pytest.mark.django_db

DRAFT = reverse("reports:report", kwargs={"code": "TST/G/2"})


@pytest.fixture
def member(cast):
    """The member speaks for Kenya."""
    Role.objects.filter(user=cast["member"]).update(entity=Entity.objects.get(code="KEN"))
    return cast["member"]


@pytest.fixture
def under_review(small_session, cast):
    report = Report.objects.get(session=small_session)
    open_review(
        report=report,
        until=datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=3),
        by=cast["secretariat"],
    )
    return report


def comment(client, paragraph, text: str, **extra):
    url = reverse("reports:comment", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    return client.post(url, {"language": "en", "text": text, **extra}, follow=True)


def test_the_secretariat_is_told_of_each_comment_which_names_its_delegation(
    client, cast, member, paragraph, under_review, django_capture_on_commit_callbacks
):
    client.force_login(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment(client, paragraph, "Say where the Group met.")

    assert Comment.objects.get().on_behalf_of.code == "KEN"
    client.force_login(cast["secretariat"])
    notifications = client.get(reverse("notifications:notifications")).content.decode()
    assert "Kenya (member) commented on the draft report of TST/G/2" in notifications
    assert [message.to for message in mail.outbox] == [[cast["secretariat"].email]]
    assert "Say where the Group met." in mail.outbox[0].body
    shown = client.get(DRAFT).content.decode()
    assert "Kenya (member)" in shown
    assert member.email not in shown


def test_the_review_has_a_deadline_members_see_after_which_commenting_closes(
    client, cast, member, paragraph, under_review
):
    client.force_login(member)
    shown = client.get(DRAFT).content.decode()
    assert "Members comment until" in shown
    assert "Comment on this paragraph" in shown

    Report.objects.filter(pk=under_review.pk).update(
        review_closes_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    )
    shown = client.get(DRAFT).content.decode()
    assert "The review closed: comments were taken until" in shown
    assert "Comment on this paragraph" not in shown
    refused = comment(client, paragraph, "Too late?")
    assert "The review has closed" in refused.content.decode()
    assert not Comment.objects.exists()

    client.force_login(cast["secretariat"])
    later = (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=7)).isoformat()
    moved = client.post(reverse("reports:review", kwargs={"code": "TST/G/2"}), {"until": later}, follow=True)
    assert "deadline is moved." in moved.content.decode()
    client.force_login(member)
    comment(client, paragraph, "In time again.")
    assert Comment.objects.count() == 1


def test_a_review_cannot_open_with_a_deadline_already_past(small_session, cast):
    report = Report.objects.get(session=small_session)
    with pytest.raises(ReportError, match="already past"):
        open_review(report=report, until=datetime.date(2020, 1, 1), by=cast["secretariat"])
    report.refresh_from_db()
    assert report.status == "draft"


def test_one_who_speaks_for_several_delegations_says_which(cast, member, paragraph, under_review):
    board = paragraph.section.report.session.committee.parent  # a member of the board for France, and below it
    Role.objects.create(
        user=member, committee=board, kind="member", entity=Entity.objects.get(code="FRA"), includes_subcommittees=True
    )
    member.refresh_from_db()
    with pytest.raises(ReportError, match="Say which delegation"):
        add_comment(paragraph=paragraph, author=member, language="en", text="Which?")
    with pytest.raises(ReportError, match="no such delegation"):
        add_comment(
            paragraph=paragraph,
            author=member,
            language="en",
            text="Chile?",
            on_behalf_of=Entity.objects.get(code="CHL").pk,
        )
    france = Entity.objects.get(code="FRA")
    assert (
        add_comment(
            paragraph=paragraph, author=member, language="en", text="Ours.", on_behalf_of=france.pk
        ).on_behalf_of
        == france
    )


def test_each_member_sees_what_became_of_its_comments(client, cast, member, paragraph, under_review):
    client.force_login(member)
    comment(client, paragraph, "Why so long?")
    client.force_login(cast["secretariat"])
    url = reverse("reports:resolve_comment", kwargs={"code": "TST/G/2", "pk": Comment.objects.get().pk})
    client.post(url, {"decision": "answered", "answer": "The Group said much."})

    client.force_login(member)
    mine = client.get(DRAFT).content.decode().split('id="my-comments"')[1].split("</section>")[0]
    assert "Why so long?" in mine
    assert "Answered" in mine
    assert "The Group said much." in mine
    client.force_login(cast["observer"])
    assert 'id="my-comments"' not in client.get(DRAFT).content.decode()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_secretariat_downloads_the_comments_for_the_chair(client, cast, member, paragraph, under_review, kind):
    client.force_login(member)
    comment(client, paragraph, '=HYPERLINK("http://example.org")', proposed_text="The Group met.")
    url = reverse("reports:comments_download", kwargs={"code": "TST/G/2", "kind": kind})
    assert client.get(url).status_code == 403

    client.force_login(cast["secretariat"])
    response = client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="TST_G_2-comments.{kind}"'
    if kind == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Section,Paragraph of the section,From,Language,Comment,Proposed text,Status")
        assert "Kenya (member)" in lines[1]
        assert "'=HYPERLINK" in lines[1]  # a formula stays text
    else:
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[1][2:7] == (
            "Kenya (member)",
            "English",
            '=HYPERLINK("http://example.org")',
            "The Group met.",
            "Open",
        )

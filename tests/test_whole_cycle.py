"""A session from its creation to its issued report, in a real browser, with no /admin/ address: the secretariat
sets up a body with a member and its session, prepares and adopts the agenda at the opening meeting, records the
officers and the steps, holds the opening meeting live, drafts the Chair's summary with the toolbar, opens the
review; the member comments
(the secretariat is told, the delegation is shown); the secretariat accepts; finalization waits for the symbol
and date; the rapporteur finalizes; the archived report holds the accepted text and what was recorded, no more."""

import datetime
import io
import re

import docx
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail

from committee.bodies.models import Committee
from committee.roles.services import grant_secretariat_access
from documents.reports.models import ArchivedReport
from meetings.programme.models import Meeting
from tests.browser import asgi_server, chromium, shot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("countries")]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - the test's own authenticator
TODAY = datetime.datetime.now(datetime.UTC).date()
OPENING, CLOSING = TODAY - datetime.timedelta(days=3), TODAY - datetime.timedelta(days=2)
ACCEPTED = "The Group met in Geneva and heard the panellists."


@pytest.fixture
def secretary(django_user_model):
    """The secretariat of a board, who sets up the new body below it."""
    board = Committee.objects.create(code="CYB", kind="board", name={"en": "Cycle Board"}, name_gender={"fr": "m"})
    user = django_user_model.objects.create_user("secretary", "secretary@example.org", "a-long-password-1")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    grant_secretariat_access(user, board)
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def server(monkeypatch, secretary):
    """The ASGI application, websockets included (the live meeting), once the data is written."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with asgi_server() as base:
        yield base


@pytest.fixture
def browser(server):
    with chromium() as browser:
        yield browser


def join(browser, base: str, email: str, password: str):
    """The invited person opens the emailed link and makes an account."""
    link = re.search(r"https?://\S+(/invitations/\S+/)", next(m for m in mail.outbox if email in m.to).body).group(1)
    page = browser.new_context().new_page()
    page.goto(base + link)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.click("main button[type=submit]")
    return page


def test_a_session_from_its_creation_to_its_issued_report(server, browser):
    base = server
    page = browser.new_page()
    sign_in(page, base, "secretary@example.org", "a-long-password-1")
    page.fill("input[name=code]", format_hotp_value(hotp_value(SECRET, next(yield_hotp_counters_from_time()))))
    page.click("main button[type=submit]")
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))

    # A body below the board, with Kenya as a member.
    page.goto(f"{base}/committees/CYB/")
    page.click("text=New body below it")
    page.fill("#id_code", "CYG")
    page.select_option("#id_kind", "expert_group")
    page.fill("#id_name_0", "Group of Experts on Cycles")
    page.fill("#id_name_1", "Groupe d'experts des cycles")
    page.select_option("#id_name_gender", "m")
    page.fill("#id_short_name_0", "the Group")
    page.fill("#id_symbol_series", "CYG")
    page.click("main button[type=submit]")
    assert "The body is set up" in page.content(), page.locator(".invalid-feedback").all_inner_texts()
    page.click("text=Membership")
    page.select_option("#id_new-entity", label="Kenya")
    page.select_option("#id_new-status", "member")
    page.click("main button:text('Add')")
    for email, kind in (("delegate@example.org", "member"), ("rapporteur@example.org", "rapporteur")):
        page.goto(f"{base}/committees/CYG/")
        page.fill("#id_email", email)
        page.select_option("#id_kind", kind)
        if kind == "member":
            page.select_option("#id_entity", label="Kenya")
        page.click("text=Send the invitation")

    # Its first session, two meetings, the agenda adopted at the opening meeting.
    page.click("text=New session")
    page.fill("#id_start_date", OPENING.isoformat())
    page.fill("#id_end_date", CLOSING.isoformat())
    page.fill("#id_city_0", "Geneva")
    page.click("main button[type=submit]")
    code = page.url.split("/sessions/", 1)[1].rstrip("/")
    assert code == "CYG/1"
    page.goto(f"{base}/sessions/{code}/agenda/")
    page.click("text=Prepare the provisional agenda")
    for kind, day in (("opening_plenary", OPENING), ("closing_plenary", CLOSING)):
        page.goto(f"{base}/sessions/{code}/meetings/new/")
        page.select_option("#id_kind", kind)
        page.fill("#id_date", day.isoformat())
        page.click("main button[type=submit]")
    page.goto(f"{base}/sessions/{code}/agenda/")
    page.select_option("#adopted-at", label="Opening plenary")
    page.click("text=The session adopts this agenda")
    assert "The agenda is adopted as proposed." in page.content()

    # What the session did, at its meetings.
    page.goto(f"{base}/sessions/{code}/proceedings/")
    page.click("text=Record an officer elected")
    page.select_option("#id_officer-role", "vice_chair_rapporteur")
    page.select_option("#id_officer-courtesy", "ms")
    page.fill("#id_officer-name", "Amina Cycle")
    page.select_option("#id_officer-state", label="Kenya")
    page.select_option("#id_officer-meeting", index=1)
    page.click("text=Record the election")
    for step, meeting in (("opening", 1), ("organization_of_work", 1), ("adoption_of_report", 2), ("closing", 2)):
        page.select_option(f"#id_{step}-meeting", index=meeting)
        if step == "adoption_of_report":
            page.check("#id_adoption_of_report-rapporteur_authorized")
        page.click(f"#step-{step} button:text('Record')")
        assert "Recorded: the report states it as recorded here." in page.content()
    shot(page, "whole-cycle-proceedings")

    # The opening meeting held live: the member follows the item the secretariat takes up.
    member = join(browser, base, "delegate@example.org", "a-long-password-3")
    live = f"{base}/meetings/{Meeting.objects.get(session__code=code, kind='opening_plenary').pk}/live/"
    page.goto(live)
    member.goto(live)
    for watcher in (page, member):
        watcher.wait_for_selector("#live[data-connected='1']")
    page.select_option("#live-item-choice", label="1. Election of officers")
    page.click("form[data-live-action=current_item] button")
    member.wait_for_function(
        "() => document.getElementById('live-item').textContent.trim() === '1. Election of officers'", timeout=5000
    )

    # The Chair's summary, drafted as it prints: a word in italics and a footnote through the toolbar.
    page.goto(f"{base}/sessions/{code}/draft-report/")
    page.click("text=Add a section at the end")
    page.fill("input[id^=title-] >> nth=0", "Opening plenary")  # an untitled section opens for its title
    page.click("text=Save the title >> nth=0")
    page.click("text=Add a paragraph >> nth=0")
    page.click("article details summary >> nth=0")
    editor = page.locator("article .drafted-editor >> nth=0")
    editor.click()
    page.keyboard.type("The Group met. ")
    page.click("article form[data-editor] button:text('Italic') >> nth=0")
    page.keyboard.type("Geneva")
    page.click("article form[data-editor] button:text('Italic') >> nth=0")
    page.once("dialog", lambda dialog: dialog.accept("Palais des Nations."))
    page.click("article form[data-editor] button:text('Footnote') >> nth=0")
    page.click("article form[data-editor] button:text-is('Save') >> nth=0")
    assert "The paragraph is saved." in page.content()
    assert "<em>Geneva</em>" in page.content()
    # The recommendations, written in the app and adopted by consensus at the closing meeting.
    page.click("text=Add a text the session adopts")
    page.select_option("#text-kind", "agreed_recommendations")
    page.click("text=Add the text")
    page.click("div[id^=recommendation-] details summary >> nth=0")
    page.locator("div[id^=recommendation-] .drafted-editor >> nth=0").click()
    page.keyboard.type("Invites member States to share their experience.")
    page.click("div[id^=recommendation-] form[data-editor] button:text-is('Save') >> nth=0")
    page.goto(f"{base}/sessions/{code}/proceedings/")
    page.click("text=Record how it was adopted")
    page.select_option("#id_method", "consensus")
    page.select_option("#id_meeting", index=2)
    page.click("main button:text-is('Record')")
    assert "Recorded: the report words the adoption as recorded here." in page.content()
    page.goto(f"{base}/sessions/{code}/draft-report/")
    shot(page, "whole-cycle-reading-view")
    page.fill("#review-until", (TODAY + datetime.timedelta(days=7)).isoformat())
    page.click("text=Open for review by members")
    assert "Members comment until" in page.content()

    # The member comments; the secretariat is told, and sees the delegation.
    member.goto(f"{base}/sessions/{code}/draft-report/")
    member.click("text=Comment on this paragraph >> nth=0")
    member.fill("textarea[name=text] >> nth=0", "Say what the Group heard.")
    member.fill("textarea[name=proposed_text] >> nth=0", ACCEPTED)
    member.click("text=Send the comment >> nth=0")
    page.goto(f"{base}/notifications/")
    assert re.search(r"Kenya \([^)@]+\) commented on the draft report of CYG/1", page.content())
    page.goto(f"{base}/sessions/{code}/draft-report/")
    assert "delegate@example.org" not in page.content()
    page.click("button[value=accepted]")
    assert ACCEPTED in page.content()

    # Finalization waits for the symbol and the date of issue.
    rapporteur = join(browser, base, "rapporteur@example.org", "a-long-password-2")
    rapporteur.goto(f"{base}/sessions/{code}/draft-report/")
    assert rapporteur.locator("button:text('Finalize the report')").is_disabled()
    assert "The report has no symbol yet." in rapporteur.content()
    page.goto(f"{base}/sessions/{code}/draft-report/")
    page.click("text=Allocate the report's symbol")
    page.fill("#issued-on", TODAY.isoformat())
    page.click("text=Save the date of issue")
    # What this session did not do (no next agenda, no text adopted) is waived, with the reason.
    for _attempt in range(10):  # each waiver removes one item; a refused one would leave it there
        if not page.locator("#readiness summary:text('Waive it')").count():
            break
        page.click("#readiness summary:text('Waive it') >> nth=0")
        page.fill("#readiness textarea[name=reason] >> nth=0", "Not taken up at this session.")
        page.click("#readiness button:text-is('Waive') >> nth=0")
        assert "Waived: the report may be finalized without it" in page.content(), page.inner_text("main")[:3000]
    rapporteur.goto(f"{base}/sessions/{code}/draft-report/")
    rapporteur.click("text=Finalize the report")  # a job: its page, then the report with what it did
    assert "The report is finalized and archived: version 1, in 1 language" in rapporteur.content()
    assert rapporteur.locator("text=Version 1, English (Word)").count() == 1
    assert rapporteur.locator("text=Version 1, English (PDF)").count() == 1
    archived_docx = ArchivedReport.objects.get(report__session__code=code, language="en", format="docx")
    with archived_docx.file.open("rb") as archived:
        paragraphs = [p.text for p in docx.Document(io.BytesIO(archived.read())).paragraphs]
    page.goto(f"{base}/sessions/{code}/draft-report/")
    page.click("main button:text-is('Issue')")
    assert "The report is issued." in page.content()

    # The archived report: the accepted text, and the steps as recorded, nothing else.
    body = [text.split("\t", 1)[-1] for text in paragraphs]
    assert ACCEPTED in body
    organizational = body[body.index(next(t for t in body if t.endswith("Organizational matters"))) :]
    said = " ".join(organizational)
    opened = f"{OPENING.day} {OPENING.strftime('%B %Y')}"
    assert (
        f"At its opening plenary meeting, on {opened}, the Group of Experts on Cycles elected Ms.\u00a0Amina Cycle"
        in said
    )
    assert "adopted its provisional agenda, issued as CYG/1/1." in said
    assert "approved the proposed organization of work." in said
    assert "authorized the Vice-Chair-cum-Rapporteur to finalize the report on its first session" in said
    assert "adopted the agreed recommendations (see chapter I) by consensus." in said
    assert "Invites member States to share their experience." in body
    assert "provisional agenda for its second session" not in said  # not approved: not said
    assert not [url for url in visited if "/admin/" in url]

"""The whole review, in a real browser (Playwright driving Debian's Chromium, headless).

The secretariat signs in with its second factor and invites a member; the member opens an
account from the emailed link and comments with proposed text; the secretariat accepts it; the
rapporteur finalizes; the archived French report holds the accepted text, and the draft can no
longer be edited. Screenshots of the main pages go to test-artifacts/ for review.
"""

import datetime
import io
import json
import re
from pathlib import Path

import docx
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail

from committee.bodies.models import Committee
from committee.roles.models import Role
from committee.roles.services import grant_secretariat_access
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.reports.models import ReportParagraph
from tests.browser import accessibility_problems, chromium, shot, sign_in
from tests.builders import make_session_file

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("countries")]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - the test's own authenticator
FRENCH_PARAGRAPH = "Le Groupe s'est réuni."
ACCEPTED = "Le Groupe d'experts s'est réuni à Genève."


@pytest.fixture
def people(django_user_model):
    data = make_session_file()
    data["session"]["report"]["summary"][0]["paragraphs"][0]["text"]["fr"] = FRENCH_PARAGRAPH
    session = import_session(read_session_file(json.dumps(data)))
    secretary = django_user_model.objects.create_user("secretary", "secretary@example.org", "a-long-password-1")
    EmailAddress.objects.create(user=secretary, email=secretary.email, verified=True, primary=True)
    grant_secretariat_access(secretary, Committee.objects.get(code="BOARD"))
    TOTP.activate(secretary, SECRET)
    rapporteur = django_user_model.objects.create_user("rapporteur", "rapporteur@example.org", "a-long-password-2")
    EmailAddress.objects.create(user=rapporteur, email=rapporteur.email, verified=True, primary=True)
    Role.objects.create(user=rapporteur, committee=session.committee, kind=Role.Kind.RAPPORTEUR)
    return session


@pytest.fixture
def browser(monkeypatch, people):
    """Chromium, started once the test's data is written: database calls made inside Playwright's
    event loop would use a connection of their own, which nothing closes."""
    # Playwright's sync API runs an event loop in this thread; the test's own database calls are
    # still synchronous (pytest-playwright's documented setting).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as browser:
        yield browser


def test_invite_comment_accept_finalize_download(live_server, browser):
    base = live_server.url
    draft = f"{base}/sessions/TST/G/2/draft-report/?lang=fr"

    visitor = browser.new_context().new_page()
    problems = []
    for page in ("/", "/accounts/login/"):
        visitor.goto(base + page)
        problems += accessibility_problems(visitor)

    secretariat = browser.new_page()
    sign_in(secretariat, base, "secretary@example.org", "a-long-password-1")
    code = format_hotp_value(hotp_value(SECRET, next(yield_hotp_counters_from_time())))
    secretariat.fill("input[name=code]", code)
    secretariat.click("main button[type=submit]")
    for page in ("/sessions/TST/G/2/", "/sessions/TST/G/2/registration/", "/sessions/TST/G/2/agenda/"):
        secretariat.goto(base + page)
        problems += accessibility_problems(secretariat)
    secretariat.goto(f"{base}/committees/GROUP/")
    shot(secretariat, "committee")
    problems += accessibility_problems(secretariat)
    secretariat.fill("#id_email", "delegate@example.org")
    secretariat.select_option("#id_kind", "member")
    secretariat.click("text=Send the invitation")
    assert "An invitation has been sent" in secretariat.content()
    # The secretariat drafts in the reading view: a word put in italics and a footnote added with the toolbar.
    secretariat.goto(draft)
    secretariat.click("article details summary >> nth=0")
    editor = secretariat.locator("article .drafted-editor >> nth=0")
    assert editor.inner_text() == FRENCH_PARAGRAPH  # the text as it prints, no markup
    editor.evaluate(
        """node => { const text = node.firstChild; const range = document.createRange();
        range.setStart(text, 3); range.setEnd(text, 9);  // "Groupe"
        const s = getSelection(); s.removeAllRanges(); s.addRange(range); }"""
    )
    secretariat.click("article form[data-editor] button:text('Italic') >> nth=0")
    editor.evaluate(
        """node => { const range = document.createRange(); range.selectNodeContents(node); range.collapse(false);
        const s = getSelection(); s.removeAllRanges(); s.addRange(range); }"""
    )
    secretariat.once("dialog", lambda dialog: dialog.accept("Voir TD/519."))
    secretariat.click("article form[data-editor] button:text('Footnote') >> nth=0")
    # A lettered sub-item, then the paragraph as it will print, before saving.
    secretariat.click("article form[data-editor] button:text-is('Sub-item') >> nth=0")
    secretariat.keyboard.type("au Palais des Nations.")
    secretariat.click("article form[data-editor] button:text-is('Preview') >> nth=0")
    preview = secretariat.locator("article .drafted-preview >> nth=0")
    assert [line for line in preview.inner_text().split("\n") if line] == [
        "As it will print",
        "1.",
        "Le Groupe s'est réuni.1",
        "a)",  # the sub-item's letter, as French letters it
        "au Palais des Nations.",
        "Voir TD/519.",
    ]
    shot(secretariat, "draft-editing-in-place")
    secretariat.click("article form[data-editor] button:text-is('Save') >> nth=0")
    assert "The paragraph is saved." in secretariat.content()
    paragraph = ReportParagraph.objects.get(section__report__session__code="TST/G/2", text__fr__startswith="Le ")
    assert paragraph.text["fr"] == "Le *Groupe* s'est réuni.[^Voir TD/519.]\nau Palais des Nations."
    assert "<em>Groupe</em>" in secretariat.content()
    shot(secretariat, "draft-reading-view")

    secretariat.fill(
        "#review-until", (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=14)).isoformat()
    )
    secretariat.click("text=Open for review by members")
    assert "Members comment until" in secretariat.content()
    shot(secretariat, "draft-under-review")

    link = re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    member = browser.new_context().new_page()
    member.goto(base + link)
    member.fill("#id_password1", "a-long-password-3")
    member.fill("#id_password2", "a-long-password-3")
    member.click("main button[type=submit]")
    assert "You have joined" in member.content()
    member.goto(draft)
    member.click("summary >> nth=0")
    member.fill("textarea[name=text] >> nth=0", "Préciser le lieu.")
    member.fill("textarea[name=proposed_text] >> nth=0", ACCEPTED)
    member.click("text=Send the comment >> nth=0")
    shot(member, "review-by-member")
    problems += accessibility_problems(member)
    member.set_viewport_size({"width": 390, "height": 844})  # a delegate's phone
    shot(member, "review-by-member-on-a-phone")
    assert member.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing runs off the side
    member.set_viewport_size({"width": 1280, "height": 800})

    secretariat.goto(draft)
    secretariat.click("button[value=accepted]")
    assert ACCEPTED in secretariat.content()
    # Only the first paragraph is in French: the secretariat says why the report goes out as it is.
    secretariat.click("#readiness summary:text('Waive it') >> nth=0")
    secretariat.fill("#readiness textarea[name=reason] >> nth=0", "Les autres paragraphes suivront en rectificatif.")
    secretariat.click("#readiness button:text-is('Waive') >> nth=0")
    assert "the reason is kept" in secretariat.content()

    rapporteur = browser.new_context().new_page()
    sign_in(rapporteur, base, "rapporteur@example.org", "a-long-password-2")
    rapporteur.goto(draft)
    rapporteur.click("text=Finalize the report")  # a job: its page, then the report with what it did
    assert "The report is finalized and archived: version 1" in rapporteur.content()
    shot(rapporteur, "finalized")
    problems += accessibility_problems(rapporteur)
    assert problems == []  # axe: no serious or critical violation on the main pages
    with rapporteur.expect_download() as download:
        rapporteur.click("text=Version 1, French (Word)")
    content = Path(download.value.path()).read_bytes()
    texts = [p.text.split("\t")[-1] for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert ACCEPTED.replace("'", "\u2019") in texts  # as typeset: the apostrophe typed straight prints ’

    secretariat.goto(draft)
    assert secretariat.locator("textarea[name=text]").count() == 0
    assert secretariat.locator("text=Open a corrigendum").count() == 1

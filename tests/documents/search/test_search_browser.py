"""The search box as a person uses it, in Chromium: typed in the header of any page, it leads to the results, the
words found marked, and a result to the paragraph it stands in."""

import pytest

from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.load import import_session
from tests.browser import accessibility_problems, chromium, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser(monkeypatch, countries):
    """Chromium, started once the test's data is written (see tests/test_end_to_end.py); the countries first, which
    a test run before this one in a transaction may have emptied."""
    import_session(DEMO_FILE.read_text(encoding="utf-8"))  # indexed as its commit indexes it
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as browser:
        yield browser


def test_a_word_typed_in_the_header_finds_the_paragraph(live_server, browser):
    page = browser.new_page(locale="fr-FR")
    page.goto(f"{live_server.url}/sessions/TD/B/EDE/1/")
    page.get_by_role("searchbox").fill("plateformes")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=plateformes*")
    marked = page.locator("mark", has_text="plateformes")
    assert marked.count() >= 1
    shot(page, "search-results")
    assert accessibility_problems(page) == []
    # The result whose text speaks of local platforms (the ranking of the others differs between databases).
    result = (
        page.locator("main li, main article, main div")
        .filter(has_text="plateformes locales")
        .locator("a[href*='/decisions/?text=']")
        .first
    )
    anchor = result.get_attribute("href").split("#")[1]
    result.click()
    page.wait_for_url("**/decisions/**")
    assert page.locator(f"#{anchor}").is_visible()
    assert "plateformes locales" in page.locator(f"#{anchor}").inner_text()

"""The secretariat adds, removes and reorders the Chair's summary's paragraphs; the numbering follows."""

import pytest
from django.urls import reverse

from documents.reports.models import ReportParagraph, ReportSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(small_session):
    return ReportSection.objects.get(report__session=small_session, parent__isnull=True, position=1)


def texts(section) -> list[str]:
    return [p.text.get("en", "") for p in section.paragraphs.order_by("position")]


def structure(paragraph, action: str) -> str:
    return reverse("reports:paragraph_structure", kwargs={"code": "TST/G/2", "pk": paragraph.pk, "action": action})


def test_add_move_and_remove_paragraphs(client, secretariat, section):
    client.force_login(secretariat)
    first = section.paragraphs.get()

    client.post(structure(first, "add"))
    second = section.paragraphs.get(position=2)
    client.post(
        reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": second.pk}),
        {"language": "en", "revision": "1", "text": "Second."},
    )
    assert texts(section) == ["The Group met.", "Second."]

    client.post(structure(second, "up"))
    assert texts(section) == ["Second.", "The Group met."]

    client.post(structure(first, "remove"))
    assert texts(section) == ["Second."]
    assert list(section.paragraphs.values_list("position", flat=True)) == [1]


def test_an_empty_section_gets_its_first_paragraph(client, secretariat, section):
    client.force_login(secretariat)
    section.paragraphs.all().delete()

    page = client.get(reverse("reports:report", kwargs={"code": "TST/G/2"})).text
    client.post(reverse("reports:section_add_paragraph", kwargs={"code": "TST/G/2", "pk": section.pk}))

    assert "Add a paragraph" in page
    assert section.paragraphs.count() == 1


def test_the_structure_actions_take_only_a_post_and_the_history_page_is_not_one_of_them(client, secretariat, section):
    client.force_login(secretariat)
    paragraph = section.paragraphs.get()
    report = reverse("reports:report", kwargs={"code": "TST/G/2"})
    history = reverse("reports:paragraph_history", kwargs={"code": "TST/G/2", "pk": paragraph.pk})

    for action in ("add", "remove", "up", "down"):
        assert client.get(structure(paragraph, action)).status_code == 405, action
    for name, kwargs in (
        ("section_structure", {"pk": section.pk, "action": "remove"}),
        ("section_structure", {"pk": section.pk, "action": "add"}),
        ("section_add_paragraph", {"pk": section.pk}),
        ("add_section", {}),
    ):
        assert client.get(reverse(f"reports:{name}", kwargs={"code": "TST/G/2", **kwargs})).status_code == 405, name
    assert texts(section) == ["The Group met."]  # a GET changed nothing
    sections = ReportSection.objects.filter(report__session__code="TST/G/2").count()

    shown = client.get(history)
    assert shown.status_code == 200
    assert "The Group met." in shown.text
    assert texts(section) == ["The Group met."]

    added = client.post(structure(paragraph, "add"))
    assert (added.status_code, added.url) == (302, f"{report}?lang=en")
    assert texts(section) == ["The Group met.", ""]
    removed = client.post(structure(paragraph, "remove"))
    assert (removed.status_code, removed.url) == (302, f"{report}?lang=en")
    assert not ReportParagraph.objects.filter(pk=paragraph.pk).exists()
    assert texts(section) == [""]
    assert ReportSection.objects.filter(report__session__code="TST/G/2").count() == sections

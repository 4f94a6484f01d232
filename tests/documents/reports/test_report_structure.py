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


def test_the_history_page_is_not_taken_by_the_structure_actions(client, secretariat, section):
    client.force_login(secretariat)
    paragraph = section.paragraphs.get()

    history = reverse("reports:paragraph_history", kwargs={"code": "TST/G/2", "pk": paragraph.pk})

    assert client.get(history).status_code == 200
    assert ReportParagraph.objects.filter(pk=paragraph.pk).exists()

"""A paragraph of the Chair's summary takes lettered sub-items, one on each further line of its text; each
paragraph can be seen as it will print before it is saved, with or without JavaScript."""

import io

import docx
import pytest
from django.urls import reverse

from documents.builders.data import SectionData, SessionReportData
from documents.builders.session_report import build_session_report

pytestmark = pytest.mark.django_db

LISTED = {
    "en": "The experts recommended:\n*States* to share data;\nthe secretariat to report.[^See TD/519.]",
    "fr": "Les experts ont recommandé :\naux *États* de partager leurs données ;\nau secrétariat de rendre compte.",
}


def report_with(*texts: dict[str, str]) -> SessionReportData:
    return SessionReportData(
        symbol="TST/G/2/L.1", distribution="limited", issued_on=None, original_language="en", organization={},
        organization_short={}, organization_gender={}, parents=(), body={"en": "Group of Experts"}, body_gender={},
        body_genitive={},
        body_short={}, organizations_in_english_order=False, number=2, start_date=None, end_date=None, venue={},
        city={}, summary=(SectionData(title={"en": "Discussion", "fr": "Débat"}, paragraphs=texts),),
    )  # fmt: skip


def printed(content: bytes, first: str) -> list[str]:
    """Four paragraphs from the one that starts with `first`, a footnote's reference shown as [note]."""
    lines = []
    for paragraph in docx.Document(io.BytesIO(content)).paragraphs:
        noted = paragraph._p.xpath(".//w:footnoteReference")
        lines.append(paragraph.text + "[note]" * len(noted))
    start = next(i for i, line in enumerate(lines) if first in line)
    return lines[start : start + 4]


def test_the_sub_items_print_lettered_under_their_paragraph_as_each_language_letters_them():
    data = report_with(LISTED, {"en": "The Group closed.", "fr": "Le Groupe a clos ses travaux."})

    assert printed(build_session_report(data, language="en"), "The experts") == [
        "1.\tThe experts recommended:",
        "(a)\tStates to share data;",
        "(b)\tthe secretariat to report.[note]",
        "2.\tThe Group closed.",  # the sub-items take no number of the report's
    ]
    assert printed(build_session_report(data, language="fr"), "Les experts") == [  # French spacing kept
        "1.\tLes experts ont recommandé\u00a0:",
        "a)\taux États de partager leurs données\u00a0;",
        "b)\tau secrétariat de rendre compte.",
        "2.\tLe Groupe a clos ses travaux.",
    ]


def test_the_reading_view_letters_the_sub_items(client, secretariat, paragraph):
    paragraph.text = LISTED
    paragraph.save()
    client.force_login(secretariat)

    english = client.get(reverse("reports:report", kwargs={"code": "TST/G/2"})).text
    french = client.get(reverse("reports:report", kwargs={"code": "TST/G/2"}) + "?lang=fr").text

    assert '<span class="text-body-secondary">(a)</span><span><em>States</em> to share data;</span>' in english
    assert '<span class="text-body-secondary">b)</span><span>au secrétariat de rendre compte.</span>' in french
    # the editor gets them as a list, which it writes back one on each line
    assert '<ol class="sub-items"><li><em>States</em> to share data;</li>' in english


def test_a_preview_shows_the_paragraph_as_it_prints_and_saves_nothing(client, secretariat, paragraph):
    client.force_login(secretariat)
    before = (paragraph.text, paragraph.revision)
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})
    text = "The *Group* met.[^In Geneva.]\nfirst item"

    response = client.post(edit, {"language": "en", "revision": paragraph.revision, "text": text, "preview": "1"})

    assert response.status_code == 200
    shown = response.text
    preview = shown.split("Preview, not saved", 1)[1].split("</form>", 1)[0]
    assert '<span class="text-body-secondary">1.</span>' in preview
    assert "The <em>Group</em> met.<sup>1</sup>" in preview
    assert '<ol class="small mb-0 ps-3"><li>In Geneva.</li></ol>' in preview  # the note, below a rule
    assert "(a)</span><span>first item" in preview
    assert f">{text}</textarea>" in shown  # the text sent is kept in the form, to save or change
    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.revision) == before


def test_a_member_cannot_preview_into_the_secretariats_form(client, cast, paragraph):
    client.force_login(cast["member"])
    edit = reverse("reports:edit_paragraph", kwargs={"code": "TST/G/2", "pk": paragraph.pk})

    response = client.post(edit, {"language": "en", "revision": 1, "text": "Mine", "preview": "1"})

    assert response.status_code == 403

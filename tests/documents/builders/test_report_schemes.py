"""Each body's own kind of report: a session entered through the session file under each preset, its report read
back as a reader would (chapters and annexes in the scheme's order and titles, the texts adopted where the scheme
puts them, attendance as the scheme writes it)."""

import io
import re
import zipfile

import docx
import pytest

from documents.builders.schemes import PRESETS, TitlePattern
from documents.builders.session_report import build_session_report
from documents.exchange.session_file.load import import_session
from documents.reports.collect import collect_session_report_data
from documents.schemes.rules import preset_scheme
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db


def session_under(preset: str, **changes):
    """The small test session, its body reporting under `preset` (the scheme changed by `changes`)."""
    data = make_session_file()
    scheme = preset_scheme(preset) | changes
    data["committees"][1]["report_scheme"] = scheme
    session = data["session"]
    session["decisions"].append(
        {
            "kind": "decision",
            "number": "2/1",
            "title": {"en": "Testing in the field", "fr": "Les essais sur le terrain"},
            "adopted_at": "closing",
            "method": "without_vote",
            "paragraphs": [{"kind": "operative", "text": {"en": "*Requests* the secretariat to test."}}],
        }
    )
    session["proceedings"] += [
        {"kind": "credentials", "meeting": "closing"},
        {"kind": "other_matters", "meeting": "closing"},
        {
            "kind": "next_session",
            "meeting": "closing",
            "next_starts_on": "2026-03-09",
            "next_ends_on": "2026-03-11",
            "next_place": {"en": "Geneva", "fr": "Genève"},
        },
    ]
    return import_session(data)


def read(session, language: str = "en") -> docx.Document:
    return docx.Document(io.BytesIO(build_session_report(collect_session_report_data(session), language=language)))


def headings(document: docx.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def body_after(document: docx.Document, heading: str) -> list[str]:
    """The paragraphs after the heading that starts with `heading`, up to the next heading."""
    found, lines = False, []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if found:
                break
            found = paragraph.text.startswith(heading)
        elif found and paragraph.text:
            lines.append(paragraph.text)
    return lines


def title(document: docx.Document) -> str:
    return next(
        p.text for p in document.paragraphs if p.text.startswith(("Report of", "Outcomes of", "Rapport", "Résultats"))
    )


def test_a_plenary_opens_gives_each_item_a_chapter_and_annexes_each_decision():
    report = read(session_under("un_plenary"))

    assert title(report) == "Report of the Group of Experts on Testing on the work of its second session"
    assert headings(report, 1) == [
        "I.\tOpening of the session",
        "II.\tOrganizational matters",
        "III.\tOpening",  # the drafted sections, a chapter each
        "IV.\tTesting",
        "V.\tCredentials",
        "VI.\tAdoption of the decisions and of the report",
        "VII.\tClosing of the session",
        "Annex I\nAgreed recommendations",
        "Annex II\nDecision 2/1: Testing in the field",
    ]
    assert body_after(report, "I.\t") == [
        "1.\tThe second session of the Group of Experts on Testing was opened on 30 December 2024."
    ]
    organizational = body_after(report, "C.\tAttendance")
    assert organizational == [
        "5.\tRepresentatives of 2 States members of the Group of Experts on Testing and 1 non-governmental "
        "organization attended the session."
    ]
    adoption = body_after(report, "A.\tAdoption of the outcome")
    assert "adopted the agreed recommendations (see annex I) by consensus." in adoption[0]
    assert "adopted decision 2/1 (see annex II) without a vote." in adoption[1]
    assert "Attendance" not in [h.split("\n")[-1] for h in headings(report, 1)]  # written in chapter II, not listed


def test_a_plenary_in_french_names_its_chapters_and_annexed_decisions_in_french():
    report = read(session_under("un_plenary"), "fr")

    assert title(report) == "Rapport du Groupe d’experts des essais sur les travaux de sa deuxième session"
    assert headings(report, 1)[0] == "I.\tOuverture de la session"
    assert "VI.\tAdoption des décisions et du rapport" in headings(report, 1)
    assert headings(report, 1)[-1] == "Annexe II\nDécision 2/1\u00a0: Les essais sur le terrain"


def test_a_committee_meeting_report_goes_item_by_item_to_the_next_meeting_without_recommendations():
    report = read(session_under("committee_meeting"))

    assert title(report) == "Report of the Group of Experts on Testing on its second meeting"
    assert headings(report, 1) == [
        "I.\tAdoption of the agenda and organization of work",
        "II.\tOpening",
        "III.\tTesting",
        "IV.\tOther matters",
        "V.\tDate of the next meeting",
    ]
    assert body_after(report, "V.\t") == [
        "6.\tIt was announced that the third meeting of the Group of Experts on Testing would be held in Geneva "
        "from 9 to 11 March 2026."
    ]
    assert not any("Decides" in p.text for p in report.paragraphs)  # no texts adopted in this kind of report
    assert any(p.text == "Second meeting" for p in report.paragraphs)  # the masthead's line


def test_a_regional_outcomes_document_says_who_acts_on_each_decision_and_by_when():
    from decisions.follow_up.models import Action
    from decisions.outcomes.models import Paragraph

    session = session_under("regional_outcomes")
    operative = Paragraph.objects.get(decision__session=session, decision__number="2/1", kind="operative")
    Action.objects.create(
        paragraph=operative, description={"en": "Test."}, responsible="secretariat", due_on="2026-06-30"
    )
    report = read(session)

    assert title(report) == "Outcomes of the second meeting of the Group of Experts on Testing"
    assert headings(report, 1)[:2] == ["I.\tAgreed recommendations and decisions", "II.\tDate of the next meeting"]
    decided = body_after(report, "B.\tTesting in the field")
    assert decided[-2:] == [
        "1.\tRequests the secretariat to test.",
        "Responsible: the secretariat; timeline: by 30 June 2026.",
    ]
    assert headings(report, 1)[-1] == "Annex\nAttendance*"  # one annex takes no number


def test_titles_the_secretariat_gives_replace_the_usual_ones_in_their_language_only():
    scheme = preset_scheme("un_plenary")
    scheme["parts"][0]["title"] = {"en": "Opening of the first part"}
    scheme["parts"][2] = {"holds": "drafted", "title": {"en": "Summary of discussions"}}
    report = read(session_under("un_plenary", parts=scheme["parts"]))

    assert headings(report, 1)[:3] == [
        "I.\tOpening of the first part",
        "II.\tOrganizational matters",
        "III.\tSummary of discussions",
    ]
    assert {"A.\tOpening", "B.\tTesting"} <= set(headings(report, 2))  # the drafted sections, lettered in one chapter


def test_a_step_recorded_only_where_the_scheme_has_its_place_and_nothing_where_none_is_recorded():
    data_session = session_under("un_plenary")
    data_session.proceedings.filter(kind__in=["opening", "credentials"]).delete()
    report = read(data_session)

    chapters = headings(report, 1)
    assert "I.\tOpening of the session" not in chapters
    assert not any("Credentials" in chapter for chapter in chapters)
    assert chapters[0] == "I.\tOrganizational matters"


def test_the_masthead_names_the_agenda_item_and_the_title_the_rapporteur_where_the_scheme_asks():
    data = make_session_file()
    data["committees"][1]["report_scheme"] = preset_scheme("unctad_expert_group") | {
        "agenda_item_line": True,
        "rapporteur_line": True,
    }
    data["session"]["agendas"][0]["items"].append(
        {"title": {"en": "Adoption of the report", "fr": "Adoption du rapport"}, "purpose": "adoption_of_report"}
    )
    data["session"]["bureau"].append(
        {"role": "rapporteur", "courtesy": "mr", "name": "Kofi Example", "state": "KEN", "elected_at": "opening"}
    )
    session = import_session(data)

    english = [p.text for p in read(session).paragraphs]
    french = [p.text for p in read(session, "fr").paragraphs]

    assert english[english.index("Geneva, 30 December 2024–2 January 2025") + 1] == "Agenda item 4"
    assert french[french.index("Genève, 30 décembre 2024–2 janvier 2025") + 1] == "Point 4 de l’ordre du jour"
    assert english[english.index(title(read(session))) + 2] == "Rapporteur: Mr.\u00a0Kofi Example (Kenya)"
    assert "Rapporteur\u00a0: M.\u00a0Kofi Example (Kenya)" in french


def test_without_those_options_the_masthead_and_title_say_neither():
    report = read(session_under("unctad_expert_group"))
    lines = [p.text for p in report.paragraphs]

    assert not any(line.startswith(("Agenda item", "Rapporteur:")) for line in lines)


def test_a_committee_meeting_report_names_who_took_the_floor_on_each_item_as_the_live_meeting_recorded():
    from committee.bodies.models import Entity
    from meetings.live.models import Speaker
    from meetings.programme.models import AgendaItem

    session = session_under("committee_meeting")
    meeting = session.meetings.get(key="opening")
    testing = AgendaItem.objects.get(agenda__session=session, agenda__kind="adopted", position=3, parent=None)
    for position, (code, status) in enumerate(
        [("KEN", "spoke"), ("FRA", "spoke"), ("KEN", "spoke"), ("NGO1", "withdrawn"), ("CHL", "waiting")]
    ):
        Speaker.objects.create(
            meeting=meeting, entity=Entity.objects.get(code=code), agenda_item=testing, status=status, position=position
        )

    chapter = body_after(read(session), "III.\tTesting")

    assert chapter == [
        "(Agenda item 3)",
        "4.\tStatements were made by the representatives of the following members and groups: Kenya and France.",
    ]  # in the order they first spoke; who withdrew or was still waiting did not speak
    assert not any("Statements" in line for line in body_after(read(session), "II.\tOpening"))  # no item: no list


def test_the_counts_say_they_are_of_registered_delegations_and_a_blank_sub_item_is_not_printed(secretariat):
    from decisions.outcomes.models import Paragraph
    from documents.reports.services import add_sub_item

    data = make_session_file()
    data["committees"][1]["report_scheme"] = preset_scheme("un_plenary")
    data["session"]["decisions"][0]["paragraphs"][1]["sub_items"] = [{"text": {"en": "Often."}}]
    session = import_session(data)
    operative = Paragraph.objects.get(decision__session=session, kind="operative", parent=None)
    add_sub_item(paragraph=operative, by=secretariat)  # added, never written
    content = build_session_report(collect_session_report_data(session), language="en")
    report = docx.Document(io.BytesIO(content))

    counted = next(p for p in report.paragraphs if "attended the session" in p.text)
    assert counted._p.xpath(".//w:footnoteReference")  # its note says what the counts are of
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        notes = package.read("word/footnotes.xml").decode()
    assert "The counts are of the delegations registered for the session." in notes
    lines = [p.text for p in report.paragraphs]
    decides = lines.index("1.\tDecides to test:")
    assert lines[decides + 1 :] == ["(a)\tOften."]  # the text's last line: no "(b)" for the blank one


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_is_written_in_every_language_with_its_grammar_resolved(preset):
    """The small session (drafted in English, its names in English and French) under each preset in the other
    four languages: the wording is the language's own, and no tag of the translations' grammar ({gen}, {m:…|f:…})
    or placeholder is left in what a reader sees."""
    session = session_under(preset, statements=True, rapporteur_line=True, agenda_item_line=True)
    data = collect_session_report_data(session)
    for language in ("es", "ru", "zh", "ar"):
        document = docx.Document(io.BytesIO(build_session_report(data, language=language)))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert "%(" not in text, language
        assert not re.search(r"\{[a-z.]+\}|\{[mfn]:", text), (language, re.search(r".{20}\{[^}]*\}.{20}", text))
        assert "Report of" not in text, language  # no English wording around the data
        assert "session" not in text.lower().replace("sessions", ""), language
        if language == "es":  # "held" agrees with the session (período, m.) or the meeting (reunión, f.)
            meeting = PRESETS[preset].title_pattern in TitlePattern.MEETINGS
            assert ("Celebrada " if meeting else "Celebrado ") in text

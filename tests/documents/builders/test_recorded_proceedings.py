"""The report states what the session is recorded to have done, and nothing else: read back from the DOCX."""

import datetime
import io
import json

import docx
import pytest

from committee.bodies.models import Entity
from decisions.outcomes.services import record_adoption
from documents.builders.session_report import build_session_report
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.reports.collect import collect_session_report_data
from meetings.proceedings.services import elect_officer, record_step
from meetings.programme.agenda import adopt_agenda, approve_next_session_agenda
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db

PROCEDURAL_ITEMS = [
    {"title": {"en": "Election of officers", "fr": "Élection du Bureau"}, "purpose": "election_of_officers"},
    {
        "title": {"en": "Adoption of the agenda and organization of work", "fr": "Adoption de l'ordre du jour"},
        "purpose": "adoption_of_agenda",
    },
    {"title": {"en": "Testing", "fr": "Essais"}},
    {"title": {"en": "Next agenda", "fr": "Ordre du jour suivant"}, "purpose": "next_session_agenda"},
    {"title": {"en": "Adoption of the report", "fr": "Adoption du rapport"}, "purpose": "adoption_of_report"},
]


@pytest.fixture
def unrecorded_session(db):
    """A session whose agenda has every procedural item, and of which nothing is recorded: no officers, a
    provisional agenda only, an unapproved next agenda, no step, texts whose adoption is not recorded."""
    data = make_session_file(bureau=[])
    data["session"]["agendas"] = [
        {"kind": "provisional", "items": PROCEDURAL_ITEMS},
        {"kind": "next_session", "items": [{"title": {"en": "Election of officers", "fr": "Élection du Bureau"}}]},
    ]
    data["session"]["proceedings"] = []
    for recorded in ("adopted_on", "adopted_at", "method"):
        data["session"]["decisions"][0].pop(recorded)
    data["session"]["decisions"].append(
        {"kind": "decision", "number": "2/1", "paragraphs": [{"kind": "operative", "text": {"en": "*Decides*."}}]}
    )
    return import_session(read_session_file(json.dumps(data)))


def report_text(session, language: str = "en") -> list[str]:
    """The report's paragraphs from its first chapter on (the contents left out)."""
    content = build_session_report(collect_session_report_data(session), language=language)
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    return [p.text for p in paragraphs[first:]]


def chapter_three(lines: list[str]) -> list[str]:
    """The organizational matters (chapter III, or II where no text is recorded as adopted)."""
    start = next(i for i, line in enumerate(lines) if line.endswith("\tOrganizational matters"))
    end = next((i for i, line in enumerate(lines) if line.startswith("Annex")), len(lines))
    return lines[start:end]


def test_a_session_with_nothing_recorded_says_nothing_happened(unrecorded_session):
    lines = report_text(unrecorded_session)

    # Not even the agenda's procedural items stand as headings: nothing is recorded of them (the draft lists
    # them as not recorded yet), so the report has no chapter of organizational matters.
    assert not any(line.endswith("Organizational matters") for line in lines)
    organizational: list[str] = []
    said = " ".join(lines)
    for claim in ("elected", "adopted", "approved", "authorized", "consensus", "third session", "Decides"):
        assert claim not in said, claim  # nor is a text whose adoption is not recorded printed as adopted
    assert not any(line[:1].isdigit() and "\t" in line for line in organizational)  # no numbered paragraph


def test_each_recorded_step_is_stated_at_its_meeting(unrecorded_session, secretariat):
    session = unrecorded_session
    opening, closing = session.meetings.get(key="opening"), session.meetings.get(key="closing")
    adopt_agenda(session=session, by=secretariat, meeting=opening, as_amended=True)
    record_step(session=session, kind="organization_of_work", meeting=opening, by=secretariat)
    kenya = Entity.objects.get(code="KEN")
    elect_officer(
        session=session, role="chair", courtesy="ms", name="Amina Test", state=kenya, meeting=opening, by=secretariat
    )
    elect_officer(
        session=session,
        role="vice_chair_rapporteur",
        courtesy="mr",
        name="Jan Proef",
        state=Entity.objects.get(code="FRA"),
        meeting=opening,
        by=secretariat,
    )
    approve_next_session_agenda(session=session, meeting=closing, by=secretariat)
    record_step(session=session, kind="adoption_of_report", meeting=closing, rapporteur_authorized=True, by=secretariat)

    said = chapter_three(report_text(session))

    def paragraph(containing: str) -> str:
        return next(line.split("\t", 1)[1] for line in said if containing in line)

    opened = opening.date.strftime("%-d %B %Y")
    assert paragraph("elected") == (
        f"At its opening plenary meeting, on {opened}, the Group of Experts on Testing elected Ms.\u00a0Amina Test "
        "(Kenya) Chair and Mr.\u00a0Jan Proef (France) Vice-Chair-cum-Rapporteur."
    )
    assert paragraph("adopted its") == (
        "At the same meeting, the Group of Experts on Testing adopted its provisional agenda, issued as TST/G/2/1, "
        "as orally amended. The agenda as adopted was as follows:"
    )
    assert paragraph("proposed organization of work") == (
        "At the same meeting, the Group of Experts on Testing approved the proposed organization of work."
    )
    assert paragraph("approved the provisional agenda").startswith("At its closing plenary meeting, on ")
    assert paragraph("approved the provisional agenda").endswith("for its third session (see annex I).")
    assert paragraph("authorized") == (
        "At the same meeting, the Group of Experts on Testing authorized the Vice-Chair-cum-Rapporteur to finalize "
        "the report on its second session after the session had closed."
    )


def test_a_report_adopted_without_authorizing_the_rapporteur_says_so(unrecorded_session, secretariat):
    closing = unrecorded_session.meetings.get(key="closing")
    record_step(session=unrecorded_session, kind="adoption_of_report", meeting=closing, by=secretariat)

    said = " ".join(report_text(unrecorded_session))
    assert "adopted the report on its second session." in said
    assert "authorized" not in said


def test_each_way_of_adopting_a_text_is_worded_as_recorded(unrecorded_session, secretariat):
    session = unrecorded_session
    closing = session.meetings.get(key="closing")
    recommendations, decision = session.decisions.order_by("position")
    record_adoption(decision=recommendations, method="consensus", meeting=closing, by=secretariat)
    states = {code: Entity.objects.get(code=code) for code in ("KEN", "FRA", "CHL", "PER", "NOR")}
    positions = {"KEN": "in_favour", "FRA": "in_favour", "CHL": "in_favour", "PER": "against", "NOR": "abstaining"}
    record_adoption(
        decision=decision,
        method="recorded_vote",
        meeting=closing,
        positions={states[code]: position for code, position in positions.items()},
        by=secretariat,
    )

    lines = report_text(session)
    at = lines.index(next(line for line in lines if line.endswith("Adoption of the outcome of the session")))
    assert lines[at].startswith("A.\t")  # the one step recorded (no empty sections before it)
    closed = closing.date.strftime("%-d %B %Y")
    assert lines[at + 1].endswith(
        f"At its closing plenary meeting, on {closed}, the Group of Experts on Testing adopted the agreed "
        "recommendations (see chapter I) by consensus."
    )
    assert lines[at + 2].endswith(
        "At the same meeting, the Group of Experts on Testing adopted decision 2/1 (see chapter I) by a recorded "
        "vote of 3 to 1, with 1 abstention. The voting was as follows:"
    )
    assert lines[at + 3 : at + 6] == ["In favour: Chile, France, Kenya.", "Against: Peru.", "Abstaining: Norway."]

    french = report_text(session, "fr")
    at = french.index(next(line for line in french if line.endswith("Adoption des textes issus de la session")))
    assert "a adopté la décision 2/1 (voir le chapitre I) par 3 voix contre 1, avec 1 abstention" in french[at + 2]
    assert french[at + 3 : at + 6] == [
        "Ont voté pour\u00a0: Chili, France, Kenya.",
        "Ont voté contre\u00a0: Pérou.",
        "Se sont abstenus\u00a0: Norvège.",
    ]


def test_a_text_whose_silence_was_broken_is_not_reported_as_adopted(unrecorded_session, secretariat):
    session = unrecorded_session
    recommendations, decision = session.decisions.order_by("position")
    ends = datetime.date(2025, 1, 15)
    record_adoption(decision=recommendations, method="silence", silence_ends_on=ends, by=secretariat)
    record_adoption(
        decision=decision,
        method="silence",
        silence_ends_on=ends,
        positions={Entity.objects.get(code="PER"): "objection"},
        by=secretariat,
    )

    lines = report_text(session)
    said = " ".join(lines)
    assert (
        "adopted the agreed recommendations (see chapter I) under a silence procedure that ended on "
        "15 January 2025, no objection having been received." in said
    )
    assert (
        "The silence procedure on decision 2/1, which was to end on 15 January 2025, was broken by Peru; the text "
        "was not adopted." in said
    )
    assert "Decides." not in said  # chapter I holds the adopted text alone


def test_a_step_recorded_that_no_agenda_item_names_is_reported_under_a_title_of_its_own(small_session):
    """The small session's agenda gives its items no procedural purpose: what it records is reported all the
    same, and the agenda's annex comes with the approval that chapter III states."""
    organizational = chapter_three(report_text(small_session))

    headings = [line.split("\t")[1] for line in organizational if line[:2] in ("A.", "B.", "C.", "D.", "E.")]
    assert headings == [
        "Election of officers",
        "Adoption of the agenda and organization of work",
        "Provisional agenda of the next session",
        "Adoption of the outcome of the session",
        "Adoption of the report",
    ]
    said = " ".join(organizational)
    assert "approved the provisional agenda for its third session (see annex I)." in said
    assert "approved the proposed organization of work." in said
    assert "adopted the agreed recommendations (see chapter I) by consensus." in said


def test_records_of_a_day_without_a_meeting_are_never_at_the_same_meeting(small_session, secretariat):
    small_session.proceedings.all().delete()
    small_session.agendas.filter(kind="next_session").update(adopted_at=None, adopted_on="2025-01-02")
    day = datetime.date(2025, 1, 2)
    record_step(session=small_session, kind="adoption_of_report", meeting=None, on=day, by=secretariat)

    lines = chapter_three(report_text(small_session))
    dated = [line.split("\t")[1] for line in lines if "the provisional agenda for" in line or "the report on" in line]
    assert len(dated) == 2
    assert all(line.startswith("On 2 January 2025, ") for line in dated), dated


def test_the_chair_is_not_named_for_the_rapporteurs_authorization(small_session, secretariat):
    """The small session elected a Chair only: "the rapporteur is authorized" names nobody else."""
    small_session.proceedings.filter(kind="adoption_of_report").update(rapporteur_authorized=True)
    said = " ".join(report_text(small_session))
    assert "authorized the Chair" not in said
    assert "adopted the draft report on its second session and authorized its finalization" in said


def test_a_step_keeps_its_day_when_its_meeting_is_removed_and_the_file_still_imports(small_session, secretariat):
    from documents.exchange.session_file.dump import export_session

    closing = small_session.meetings.get(key="closing")
    record_step(session=small_session, kind="closing", meeting=closing, by=secretariat)
    closing.delete()

    step = small_session.proceedings.get(kind="closing")
    assert (step.meeting, step.date) == (None, datetime.date(2025, 1, 2))
    exported = export_session(small_session)
    assert {"kind": "closing", "on": "2025-01-02"} in exported["session"]["proceedings"]
    read_session_file(json.dumps(exported))  # refuses a file with a problem

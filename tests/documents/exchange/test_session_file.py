"""The session file: import all or nothing, idempotent, and an exact round trip through the commands."""

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F

from committee.bodies.models import Committee, Entity
from committee.roles.services import PROJECT_PACKAGES
from decisions.outcomes.models import Paragraph
from documents.exchange.session_file.dump import dumps, export_session
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.models import Document
from documents.reports.models import ReportParagraph
from documents.schemes.rules import preset_scheme
from meetings.programme.models import Agenda
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db

PROJECT_APPS = [config.label for config in apps.get_app_configs() if config.name.split(".")[0] in PROJECT_PACKAGES]


def table_counts() -> dict[str, int]:
    """How many rows every model of the project holds, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def import_text(data: dict) -> Session:
    return import_session(read_session_file(json.dumps(data)))


def problems_of(data: dict | str) -> list[str]:
    from committee.kernel.import_errors import ImportRejected

    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(ImportRejected) as rejected:
        import_session(read_session_file(text))
    return [str(problem) for problem in rejected.value.problems]


def wipe_project_data() -> None:
    """Leave the database as a fresh one is: countries only."""
    Session.objects.all().delete()
    Document.objects.all().delete()
    for committee in Committee.objects.order_by(F("parent_id").desc(nulls_last=True)):
        committee.delete()
    Entity.objects.filter(kind=Entity.Kind.ORGANIZATION).delete()


def test_it_imports_every_part_of_the_session():
    session = import_text(make_session_file())

    assert session.committee.parent.code == "BOARD"
    assert session.committee.secretariat.code == "SECR"
    assert [m.entity.code for m in session.committee.memberships.order_by("entity__code")] == ["FRA", "KEN"]
    assert session.city == {"en": "Geneva", "fr": "Genève"}
    assert [m.key for m in session.meetings.all()] == ["opening", "closing"]
    chair = session.bureau.get()
    assert (chair.name, chair.state.code, chair.elected_at.key) == ("Ana Example", "FRA", "opening")
    adopted = session.agendas.get(kind=Agenda.Kind.ADOPTED)
    assert [i.display_number for i in adopted.items.all()] == ["1", "2", "3", "3 (a)", "3 (b)"]
    assert sorted(Document.objects.get(symbol="TST/G/2/1").agenda_items.values_list("position", flat=True)) == [1, 2]
    france = session.participations.get(entity__code="FRA")
    head, counsellor = france.delegates.all()
    assert (head.role, head.title, head.organization) == (
        "head",
        "H.E.",
        "Permanent Mission to the United Nations Office at Geneva",
    )
    assert [meeting.key for meeting in head.meetings.all()] == ["opening"]
    assert (counsellor.role, counsellor.email) == ("delegate", "jean@example.org")
    decision = session.decisions.get()
    assert decision.paragraphs.filter(parent__isnull=True).count() == 2
    assert [p.letter for p in Paragraph.objects.filter(parent__isnull=False)] == ["a", "b"]
    round_table = session.report.sections.get(parent__isnull=False)
    assert round_table.parent.agenda_item.position == 3
    assert round_table.paragraphs.get().text == {"en": "Panellists spoke.[^A note.]"}


def test_importing_the_same_file_twice_changes_nothing():
    import_text(make_session_file())
    before = table_counts()

    import_text(make_session_file())

    assert table_counts() == before


def test_reimporting_an_edited_file_updates_adds_and_removes():
    import_text(make_session_file())
    edited = make_session_file()
    edited["session"]["participants"] = [p for p in edited["session"]["participants"] if p["entity"] != "KEN"]
    edited["session"]["participants"].append({"entity": "BRA", "category": "member_state"})
    edited["session"]["agendas"][0]["items"][2]["title"]["en"] = "Testing, revised"

    session = import_text(edited)

    assert sorted(session.participations.values_list("entity__code", flat=True)) == ["BRA", "FRA", "NGO1"]
    item = session.agendas.get(kind="adopted").items.get(parent__isnull=True, position=3)
    assert item.title["en"] == "Testing, revised"
    assert item.history.first().history_change_reason == "Imported from a session file"
    assert item.sub_items.count() == 2


def queries_to_import(data: dict) -> int:
    from django.db import connection

    text = json.dumps(data)
    read_session_file(text)  # the file's checks read the database too, but as often whatever its size
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        import_session(text)
    return len(queries)


def test_an_import_takes_as_many_queries_whatever_the_size_of_the_session():
    from documents.exchange.session_file.copies import grown, renumbered

    import_text(make_session_file())  # its committee and organizations, which the next sessions share

    small = queries_to_import(renumbered(make_session_file(), 6))
    larger = queries_to_import(grown(renumbered(make_session_file(), 7), 8))

    assert larger == small
    assert small < 100


def test_an_imported_delegate_s_meetings_are_in_its_history():
    session = import_text(make_session_file())
    delegate = Delegate.objects.filter(participation__session=session).exclude(meetings=None).first()

    latest = delegate.history.first()

    assert latest.history_change_reason == "Imported from a session file"
    assert sorted(latest.meetings.values_list("meeting_id", flat=True)) == sorted(
        delegate.meetings.values_list("pk", flat=True)
    )


def recorded_session_file() -> dict:
    """The small session with its proceedings recorded: every step, an amended agenda, a recorded vote."""
    data = make_session_file()
    data["session"]["agendas"][0]["as_amended"] = True
    data["session"]["proceedings"] = [
        {"kind": "opening", "meeting": "opening"},
        {"kind": "credentials", "meeting": "closing"},
        {
            "kind": "next_session",
            "meeting": "closing",
            "next_starts_on": "2026-03-09",
            "next_ends_on": "2026-03-11",
            "next_place": {"en": "Geneva", "fr": "Genève"},
        },
        {"kind": "adoption_of_report", "meeting": "closing", "rapporteur_authorized": True},
        {"kind": "closing", "on": "2025-01-02"},
    ]
    scheme = preset_scheme("un_plenary")
    scheme["parts"][0]["title"] = {"en": "Opening of the meeting"}
    scheme["rapporteur_line"] = True
    data["committees"][1]["report_scheme"] = scheme
    data["session"]["decisions"][0] |= {
        "adopted_at": "closing",
        "method": "recorded_vote",
        "votes": [{"state": "FRA", "position": "abstaining"}, {"state": "KEN", "position": "in_favour"}],
    }
    return data


def test_export_then_import_into_an_empty_database_then_export_is_identical(tmp_path):
    import_text(recorded_session_file())
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    call_command("export_session", "TST/G/2", output=first)
    wipe_project_data()
    assert not Session.objects.exists()

    call_command("import_session", first)
    call_command("export_session", "TST/G/2", output=second)

    assert second.read_bytes() == first.read_bytes()
    exported = json.loads(first.read_text())["session"]
    assert exported["report"]["summary"][1]["agenda_item"] == 3
    assert exported["proceedings"] == recorded_session_file()["session"]["proceedings"]
    assert (
        json.loads(first.read_text())["committees"][1]["report_scheme"]
        == recorded_session_file()["committees"][1]["report_scheme"]
    )
    assert exported["decisions"][0]["votes"] == [
        {"state": "FRA", "position": "abstaining"},
        {"state": "KEN", "position": "in_favour"},
    ]
    assert [a.get("as_amended", False) for a in exported["agendas"] if a["kind"] == "adopted"] == [True]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["session"]["participants"][2].update(category="observer"),
            'session.participants[2].category: "observer" is not one of',
        ),
        (
            lambda d: d["session"]["participants"][0].update(entity="XXX"),
            "session.participants[0].entity: XXX is neither a State's ISO alpha-3 code nor an organization",
        ),
        (
            lambda d: d["session"]["participants"][2].update(category="member_state"),
            "session.participants[2].category: NGO1 is an organization, not a State",
        ),
        (
            lambda d: d["session"]["participants"].append({"entity": "FRA", "category": "member_state"}),
            "session.participants: participant FRA appears 2 times",
        ),
        (lambda d: d["session"].update(end_date="2024-12-01"), "session.end_date: the session ends before it starts"),
        (
            lambda d: d["session"].update(start_date="2024-02-30"),
            'session.start_date: "2024-02-30" is not a date such as 2017-10-04',
        ),
        (lambda d: d["session"].update(time_zone="Geneva"), "session.time_zone: Geneva is not an IANA time zone"),
        (
            lambda d: d["session"]["bureau"][0].update(elected_at="second-meeting"),
            "session.bureau[0].elected_at: second-meeting is not the key of a meeting",
        ),
        (
            lambda d: d["session"]["documents"][0].update(agenda_items=[9]),
            "session.documents[0].agenda_items: the agenda has no item 9",
        ),
        (
            lambda d: d["session"]["agendas"][1]["organization_of_work"][1].update(items=[4]),
            "session.agendas[1].organization_of_work[1].items: the agenda has no item 4",
        ),
        (
            lambda d: d["session"]["agendas"][1]["organization_of_work"][1].update(period="morning"),
            "session.agendas[1].organization_of_work: half-day 2024-12-30 morning appears 2 times",
        ),
        (
            lambda d: d["session"]["report"].update(document="TST/G/2/99"),
            "session.report.document: TST/G/2/99 is not one",
        ),
        (
            lambda d: d["session"]["decisions"][0]["paragraphs"][0].update(text={"de": "Eingedenk"}),
            'session.decisions[0].paragraphs[0].text: "de" is not one of "en", "fr"',
        ),
        (lambda d: d["session"].update(colour="blue"), 'session: unknown field "colour"'),
        (lambda d: d["session"].update(number="2"), 'session.number: expected a whole number, found "2"'),
        (lambda d: d["session"].update(number=99999), "session.number: 99999 is more than 32767"),
        (
            lambda d: d["session"]["meetings"][0].update(start_time="25:00"),
            'session.meetings[0].start_time: "25:00" is not a time',
        ),
        (lambda d: d["session"]["bureau"][0].pop("name"), 'session.bureau[0]: missing field "name"'),
        (
            lambda d: d["session"]["bureau"][0].update(name="x" * 300),
            "session.bureau[0].name: longer than 200 characters",
        ),
        (
            lambda d: d["session"]["decisions"][0]["paragraphs"][0].update(text={}),
            "session.decisions[0].paragraphs[0].text: give the text in at least one language",
        ),
        (
            lambda d: d["session"]["participants"][1]["delegates"][0].update(name="Jean\x00"),
            "session.participants[1].delegates[0].name: contains a NUL character",
        ),
        (
            lambda d: d["session"]["participants"][1]["delegates"][1].update(meetings=["lunch"]),
            "session.participants[1].delegates[1].meetings: lunch is not the key of a meeting",
        ),
        (
            lambda d: d["session"].update(proceedings=[{"kind": "opening", "meeting": "lunch"}]),
            "session.proceedings[0].meeting: lunch is not the key of a meeting",
        ),
        (
            lambda d: d["session"].update(proceedings=[{"kind": "opening"}]),
            "session.proceedings[0]: say at which meeting (meeting) or on which day (on)",
        ),
        (
            lambda d: d["session"].update(proceedings=[{"kind": "closing", "on": "2025-01-02"}] * 2),
            "session.proceedings: step closing appears 2 times",
        ),
        (
            lambda d: d["session"]["decisions"][0].update(
                method="recorded_vote", votes=[{"state": "KEN", "position": "against"}]
            ),
            "session.decisions[0].method: A text with no more votes in favour than against was not adopted",
        ),
        (
            lambda d: d["session"]["decisions"][0].update(
                method="silence", silence_ends_on="2025-01-15", votes=[{"state": "NGO1", "position": "objection"}]
            ),
            "session.decisions[0].votes[0].state: NGO1 is not the ISO alpha-3 code of a State",
        ),
        (
            lambda d: d["committees"][1].update(parent="NOWHERE"),
            "committees[1].parent: NOWHERE is neither listed before",
        ),
        (
            lambda d: d["committees"][1].update(report_scheme={"parts": [{"holds": "opening", "annex": True}]}),
            "committees[1].report_scheme.parts[0]: An annex cannot hold this; only a chapter can.",
        ),
        (
            lambda d: d["committees"][1].update(
                report_scheme={"parts": [{"holds": "decisions"}, {"holds": "decisions", "annex": True}]}
            ),
            "committees[1].report_scheme.parts[1]: The scheme already has a part that holds this.",
        ),
        (
            lambda d: d["committees"][1].update(report_scheme={"parts": [{"holds": "everything"}]}),
            'committees[1].report_scheme.parts[0].holds: "everything" is not one of',
        ),
        (
            lambda d: d["session"].update(proceedings=[{"kind": "next_session", "on": "2025-01-02"}]),
            'session.proceedings[0]: missing field "next_starts_on"',
        ),
        (
            lambda d: d["session"].update(
                proceedings=[{"kind": "closing", "on": "2025-01-02", "next_starts_on": "2026-01-01"}]
            ),
            "session.proceedings[0]: only the announcement of the next session (next_session) gives its dates",
        ),
    ],
)
def test_a_broken_file_changes_nothing_and_says_where_and_what(change, expected):
    import_text(make_session_file())
    before = table_counts()
    broken = make_session_file()
    change(broken)

    problems = problems_of(broken)

    assert any(problem.startswith(expected) for problem in problems), problems
    assert table_counts() == before


def test_every_problem_is_listed_at_once():
    broken = make_session_file()
    broken["session"]["participants"][0]["entity"] = "XXX"
    broken["session"]["participants"][1]["entity"] = "YYY"

    problems = problems_of(broken)

    assert [p.split(":")[0] for p in problems] == ["session.participants[0].entity", "session.participants[1].entity"]


def test_a_file_that_is_not_a_session_file_says_so_briefly():
    (problem,) = problems_of(json.dumps([make_session_file()]))

    assert problem.startswith('(the whole file): expected an object { … }, found [{"format": "rapporteur-session"')
    assert len(problem) < 120


def test_a_file_nested_too_deeply_is_refused():
    assert problems_of("[" * 100_000 + "]" * 100_000) == ["(the whole file): nested too deeply to be a session file"]


def test_a_file_that_is_not_json_says_the_line_and_column():
    assert problems_of('{\n  "format": "rapporteur-session",\n  oops\n}') == [
        "line 3, column 3: not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_a_document_symbol_of_another_session_is_refused():
    import_text(make_session_file())
    other = make_session_file(code="TST/G/3", number=3)

    problems = problems_of(other)

    assert "session.documents[0].symbol: TST/G/2/1 already belongs to TST/G/2" in problems


def test_the_import_command_reports_problems_and_fails(tmp_path, capsys):
    broken = make_session_file()
    broken["session"]["participants"][1]["delegates"][0]["email"] = "not-an-address"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_session", path)

    assert "session.participants[1].delegates[0].email" in capsys.readouterr().err
    assert not Session.objects.exists()
    assert not Delegate.objects.exists()


@pytest.mark.parametrize(
    ("escape", "where"),
    [
        ("\\ud800", "session.participants[1].delegates[0].name"),  # a high surrogate alone
        ("Jean \\udfff Essai", "session.participants[1].delegates[0].name"),  # a low surrogate alone
        ("\\udc00\\ud800", "session.participants[1].delegates[0].name"),  # the pair the wrong way round
    ],
)
def test_an_unpaired_surrogate_is_refused_with_its_place_and_changes_nothing(tmp_path, capsys, escape, where):
    """JSON can escape half of a UTF-16 pair, which is no character: the file is refused, saying where."""
    import_text(make_session_file())
    before = table_counts()
    broken = make_session_file()
    broken["session"]["participants"][1]["delegates"][0]["name"] = "SURROGATE"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(broken).replace("SURROGATE", escape), encoding="utf-8")

    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_session", path)

    assert f"{where}: contains half of a UTF-16 surrogate pair" in capsys.readouterr().err
    assert table_counts() == before


def test_an_unpaired_surrogate_in_a_field_name_is_refused_too(tmp_path, capsys):
    broken = json.dumps(make_session_file()).replace('"entity": "FRA"', '"\\ud83c": "FRA", "entity": "FRA"', 1)
    path = tmp_path / "surrogate.json"
    path.write_text(broken, encoding="utf-8")

    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_session", path)

    err = capsys.readouterr().err
    assert "committees[1].members[0]: contains half of a UTF-16 surrogate pair (\\ud83c)" in err
    assert 'committees[1].members[0]: unknown field "\\ud83c"' in err
    assert not Session.objects.exists()


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "with-bom.json"
    path.write_text(json.dumps(make_session_file()), encoding="utf-8-sig")

    call_command("import_session", path)

    assert Session.objects.filter(code="TST/G/2").exists()


def test_any_unicode_survives_the_round_trip():
    text = "Zéro\u200f width\x07 bell, emoji 🇺🇳, Arabic العربية, 中文, a very long line " + "x" * 10_000
    data = make_session_file()
    data["session"]["report"]["summary"][0]["paragraphs"][0]["text"] = {"en": text, "ar": "نص"}

    session = import_text(data)

    assert (
        ReportParagraph.objects.get(
            section__report__session=session, section__parent__isnull=True, section__position=1
        ).text["en"]
        == text
    )
    assert (
        json.loads(dumps(export_session(session)))["session"]["report"]["summary"][0]["paragraphs"][0]["text"]["en"]
        == text
    )


def test_participation_keeps_the_name_borne_at_the_session():
    data = make_session_file()
    data["session"]["participants"].append(
        {"entity": "MKD", "category": "member_state", "name": {"fr": "Ex-République yougoslave de Macédoine"}}
    )

    session = import_text(data)

    participation = session.participations.get(entity__code="MKD")
    assert participation.name_in("fr") == "Ex-République yougoslave de Macédoine"
    assert participation.name_in("en") == "North Macedonia"
    assert Participation.objects.get(entity__code="FRA").name_in("fr") == "France"


def test_the_report_can_move_to_a_new_symbol():
    import_text(make_session_file())
    reissued = make_session_file()
    reissued["session"]["documents"][1]["symbol"] = "TST/G/2/3/Rev.1"
    reissued["session"]["report"]["document"] = "TST/G/2/3/Rev.1"

    session = import_text(reissued)

    assert session.report.document.symbol == "TST/G/2/3/Rev.1"
    assert not Document.objects.filter(symbol="TST/G/2/3").exists()


def test_an_older_file_does_not_undo_later_edits_of_shared_committees_and_organizations():
    import_text(make_session_file())
    Entity.objects.filter(code="NGO1").update(name={"en": "Friends of Testing International"})
    Committee.objects.filter(code="GROUP").update(name={"en": "Group of Experts on Testing and Quality"})

    import_text(make_session_file())

    assert Entity.objects.get(code="NGO1").name == {"en": "Friends of Testing International"}
    assert Committee.objects.get(code="GROUP").name == {"en": "Group of Experts on Testing and Quality"}


def test_meeting_times_keep_their_seconds():
    data = make_session_file()
    data["session"]["meetings"][0]["start_time"] = "10:00:30"

    session = import_text(data)

    assert export_session(session)["session"]["meetings"][0]["start_time"] == "10:00:30"


def _outline_problem(paragraph: Paragraph) -> str:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as invalid:
        paragraph.full_clean()
    return invalid.value.message_dict["parent"][0]


def test_a_paragraph_cannot_be_its_own_parent():
    import_text(make_session_file())
    operative = Paragraph.objects.get(kind="operative", parent__isnull=True)
    operative.parent = operative

    assert _outline_problem(operative) == "Choose a top-level item as the parent."


def test_a_sub_item_cannot_have_sub_items():
    import_text(make_session_file())
    preambular = Paragraph.objects.get(kind="preambular")
    preambular.parent = Paragraph.objects.filter(parent__isnull=False).first()

    assert _outline_problem(preambular) == "Choose a top-level item as the parent."


def test_a_paragraph_with_sub_items_cannot_become_one():
    import_text(make_session_file())
    operative = Paragraph.objects.get(kind="operative", parent__isnull=True)
    operative.parent = Paragraph.objects.get(kind="preambular")

    assert _outline_problem(operative) == "An item with sub-items of its own cannot become a sub-item."


def test_an_over_long_text_is_refused_naming_its_place_and_nothing_is_written():
    before = table_counts()
    data = make_session_file()
    data["organizations"][0]["name"]["fr"] = "A" * 301  # names: 300 characters a language
    data["session"]["participants"][0]["name"] = {"en": "K" * 301}
    data["session"]["agendas"][0]["items"][2]["title"] = {"en": "T" * 1_001}  # titles: 1,000
    data["session"]["report"]["summary"][0]["paragraphs"][0]["text"] = {"en": "P" * 20_001}  # texts: 20,000

    problems = problems_of(data)

    assert "organizations[0].name.fr: longer than 300 characters" in problems
    assert "session.participants[0].name.en: longer than 300 characters" in problems
    assert "session.agendas[0].items[2].title.en: longer than 1000 characters" in problems
    assert "session.report.summary[0].paragraphs[0].text.en: longer than 20000 characters" in problems
    assert table_counts() == before


def test_texts_at_their_limits_are_imported():
    data = make_session_file()
    data["organizations"][0]["name"] = dict.fromkeys(("en", "fr", "es", "ru", "zh", "ar"), "N" * 300)
    data["session"]["agendas"][0]["items"][2]["title"] = {"en": "T" * 1_000}
    data["session"]["report"]["summary"][0]["paragraphs"][0]["text"] = {"fr": "P" * 20_000}

    session = import_text(data)

    assert Entity.objects.get(code="NGO1").name["ar"] == "N" * 300
    assert ReportParagraph.objects.filter(section__report__session=session, text__fr="P" * 20_000).exists()


def test_a_row_written_past_the_schema_is_still_refused_by_the_models_own_check():
    """The schema and the models say the same limits: the models' check names the place in the file too."""
    from committee.kernel.import_errors import ImportRejected

    before = table_counts()
    checked = read_session_file(json.dumps(make_session_file()))
    checked["organizations"][0]["name"]["en"] = "A" * 301  # after the checks, as a bug in them would let it be

    with pytest.raises(ImportRejected) as rejected:
        import_session(checked)

    assert [str(p) for p in rejected.value.problems] == [
        "organizations[0].name: The English text has 301 characters; at most 300 are allowed."
    ]
    assert table_counts() == before


def test_the_schemas_limits_are_the_models():
    from committee.kernel.multilingual import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
    from documents.exchange.session_file.validate import SCHEMA_PATH
    from meetings.programme.models import AgendaItem, BureauMember, MeetingPerson

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    limit = {
        name: definition["additionalProperties"]["maxLength"]
        for name, definition in schema.items()
        if "maxLength" in (definition.get("additionalProperties") or {})
    }
    assert limit == {
        "text": NAME_MAX_LENGTH,
        "optional_text": NAME_MAX_LENGTH,
        "title": TITLE_MAX_LENGTH,
        "optional_title": TITLE_MAX_LENGTH,
        "long_text": TEXT_MAX_LENGTH,
    }
    assert Entity._meta.get_field("name").max_length == NAME_MAX_LENGTH
    assert AgendaItem._meta.get_field("title").max_length == TITLE_MAX_LENGTH
    assert AgendaItem._meta.get_field("annotation").max_length == TEXT_MAX_LENGTH
    assert ReportParagraph._meta.get_field("text").max_length == TEXT_MAX_LENGTH
    delegate = schema["participant"]["properties"]["delegates"]["items"]["properties"]
    assert {field: delegate[field]["maxLength"] for field in ("name", "title", "function", "organization")} == {
        field: Delegate._meta.get_field(field).max_length for field in ("name", "title", "function", "organization")
    }
    assert schema["bureau_member"]["properties"]["name"]["maxLength"] == BureauMember._meta.get_field("name").max_length
    person = schema["meeting"]["properties"]["people"]["items"]["properties"]
    assert person["name"]["maxLength"] == MeetingPerson._meta.get_field("name").max_length

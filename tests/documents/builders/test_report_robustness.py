"""Any text in any field gives a valid document; the report reads the database a fixed number of times."""

import io
import json
import subprocess
import zipfile

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee.bodies.models import Committee
from documents.builders.session_report import build_session_report
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.reports.collect import collect_session_report_data
from meetings.sessions.models import Session
from tests.builders import make_larger_session_file, make_session_file

pytestmark = pytest.mark.django_db

STRANGE = (
    "Bell\x07, form feed\x0c, NUL-free controls\x1b, zero-width\u200b joiner\u200d, RLM\u200f LRM\u200e, "
    "emoji 🇺🇳👩🏽‍⚖️, Arabic العربية, Chinese 中文, combining e\u0301, surrogate-free 𝔘𝔑, "
    "asterisk \\* and an unclosed *italic, brackets [^ and ] "
)


def reopened(content: bytes) -> docx.document.Document:
    """The document as Word would open it: every XML part parses."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.testzip() is None
    return docx.Document(io.BytesIO(content))


def strange_session() -> Session:
    data = make_session_file()
    data["session"]["report"]["summary"][0]["paragraphs"] = [
        {"text": dict.fromkeys(("en", "fr", "es", "ru", "zh", "ar"), STRANGE)},
        {"text": dict.fromkeys(("en", "fr", "es", "ru", "zh", "ar"), "Long " * 2_000)},
    ]
    data["session"]["decisions"][0]["paragraphs"][1]["text"] = {"en": STRANGE + "*Decides*[^" + STRANGE + "]"}
    data["session"]["bureau"][0]["name"] = "Ana\u202e Example\x01"
    return import_session(read_session_file(json.dumps(data)))


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh", "es", "ru"])
def test_any_unicode_gives_a_valid_document(language):
    session = strange_session()

    document = reopened(build_session_report(collect_session_report_data(session), language=language))

    text = "\n".join(p.text for p in document.paragraphs)
    assert "emoji 🇺🇳" in text
    assert "Long Long" in text
    assert "\x07" not in text


def test_a_missing_translation_shows_as_missing_not_as_another_language():
    data = make_session_file()
    data["session"]["report"]["summary"][0]["paragraphs"] = [{"text": {"en": "Only in English."}}]
    session = import_session(read_session_file(json.dumps(data)))

    text = [
        p.text for p in reopened(build_session_report(collect_session_report_data(session), language="fr")).paragraphs
    ]

    assert "1.\t[Pas encore disponible dans cette langue.]" in text
    assert not any("Only in English." in line for line in text)


def test_the_arabic_report_runs_right_to_left():
    session = strange_session()

    content = build_session_report(collect_session_report_data(session), language="ar")

    assert b"<w:bidi/>" in zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")


@pytest.mark.parametrize(("language", "masthead"), [("en", "United Nations"), ("fr", "Nations Unies")])
def test_an_empty_session_gives_a_valid_document(language, masthead):
    committee = Committee.objects.create(code="EMPTY", kind="committee", name={"en": "Empty Committee"})
    session = Session.objects.create(committee=committee, number=1, code="EMPTY/1")

    document = reopened(build_session_report(collect_session_report_data(session), language=language))

    assert document.tables[0].cell(0, 0).text == masthead


def test_libreoffice_converts_the_strange_document(tmp_path):
    session = strange_session()
    path = tmp_path / "strange.docx"
    path.write_bytes(build_session_report(collect_session_report_data(session), language="fr"))

    result = subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "strange.pdf").read_bytes().startswith(b"%PDF-")


def test_collecting_takes_the_same_number_of_queries_at_ten_times_the_size_and_building_none():
    counts = []
    for scale in (1, 10):
        session = import_session(read_session_file(json.dumps(make_larger_session_file(scale))))
        with CaptureQueriesContext(connection) as queries:
            data = collect_session_report_data(session)
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            build_session_report(data, language="fr")
        assert len(queries) == 0

    # The session (with its committee's report scheme), bureau, proceedings, agendas, agenda items (2),
    # participations, decisions, their votes, paragraphs (2) and their actions (for a scheme that says who acts),
    # documents, committee, the summary's sections and paragraphs (2 each, the draft's and the annex's): 18.
    assert counts[0] == 18, counts
    assert counts[0] == counts[1], counts


def test_many_sections_and_no_next_session_annex():
    data = make_session_file()
    data["session"]["report"]["summary"] = [
        {"title": {"en": f"Section {n}"}, "paragraphs": [{"text": {"en": f"Paragraph {n}."}}]} for n in range(30)
    ]
    data["session"]["agendas"] = [
        {"kind": "adopted", "items": [{"title": {"en": "Next agenda"}, "purpose": "next_session_agenda"}]},
        {"kind": "next_session", "adopted_on": "2017-10-06", "items": []},  # approved, with no items to annex
    ]
    data["session"]["documents"][0]["agenda_items"] = [1]
    session = import_session(read_session_file(json.dumps(data)))

    document = reopened(build_session_report(collect_session_report_data(session), language="en"))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[25:27] == ["Z.\tSection 25", "AA.\tSection 26"]
    approval = next(p.text for p in document.paragraphs if "approved the provisional agenda" in p.text)
    assert approval.endswith("for its third session.")


def test_a_note_inside_a_note_becomes_its_text_and_empty_notes_vanish():
    from committee.kernel.markup import parse

    (text, note) = parse("Word[^outer [^inner] end]")[:2]
    assert text.text == "Word"
    assert "".join(s.text for s in note.footnote) == "outer inner end"
    assert [s.text for s in parse("Word[^ ] and[^]")] == ["Word and"]


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def balanced(text: str) -> bool:
    """No embedding or override control, and every isolate closed where it is opened."""
    depth = 0
    for char in text:
        if char in "\u202a\u202b\u202c\u202d\u202e":
            return False
        depth += char in "\u2066\u2067\u2068"
        depth -= char == "\u2069"
        if depth < 0:
            return False
    return depth == 0


def test_an_override_in_a_name_does_not_reverse_the_text_after_it():
    data = make_session_file()
    data["session"]["bureau"][0]["name"] = "Ana\u202e Example"  # a right-to-left override, never closed
    data["session"]["participants"][1]["name"] = {"en": "France\u2069\u202e"}  # and a stray isolate closer
    session = import_session(read_session_file(json.dumps(data)))

    document = reopened(build_session_report(collect_session_report_data(session), language="en"))

    election = next(p.text for p in document.paragraphs if "elected" in p.text)
    assert "Ms.\u00a0Ana Example (France) Chair." in election, election  # read in order, nothing reversed
    lines = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert all(balanced(line) for line in lines), [line for line in lines if not balanced(line)]
    assert "France" in lines


def test_an_arabic_name_is_isolated_from_the_text_after_it():
    data = make_session_file()
    data["session"]["bureau"][0]["name"] = "محمد الأمين"
    session = import_session(read_session_file(json.dumps(data)))

    document = reopened(build_session_report(collect_session_report_data(session), language="en"))

    election = next(p.text for p in document.paragraphs if "elected" in p.text)
    # Within U+2068 … U+2069 the name reads right to left; "(France)" and what follows stay as written.
    assert "Ms.\u00a0\u2068محمد الأمين\u2069 (France) Chair." in election, election


def test_in_an_arabic_report_every_latin_name_is_isolated_and_arabic_ones_need_not_be():
    session = import_session(read_session_file(json.dumps(make_session_file())))

    document = reopened(build_session_report(collect_session_report_data(session), language="ar"))

    lines = [p.text for p in document.paragraphs]
    assert "فرنسا" in lines  # a State of the attendance's two columns: the sentence's own direction
    assert "\u2068Friends of Testing\u2069" in lines  # a left-to-right name in right-to-left text

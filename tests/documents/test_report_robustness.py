"""Any text in any field gives a valid document; the report reads the database a fixed number of times."""

import io
import json
import subprocess
import zipfile

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee.models import Committee
from documents.report import build_session_report, collect_session_report_data
from documents.session_file import import_session, read_session_file
from meetings.models import Session
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
        {"text": {"en": STRANGE, "fr": STRANGE, "ar": STRANGE, "zh": STRANGE}},
        {"text": {"en": "Long " * 2_000, "fr": "Long " * 2_000}},
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


def test_the_arabic_report_runs_right_to_left():
    session = strange_session()

    content = build_session_report(collect_session_report_data(session), language="ar")

    assert b"<w:bidi/>" in zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")


def test_an_empty_session_gives_a_valid_document():
    committee = Committee.objects.create(code="EMPTY", kind="committee", name={"en": "Empty Committee"})
    session = Session.objects.create(committee=committee, number=1, code="EMPTY/1")

    for language in ("en", "fr"):
        document = reopened(build_session_report(collect_session_report_data(session), language=language))
        assert document.tables[0].cell(0, 0).text in ("United Nations", "Nations Unies")


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

    assert counts[0] == counts[1], counts

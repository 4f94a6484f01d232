"""Print how long the report builder takes, beside python-docx alone writing the same document; and how long
its PDF takes, beside a bare LibreOffice conversion of the same Word document."""

import dataclasses
import functools
import io
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import docx
import docx.table
import docx.text.paragraph
from django.core.management.base import BaseCommand, CommandError
from lxml import etree

from documents.builders.data import AgendaItemData, ParticipantData, SessionReportData
from documents.builders.pdf import issued, profiles_folder
from documents.builders.session_report import build_session_report
from documents.reports.collect import collect_session_report_data
from meetings.sessions.models import Session

T = TypeVar("T")
FLOOR_AIM = 1.3  # the build within this many times python-docx alone writing the same document
LINEAR_AIM = 1.2  # the time per paragraph at 100x within this many times that at 1x


def scaled(data: SessionReportData, factor: int) -> SessionReportData:
    """The session `factor` times larger: participants, summary paragraphs, agenda items, recommendations."""
    if factor == 1:
        return data
    participants = tuple(
        ParticipantData(p.category, {lang: f"{name} {copy}" for lang, name in p.name.items()})
        for copy in range(factor)
        for p in data.participants
    )
    summary = tuple(
        dataclasses.replace(
            s,
            paragraphs=s.paragraphs * factor,
            subsections=tuple(dataclasses.replace(sub, paragraphs=sub.paragraphs * factor) for sub in s.subsections),
        )
        for s in data.summary
    )
    agenda = tuple(
        AgendaItemData(
            number=n, title=item.title, purpose=item.purpose if n == item.number else "", sub_items=item.sub_items
        )
        for n, item in enumerate([item for _copy in range(factor) for item in data.agenda], start=1)
    )
    decisions = tuple(dataclasses.replace(d, paragraphs=d.paragraphs * factor) for d in data.decisions)
    return dataclasses.replace(data, participants=participants, summary=summary, agenda=agenda, decisions=decisions)


def blocks_of(content: bytes) -> list[tuple[str, list[Any]]]:
    """The document's body as the floors write it again: paragraphs' runs, tables' rows of cells."""
    source = docx.Document(io.BytesIO(content))
    blocks: list[tuple[str, list[Any]]] = []
    for element in source.element.body.iterchildren():
        if element.tag.endswith("}p"):
            blocks.append(("p", [run.text for run in docx.text.paragraph.Paragraph(element, source).runs]))
        elif element.tag.endswith("}tbl"):
            table = docx.table.Table(element, source)
            blocks.append(("t", [[cell.text for cell in row.cells] for row in table.rows]))
    return blocks


def floor_seconds(blocks: list[tuple[str, list[Any]]]) -> float:
    """python-docx alone writing a document with the same paragraphs, runs and tables."""
    start = time.perf_counter()
    target = docx.Document()
    for kind, content_ in blocks:
        if kind == "p":
            paragraph = target.add_paragraph()
            for text in content_:
                paragraph.add_run(text)
        else:
            table = target.add_table(rows=len(content_), cols=len(content_[0]))
            for row, cells in zip(table.rows, content_, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.paragraphs[0].add_run(text)
    target.save(io.BytesIO())
    return time.perf_counter() - start


def lxml_seconds(blocks: list[tuple[str, list[Any]]]) -> float:
    """The same document's elements made with lxml directly and appended in order (what python-docx does
    underneath, without its lookups), in python-docx's empty document, saved: how far the floor is from the limit."""
    start = time.perf_counter()
    target = docx.Document()
    body = target.element.body
    end = body.sectPr
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def paragraph(parent, runs: list[str]) -> None:
        p = etree.SubElement(parent, f"{w}p")
        for text in runs:
            etree.SubElement(etree.SubElement(p, f"{w}r"), f"{w}t").text = text

    for kind, content_ in blocks:
        if kind == "p":
            element = etree.Element(f"{w}p")
            for text in content_:
                etree.SubElement(etree.SubElement(element, f"{w}r"), f"{w}t").text = text
        else:
            element = etree.Element(f"{w}tbl")
            grid = etree.SubElement(element, f"{w}tblGrid")
            for _column in content_[0]:
                etree.SubElement(grid, f"{w}gridCol")
            for cells in content_:
                row = etree.SubElement(element, f"{w}tr")
                for text in cells:
                    paragraph(etree.SubElement(row, f"{w}tc"), [text])
        end.addprevious(element)
    target.save(io.BytesIO())
    return time.perf_counter() - start


def best_of(runs: int, action: Callable[[], T]) -> tuple[float, T]:
    """The shortest of `runs` runs (one at least) of `action`, and what it returned."""
    start = time.perf_counter()
    result = action()
    best = time.perf_counter() - start
    for _ in range(runs - 1):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def bare_conversion_seconds(content: bytes) -> float:
    """LibreOffice converting the Word document to PDF as it comes (`soffice --convert-to pdf`), nothing
    more: the floor of the PDF's time. Its profile is its own, made by a first run that is not timed."""
    profile = profiles_folder() / "benchmark-floor"
    with tempfile.TemporaryDirectory(prefix="rapporteur-floor-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(content)
        command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
        command += ["--outdir", work, str(source)]
        if not profile.exists():
            subprocess.run(command, capture_output=True, check=True, timeout=300)  # noqa: S603
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, timeout=300)  # noqa: S603
        return time.perf_counter() - start


class Command(BaseCommand):
    help = "Time the report of a session (the demo by default) and of copies 10 and 100 times larger."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", nargs="?", default="TD/B/EDE/1")
        parser.add_argument("--lang", default="fr")
        parser.add_argument(
            "--runs", type=int, default=5, help="Best of how many runs (of the build and of each floor alike)."
        )
        parser.add_argument("--no-pdf", action="store_true", help="Leave out the PDF's timing.")

    def handle(self, *args, code: str, lang: str, runs: int, no_pdf: bool, **options) -> None:
        session = Session.objects.filter(code=code).first()
        if session is None:
            raise CommandError(f"There is no session {code} (make demo loads TD/B/EDE/1).")
        collect, data = best_of(runs, lambda: collect_session_report_data(session))
        self.stdout.write(f"collect_session_report_data({code}): {collect * 1000:.1f} ms (best of {runs})")
        columns = ("size", "paragraphs", "runs", "tables", "build ms", "floor ms", "ratio", "ms/para", "lxml ms")
        widths = (6, 10, 7, 6, 9, 9, 6, 8, 8)
        self.stdout.write(" ".join(f"{name:>{width}}" for name, width in zip(columns, widths, strict=True)))
        figures = {}
        for factor in (1, 10, 100):
            big = scaled(data, factor)
            build, content = best_of(runs, functools.partial(build_session_report, big, language=lang))
            blocks = blocks_of(content)
            floor = min(floor_seconds(blocks) for _ in range(runs))
            lxml = min(lxml_seconds(blocks) for _ in range(runs))
            document = docx.Document(io.BytesIO(content))
            paragraphs = len(document.paragraphs) + sum(
                len(cell.paragraphs) for table in document.tables for row in table.rows for cell in row.cells
            )
            run_count = sum(len(p.runs) for p in document.paragraphs)
            figures[factor] = (build / floor, build / paragraphs)
            self.stdout.write(
                f"{factor:>5}x {paragraphs:>10} {run_count:>7} {len(document.tables):>6} {build * 1000:>9.1f} "
                f"{floor * 1000:>9.1f} {build / floor:>6.2f} {build * 1000 / paragraphs:>8.3f} {lxml * 1000:>8.1f}"
            )
        for factor, (ratio, _per_paragraph) in figures.items():
            ok = "ok" if ratio <= FLOOR_AIM else "MISSED"
            self.stdout.write(f"AIM report build {factor}x: {ratio:.2f} times the floor (aim <= {FLOOR_AIM}) {ok}")
        growth = figures[100][1] / figures[1][1]
        ok = "ok" if growth <= LINEAR_AIM else "MISSED"
        self.stdout.write(
            f"AIM report linear: time per paragraph at 100x {growth:.2f} times that at 1x (aim <= {LINEAR_AIM}) {ok}"
        )
        if not no_pdf:
            self.pdf(data, lang, runs)

    def pdf(self, data: SessionReportData, lang: str, runs: int) -> None:
        """The PDF (LibreOffice started, the contents numbered in the PDF and the Word document, the PDF written)
        beside the bare conversion of the same document, each run of one next to a run of the other."""
        self.stdout.write("PDF: the report's (contents numbered) beside a bare LibreOffice conversion (best of runs)")
        columns = ("size", "pages", "pdf ms", "floor ms", "ratio")
        widths = (6, 6, 9, 9, 6)
        self.stdout.write(" ".join(f"{name:>{width}}" for name, width in zip(columns, widths, strict=True)))
        for factor in (1, 10):
            content = build_session_report(scaled(data, factor), language=lang)
            ours, floor, pdf = float("inf"), float("inf"), b""
            for _ in range(runs):
                floor = min(floor, bare_conversion_seconds(content))
                start = time.perf_counter()
                _docx, pdf = issued(content)
                ours = min(ours, time.perf_counter() - start)
            with tempfile.NamedTemporaryFile(suffix=".pdf") as written:
                written.write(pdf)
                written.flush()
                info = subprocess.run(["pdfinfo", written.name], capture_output=True, text=True, check=False).stdout  # noqa: S603, S607
            pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
            self.stdout.write(f"{factor:>5}x {pages:>6} {ours * 1000:>9.0f} {floor * 1000:>9.0f} {ours / floor:>6.2f}")

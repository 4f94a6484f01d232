"""A Word document the tool wrote, as the PDF the UN issues, by Debian's LibreOffice (`office.py`).

LibreOffice serves one process per user profile, so each conversion takes a profile of its own from a small pool
(`PROFILES`, each locked while in use): conversions run side by side up to the pool's size and wait beyond it.
A profile is made once and kept, which saves LibreOffice's first start on each conversion.

The contents get their page numbers in the PDF; `with_contents_pages` writes the same numbers into the Word
document, which otherwise shows none until Word updates its field.
"""

import fcntl
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from documents.builders.document import CONTENTS_STYLES
from documents.builders.word import with_contents_pages

OFFICE_SCRIPT = Path(__file__).with_name("office.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which has LibreOffice's UNO bridge (python3-uno)
PROFILES = int(os.environ.get("RAPPORTEUR_OFFICE_PROFILES", "4"))
TIMEOUT = 180  # seconds for one conversion, LibreOffice's start included
PDF = "application/pdf"


class ConversionError(Exception):
    """LibreOffice could not convert the document; the message says what it said."""


@dataclass(frozen=True)
class Converted:
    pdf: bytes
    contents_pages: list[str]  # the page of each entry of the contents, in order


def profiles_folder() -> Path:
    """Where the profiles are kept: RAPPORTEUR_OFFICE_PROFILE_DIR, else the user's cache."""
    configured = os.environ.get("RAPPORTEUR_OFFICE_PROFILE_DIR")
    folder = Path(configured) if configured else Path.home() / ".cache" / "rapporteur" / "libreoffice"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def _profile() -> Iterator[Path]:
    """A LibreOffice profile no other conversion is using, held until the block ends."""
    folder = profiles_folder()
    deadline = time.monotonic() + TIMEOUT
    while True:
        for number in range(PROFILES):
            lock = (folder / f"profile-{number}.lock").open("w")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.close()
                continue
            try:
                yield folder / f"profile-{number}"
                return
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
                lock.close()
        if time.monotonic() > deadline:
            raise ConversionError("Every LibreOffice profile stayed busy.")
        time.sleep(0.1)


def to_pdfs(documents: list[bytes]) -> list[Converted]:
    """The PDF of each Word document, its contents' page numbers filled in: one start of LibreOffice for all."""
    if not documents:
        return []
    with _profile() as profile, tempfile.TemporaryDirectory(prefix="rapporteur-pdf-") as work:
        paths = [(Path(work) / f"document-{n}.docx", Path(work) / f"document-{n}.pdf") for n in range(len(documents))]
        for (source, _target), docx in zip(paths, documents, strict=True):
            source.write_bytes(docx)
        arguments = [str(path) for pair in paths for path in pair]
        try:
            result = subprocess.run(  # noqa: S603 - fixed program and arguments, paths of our own
                [SYSTEM_PYTHON, str(OFFICE_SCRIPT), str(profile), *arguments],
                capture_output=True,
                text=True,
                timeout=TIMEOUT * len(documents),
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice took more than {TIMEOUT} seconds a document.") from None
        if result.returncode != 0 or not all(target.exists() for _source, target in paths):
            said = (result.stderr or result.stdout).strip().splitlines()
            raise ConversionError(said[-1] if said else f"LibreOffice stopped with code {result.returncode}.")
        pages = json.loads(result.stdout)
        return [
            Converted(target.read_bytes(), numbers) for (_source, target), numbers in zip(paths, pages, strict=True)
        ]


def to_pdf(docx: bytes) -> Converted:
    """The PDF of a Word document, its contents' page numbers filled in."""
    return to_pdfs([docx])[0]


def issued(docx: bytes) -> tuple[bytes, bytes]:
    """A document as issued: the Word document with its contents' page numbers, and its PDF."""
    return issued_together([docx])[0]


def issued_together(documents: list[bytes]) -> list[tuple[bytes, bytes]]:
    """Several documents as issued (a report in each of its languages), converted by one LibreOffice."""
    return [
        (with_contents_pages(docx, converted.contents_pages, CONTENTS_STYLES), converted.pdf)
        for docx, converted in zip(documents, to_pdfs(documents), strict=True)
    ]

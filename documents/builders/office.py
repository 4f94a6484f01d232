"""Convert a Word document to PDF with LibreOffice, its indexes (the contents) updated first.

Run by Debian's own Python, which has LibreOffice's UNO bridge (package python3-uno), as
``python3 office.py PROFILE_DIR INPUT.docx OUTPUT.pdf [INPUT.docx OUTPUT.pdf …]``: it starts a headless
LibreOffice on the given user profile (one per concurrent conversion: LibreOffice serves one process per
profile), and for each document opens it hidden, updates its tables of contents (Word leaves them for the
reader's application to fill; a PDF must carry its page numbers) and its fields, and exports the PDF; then it
stops LibreOffice. Several documents share one start of LibreOffice, which takes longer than a conversion. It
prints, as JSON, for each document the page number of each entry of its contents, for the caller to write into
the Word document too. The project's code calls it through
`pdf.py`; this file imports nothing of the project and runs outside its virtual environment.
"""

import functools
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any


def convert(profile: Path, documents: list[tuple[Path, Path]]) -> list[list[str]]:
    """Write the PDF of each (source, target); return, for each, the page of each entry of its contents."""
    import uno  # Debian's python3-uno: only in the system's Python
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException

    def properties(**values: object) -> tuple[Any, ...]:
        found = []
        for name, value in values.items():
            prop = PropertyValue()
            prop.Name, prop.Value = name, value
            found.append(prop)
        return tuple(found)

    pipe = f"rapporteur-{uuid.uuid4().hex}"
    office = subprocess.Popen(  # noqa: S603
        [  # noqa: S607 - Debian's LibreOffice, on the PATH
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if office.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("LibreOffice did not start.") from None
                time.sleep(0.05)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        pages = []
        for source, target in documents:
            document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, properties(Hidden=True))
            if document is None:
                raise SystemExit(f"LibreOffice could not read {source.name}.")
            try:
                pages.append(_number_the_contents(document))
                document.getTextFields().refresh()
                document.storeToURL(target.resolve().as_uri(), properties(FilterName="writer_pdf_Export"))
            finally:
                document.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001, S110 - the bridge closes as LibreOffice quits
            pass
        office.wait(timeout=30)
        return pages
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


def _heading_pages(document: Any) -> list[int]:
    """The page each heading of levels 1 and 2 (those the contents list) falls on, in order: the headings found
    by their styles (a search in LibreOffice, not a walk through every paragraph over the bridge)."""
    text = document.getText()
    headings = []
    for style in ("Heading 1", "Heading 2"):
        search = document.createSearchDescriptor()
        search.SearchStyles = True
        search.SearchString = style
        found = document.findAll(search)
        headings += [found.getByIndex(index) for index in range(found.getCount())]
    headings.sort(key=functools.cmp_to_key(lambda a, b: -text.compareRegionStarts(a, b)))  # in the text's order
    cursor = document.getCurrentController().getViewCursor()
    pages = []
    for heading in headings:
        cursor.gotoRange(heading.getStart(), False)
        pages.append(cursor.getPage())
    return pages


def _entries(contents: Any) -> list[Any]:
    """The paragraphs of the contents that stand for a heading: those in a contents style ("toc 1", read as
    "Contents 1"), not the line that announces the annexes."""
    cursor = contents.getAnchor().getText().createTextCursorByRange(contents.getAnchor())
    found, paragraphs = [], cursor.createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if paragraph.ParaStyleName.lower().startswith(("contents", "toc")):
            found.append(paragraph)
    return found


def _number_the_contents(document: Any) -> list[str]:
    """Write each heading's page after its entry in the contents, as the tool wrote them; where the entries
    do not match the headings one for one, let LibreOffice write the contents afresh. Returns the pages written."""
    indexes = document.getDocumentIndexes()
    contents = [indexes.getByIndex(i) for i in range(indexes.getCount())]
    contents = [index for index in contents if index.supportsService("com.sun.star.text.ContentIndex")]
    if not contents:
        return []
    index = contents[0]
    entries, pages = _entries(index), _heading_pages(document)
    if len(entries) != len(pages):
        index.update()
        lines = index.getAnchor().getString().splitlines()
        return [line.rsplit("\t", 1)[-1].strip() for line in lines if "\t" in line]
    index.IsProtected = False
    written = [str(page) for page in pages]
    for entry, page in zip(entries, written, strict=True):
        entry.getText().insertString(entry.getEnd(), "\t" + page, False)
    for _attempt in range(2):  # the numbers may lengthen the contents and move the headings: number them again
        moved = [str(page) for page in _heading_pages(document)]
        if moved == written:
            break
        for entry, old, new in zip(entries, written, moved, strict=True):
            cursor = entry.getText().createTextCursorByRange(entry.getEnd())
            cursor.goLeft(len(old), True)
            cursor.setString(new)
        written = moved
    index.IsProtected = True
    return written


if __name__ == "__main__":
    profile_dir, *paths = (Path(argument) for argument in sys.argv[1:])
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")  # no display
    print(json.dumps(convert(profile_dir, list(zip(paths[::2], paths[1::2], strict=True)))))  # noqa: T201 - for pdf.py

"""Reading a Word document a secretariat drafted (the Chair's summary, or a whole draft) into the summary's
sections and paragraphs, with their italics and footnotes in the drafts' markup (`committee.kernel.markup`).

Headings make the sections: the document's highest heading level the sections, the next their subsections
(their "A." or "1." labels are left out: the report numbers them). Every other paragraph with text is a
paragraph of the section above it (a leading "12." is left out likewise), and one lettered "(a)" a sub-item of
the paragraph above it, on a line of its own. Italic runs become *italics*, a
footnote reference the [^text] of its note. A file that is not a Word document, or holds macros, is refused
with the reason; so is a document with nothing to import."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from committee.kernel.markup import xml_safe
from committee.kernel.multilingual import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_PARAGRAPHS = 5000
_LABEL = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]{1,2}|\d{1,4}|\(?[a-z]\))[.)]?\s+")  # "A. ", "12.\t", "(a) "
_NUMBER = re.compile(r"^\s*\d{1,4}\.\s+")
_SUB_ITEM = re.compile(r"^\s*\(?[a-z]{1,2}\)\s+")  # "(a) ", "a) ", "(aa) ": a sub-item of the paragraph above
_SUMMARY = re.compile(r"summary|résumé|summar", re.IGNORECASE)  # "Chair's summary", "Résumé du Président"
_HEADING = re.compile(r"^(?:heading|titre|überschrift|título|заголовок)\s*(\d)$", re.IGNORECASE)


class WordImportError(ValueError):
    """The file cannot be imported; the message says why, for the person who sent it."""


@dataclass
class ImportedSection:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list["ImportedSection"] = field(default_factory=list)


def read_summary(content: bytes) -> list[ImportedSection]:
    """The sections of the Word document `content`, or WordImportError saying why there are none."""
    if len(content) > MAX_FILE_SIZE:
        raise WordImportError(_("The file is larger than 20 MB."))
    if not content.startswith(b"PK\x03\x04"):
        raise WordImportError(_("This is not a Word document (.docx): save it from Word as a .docx file."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise WordImportError(_("The file is damaged or is not a Word document: it cannot be read.")) from None
    if "macroEnabled" in types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise WordImportError(_("The document holds macros (.docm): save it as a plain .docx document first."))
    if "word/document.xml" not in names:
        raise WordImportError(_("This file is not a Word document (it may be a spreadsheet or a presentation)."))
    try:
        document = Document(io.BytesIO(content))
    except Exception:  # python-docx raises many kinds on a damaged package
        raise WordImportError(_("The file is damaged or is not a Word document: it cannot be read.")) from None
    notes = _footnotes(document)
    entries = []
    for paragraph in document.paragraphs[: MAX_PARAGRAPHS + 1]:
        text = _marked(paragraph._p, notes).strip()
        if text:
            entries.append((_heading_level(paragraph), text))
    if len(entries) > MAX_PARAGRAPHS:
        raise WordImportError(_("The document has more than 5,000 paragraphs: import it in parts."))
    return _sections(entries)


def _heading_level(paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        found = _HEADING.match((style.name or "").strip())
        if found:
            return int(found.group(1))
        style = style.base_style
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return int(level.get(qn("w:val"))) + 1 if level is not None and level.get(qn("w:val"), "").isdigit() else None


def _summary_chapter(entries: list[tuple[int | None, str]]) -> list[tuple[int | None, str]]:
    """Of a whole draft, the Chair's summary: what stands under the top heading that names it, if one does."""
    levels = sorted({level for level, _text in entries if level is not None})
    if len(levels) < 2:
        return entries
    tops = [i for i, (level, _text) in enumerate(entries) if level == levels[0]]
    named = [i for i in tops if _SUMMARY.search(entries[i][1])]
    if not named:
        return entries
    following = [i for i in tops if i > named[0]]
    return entries[named[0] + 1 : following[0] if following else len(entries)]


def _sections(entries: list[tuple[int | None, str]]) -> list[ImportedSection]:
    entries = _summary_chapter(entries)
    levels = sorted({level for level, _text in entries if level is not None})
    if not levels:
        raise WordImportError(_("The document has no headings: give each section a heading (Heading 1, 2…)."))
    top, sub = levels[0], levels[1] if len(levels) > 1 else None
    sections: list[ImportedSection] = []
    current: ImportedSection | None = None
    for level, text in entries:
        if level == top:
            current = ImportedSection(_title(text))
            sections.append(current)
        elif level is not None and level == sub and sections:
            current = ImportedSection(_title(text))
            sections[-1].subsections.append(current)
        elif level is not None:  # a deeper heading: a paragraph of its own, as the report has no place for it
            if current is not None:
                current.paragraphs.append(_paragraph(text))
        elif current is None:
            continue  # what stands before the first heading (the masthead, a title) is not the summary's
        elif _SUB_ITEM.match(text) and current.paragraphs:
            item = _SUB_ITEM.sub("", text, count=1)
            current.paragraphs[-1] = _within(f"{current.paragraphs[-1]}\n{item}", TEXT_MAX_LENGTH)
        else:
            current.paragraphs.append(_paragraph(text))
    return sections


def _title(text: str) -> str:
    return _within(_LABEL.sub("", text.replace("*", ""), count=1), TITLE_MAX_LENGTH)


def _paragraph(text: str) -> str:
    return _within(_NUMBER.sub("", text, count=1), TEXT_MAX_LENGTH)


def _within(text: str, limit: int) -> str:
    """The text, or the refusal of the whole document if it is longer than a report keeps (nothing is cut)."""
    if len(text) > limit:
        raise WordImportError(
            _("The paragraph that begins “%(start)s” is longer than %(limit)s characters: shorten it or split it.")
            % {"start": text[:60], "limit": f"{limit:,}"}
        )
    return text


def _escaped(text: str) -> str:
    """Plain text in the markup: its backslashes, asterisks and brackets escaped."""
    return re.sub(r"([\\*\[\]])", r"\\\1", xml_safe(text))


def _marked(element, notes: dict[str, str]) -> str:
    """A paragraph's text in the drafts' markup: italics between asterisks, footnotes as [^text]."""
    parts: list[str] = []
    for run in element.iter(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        italic = properties is not None and properties.find(qn("w:i")) is not None
        if italic and properties.find(qn("w:i")).get(qn("w:val")) in ("0", "false"):
            italic = False
        for child in run:
            if child.tag == qn("w:t"):
                text = _escaped(child.text or "")
                parts.append(f"*{text}*" if italic and text.strip() else text)
            elif child.tag == qn("w:tab"):
                parts.append("\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                parts.append(" ")
            elif child.tag == qn("w:footnoteReference"):
                note = notes.get(child.get(qn("w:id"), ""), "")
                if note:
                    parts.append(f"[^{note}]")
    return re.sub(r"(?<!\\)\*\*", "", "".join(parts))  # two italic runs side by side make one stretch


def _footnotes(document) -> dict[str, str]:
    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    notes = {}
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        text = " ".join(_marked(p, {}).strip() for p in note.iter(qn("w:p"))).strip()
        notes[note.get(qn("w:id"), "")] = text
    return notes

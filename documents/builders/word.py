"""What python-docx does not do by itself: footnotes, a table-of-contents field, right-to-left text.

Knows nothing of sessions or reports: it writes styled runs, notes and fields into a document.
"""

import io
from collections.abc import Iterable

from docx import Document as open_document
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Length, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

Run = tuple[str, str]  # (text, "" | "italic" | "superscript" | "bold")


def add_runs(paragraph: Paragraph, runs: Iterable[Run]) -> None:
    for text, style in runs:
        if not text:
            continue
        run = paragraph.add_run()
        _append_text(run._r, text)
        if style == "italic":
            run.italic = True
        elif style == "superscript":
            run.font.superscript = True
        elif style == "bold":
            run.bold = True


def _append_text(run: CT_R, text: str) -> None:
    """Text, tabs and line breaks into a run (python-docx's run.text walks the text a character at a time)."""
    for index, line in enumerate(text.split("\n")):
        if index:
            run.add_br()
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                run.add_tab()
            if part:
                run.add_t(part)


class Footnotes:
    """The document's footnotes, numbered in order, or marked with asterisks where asked."""

    def __init__(self) -> None:
        self.notes: list[list[Run]] = []  # the texts; a note's id is its place in the list, from 1

    def reference(self, paragraph: Paragraph, runs: list[Run], *, mark: str | None = None) -> None:
        """Put a note's reference at the end of `paragraph`; its text is `runs`."""
        self.notes.append(runs)
        note_id = len(self.notes)
        run = paragraph.add_run()
        run.font.superscript = True
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(note_id))
        if mark:
            reference.set(qn("w:customMarkFollows"), "1")
        run._r.append(reference)
        if mark:
            text = OxmlElement("w:t")
            text.text = mark
            run._r.append(text)

    def attach(self, document: Document, *, font_size: Pt) -> None:
        """Write the notes into the package (word/footnotes.xml); call once, after the body is written."""
        if not self.notes:
            return
        root = OxmlElement("w:footnotes")
        for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = OxmlElement("w:footnote")
            note.set(qn("w:type"), kind)
            note.set(qn("w:id"), str(note_id))
            paragraph = OxmlElement("w:p")
            run = OxmlElement("w:r")
            run.append(OxmlElement(f"w:{kind}"))
            paragraph.append(run)
            note.append(paragraph)
            root.append(note)
        for note_id, runs in enumerate(self.notes, start=1):
            note = OxmlElement("w:footnote")
            note.set(qn("w:id"), str(note_id))
            paragraph = OxmlElement("w:p")
            # The note's own mark, number or asterisk alike, is the footnoteRef's to show.
            marker = _run_element("", superscript=True, size=font_size)
            marker.append(OxmlElement("w:footnoteRef"))
            paragraph.append(marker)
            paragraph.append(_run_element(" ", size=font_size))
            for text, style in runs:
                paragraph.append(_run_element(text, italic=style == "italic", size=font_size))
            note.append(paragraph)
            root.append(note)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _run_element(text: str, *, italic: bool = False, superscript: bool = False, size: Pt) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    if italic:
        properties.append(OxmlElement("w:i"))
    if superscript:
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        properties.append(align)
    font_size = OxmlElement("w:sz")
    font_size.set(qn("w:val"), str(int(size.pt * 2)))
    properties.append(font_size)
    run.append(properties)
    if text:
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = text
        run.append(element)
    return run


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field (e.g. a table of contents) whose result follows, up to end_field."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")  # Word recomputes it, with page numbers, on opening
            run._r.append(char)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._r.append(element)


def cell_rule_below(cell: _Cell, *, size: int) -> None:
    """A rule under a table cell, `size` in eighths of a point."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


COLUMN_SPACE = Cm(1)


def columns(section: Section, number: int, *, space: Length = COLUMN_SPACE) -> None:
    """Lay the section out in `number` columns, filled one after the other (Word and LibreOffice balance them
    at a continuous section break), with no title page of its own: it continues the page it starts on."""
    properties = section._sectPr
    for old in properties.findall(qn("w:cols")):
        properties.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(number))
    cols.set(qn("w:space"), str(int(space.twips)))
    properties.insert_element_before(  # where the schema puts it, or Word calls the file damaged
        cols, "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
        "w:docGrid", "w:printerSettings", "w:sectPrChange",
    )  # fmt: skip
    section.different_first_page_header_footer = False


def page_number(paragraph: Paragraph) -> None:
    """The page's number, as a field Word and LibreOffice fill on every page."""
    begin_field(paragraph, " PAGE ")
    paragraph.add_run("1")
    end_field(paragraph)


def end_field(paragraph: Paragraph) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)


def update_fields_on_open(document: Document) -> None:
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def right_to_left(paragraph: Paragraph) -> None:
    """Lay `paragraph` out right to left, as Arabic is written."""
    properties = paragraph._p.get_or_add_pPr()
    properties.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def set_fonts(element_with_rpr: BaseOxmlElement, font: str) -> None:
    """Use `font` for every script (Latin, East Asian, complex) of a style or run."""
    fonts = element_with_rpr.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the one set here


def with_contents_pages(content: bytes, pages: list[str], styles: tuple[str, ...]) -> bytes:
    """The Word document `content` with each heading's page written after its entry in the contents (the
    paragraphs in `styles`, in order), as LibreOffice laid the document out; unchanged where the entries and the
    pages do not match one for one. Word, which lays out on its own, still updates the field on opening."""
    document = open_document(io.BytesIO(content))
    ids = {document.styles[name].style_id for name in styles if name in document.styles}
    body = document.element.body
    entries = [p for p in body.iterchildren(qn("w:p")) if p.pPr is not None and p.pPr.style in ids]
    if not entries or len(entries) != len(pages):
        return content
    for entry, page in zip(entries, pages, strict=True):
        run = OxmlElement("w:r")
        run.append(OxmlElement("w:tab"))
        text = OxmlElement("w:t")
        text.text = page
        run.append(text)
        entry.append(run)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

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
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun
from lxml import etree

Run = tuple[str, str]  # (text, "" | "italic" | "superscript" | "bold")


# A run's properties in schema order after w:bCs and w:iCs (where python-docx's bold and italic, w:b and w:i,
# leave them out).
_AFTER_I_CS = (
    "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
    "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position",
    "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
    "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_B_CS = ("w:i", "w:iCs", *_AFTER_I_CS)


def add_runs(paragraph: Paragraph, runs: Iterable[Run]) -> None:
    for text, style in runs:
        if not text:
            continue
        run = paragraph.add_run()
        _append_text(run._r, text)
        if style == "italic":
            run.italic = True
            run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:iCs"), *_AFTER_I_CS)  # Arabic's italic
        elif style == "superscript":
            run.font.superscript = True
        elif style == "bold":
            bold_in_every_script(run._r)


def set_size(run: "DocxRun", size: Length) -> None:
    """A run's size in every script: Latin (w:sz) and complex, Arabic's (w:szCs)."""
    run.font.size = size
    same_size_in_every_script(run._r)


def bold_in_every_script(element_with_rpr: BaseOxmlElement) -> None:
    """Bold (w:b), and bold in complex scripts (w:bCs), which Arabic text takes."""
    properties = element_with_rpr.get_or_add_rPr()
    if properties.find(qn("w:b")) is None:
        properties.insert_element_before(OxmlElement("w:b"), "w:bCs", *_AFTER_B_CS)
    if properties.find(qn("w:bCs")) is None:
        properties.insert_element_before(OxmlElement("w:bCs"), *_AFTER_B_CS)


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
        properties.append(OxmlElement("w:iCs"))
    font_size = OxmlElement("w:sz")
    font_size.set(qn("w:val"), str(int(size.pt * 2)))
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), str(int(size.pt * 2)))
    properties.append(font_size)
    properties.append(complex_size)
    if superscript:  # after the sizes, as the schema orders them
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        properties.append(align)
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


# Where the schema places a paragraph's w:bidi, a table's w:bidiVisual and a section's w:bidi: before these.
_AFTER_PARAGRAPH_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TABLE_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip
_AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def right_to_left(paragraph: Paragraph) -> None:
    """Lay `paragraph` out right to left, as Arabic is written: its start is on the right, so that its
    alignment and indents mirror (Word and LibreOffice read "left" and "right" in such a paragraph as its start
    and end). The letters keep their own direction (Unicode's bidirectional algorithm)."""
    properties = paragraph._p.get_or_add_pPr()
    if properties.find(qn("w:bidi")) is None:
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_PARAGRAPH_BIDI)


def left_to_right(paragraph: Paragraph) -> None:
    """Lay `paragraph` out left to right in a right-to-left document (English lines in an Arabic masthead)."""
    properties = paragraph._p.get_or_add_pPr()
    direction = properties.find(qn("w:bidi"))
    if direction is None:
        direction = OxmlElement("w:bidi")
        properties.insert_element_before(direction, *_AFTER_PARAGRAPH_BIDI)
    direction.set(qn("w:val"), "0")


def right_to_left_table(table: Table) -> None:
    """Columns from right to left: the first cell on the right."""
    properties = table._tbl.tblPr
    if properties.find(qn("w:bidiVisual")) is None:
        properties.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_TABLE_BIDI)


def right_to_left_section(section: Section) -> None:
    """A section read from right to left: its columns run from the right."""
    properties = section._sectPr
    if properties.find(qn("w:bidi")) is None:
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_SECTION_BIDI)


def right_to_left_by_default(document: Document) -> None:
    """Every paragraph of `document` right to left unless it says otherwise: the default style's, which the
    paragraphs of tables, notes, headers and footers take too; every section."""
    normal = document.styles["Normal"].element
    properties = normal.get_or_add_pPr()
    if properties.find(qn("w:bidi")) is None:
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_PARAGRAPH_BIDI)
    for section in document.sections:
        right_to_left_section(section)


def set_fonts(element_with_rpr: BaseOxmlElement, font: str, *, east_asian: str, complex_script: str) -> None:
    """The fonts of a style or run, by script: `font` for Latin (and Cyrillic), `east_asian` for Chinese,
    `complex_script` for Arabic."""
    fonts = element_with_rpr.get_or_add_rPr().get_or_add_rFonts()
    for attribute, name in (("w:ascii", font), ("w:hAnsi", font), ("w:eastAsia", east_asian), ("w:cs", complex_script)):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the one set here


def set_language(element_with_rpr: BaseOxmlElement, tag: str) -> None:
    """The language of a style's text, by script, so that spelling, hyphenation and shaping follow it: `tag`
    (e.g. "ar-SA", "zh-CN") as the Latin, East Asian or right-to-left language, as its script is."""
    properties = element_with_rpr.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    script = {"zh": "w:eastAsia", "ar": "w:bidi"}.get(tag.split("-")[0], "w:val")
    language.set(qn(script), tag)


def same_size_in_every_script(element_with_rpr: BaseOxmlElement) -> None:
    """The complex-script size (Arabic's) the same as the Latin one, which python-docx sets alone."""
    properties = element_with_rpr.get_or_add_rPr()
    size = properties.find(qn("w:sz"))
    if size is not None and properties.find(qn("w:szCs")) is None:
        complex_size = OxmlElement("w:szCs")
        complex_size.set(qn("w:val"), size.get(qn("w:val")))
        size.addnext(complex_size)


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

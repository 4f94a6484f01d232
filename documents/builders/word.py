"""What python-docx does not do by itself: footnotes, a table-of-contents field, right-to-left text.

Knows nothing of sessions or reports: it writes styled runs, notes and fields into a document.
"""

import io
from collections.abc import Iterable

from docx import Document as open_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Length, Pt
from docx.styles import BabelFish
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

Run = tuple[str, str]  # (text, "" | "italic" | "superscript" | "bold")


# The properties of a paragraph (w:pPr) and of a run (w:rPr), in the order the schema requires them: Word calls a
# file whose properties stand in another order damaged.
_PARAGRAPH_PROPERTIES = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
_RUN_PROPERTIES = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
_PARAGRAPH_RANK = {qn(name): rank for rank, name in enumerate(_PARAGRAPH_PROPERTIES)}
_RUN_RANK = {qn(name): rank for rank, name in enumerate(_RUN_PROPERTIES)}
_P, _PPR, RUN, _RPR, _T, _TAB, _BR = (qn(f"w:{name}") for name in ("p", "pPr", "r", "rPr", "t", "tab", "br"))
_VAL, _SPACE = qn("w:val"), qn("xml:space")


def _child(parent: etree._Element, tag: str, rank: dict[str, int]) -> etree._Element:
    """`parent`'s child `tag`, made where `rank` places it if there is none: a comparison per child already
    there (a handful), where python-docx's setters search the children once for every tag that may follow."""
    own = rank[tag]
    for child in parent:
        if child.tag == tag:
            return child
        if rank.get(child.tag, -1) > own:
            element = parent.makeelement(tag, {})
            child.addprevious(element)
            return element
    return etree.SubElement(parent, tag)


def _first_child(parent: etree._Element, tag: str) -> etree._Element:
    """The properties element (w:pPr, w:rPr) that comes first in its paragraph or run, made if missing."""
    if len(parent) and parent[0].tag == tag:
        return parent[0]
    element = parent.makeelement(tag, {})
    parent.insert(0, element)
    return element


def paragraph_property(element: BaseOxmlElement, name: str) -> etree._Element:
    """The paragraph property `name` ("w:ind") of a paragraph or a style, made in its place if missing."""
    properties = _first_child(element, _PPR) if element.tag == _P else element.get_or_add_pPr()
    return _child(properties, qn(name), _PARAGRAPH_RANK)


def run_property(element: BaseOxmlElement, name: str) -> etree._Element:
    """The run property `name` ("w:sz") of a run or a style, made in its place if missing."""
    properties = _first_child(element, _RPR) if element.tag == RUN else element.get_or_add_rPr()
    return _child(properties, qn(name), _RUN_RANK)


def _twips(length: int) -> str:
    """A length in EMU (a Length, or the int its arithmetic gives) in twentieths of a point, as w:pPr takes it."""
    return str(int(Length(length).twips))


def format_paragraph(
    paragraph: Paragraph,
    *,
    style_id: str | None = None,
    alignment: WD_ALIGN_PARAGRAPH | None = None,
    left_indent: Length | None = None,
    first_line_indent: Length | None = None,
    tab_stop: Length | None = None,
    space_before: Length | None = None,
    space_after: Length | None = None,
    line_spacing: Length | None = None,
    keep_with_next: bool | None = None,
    keep_together: bool | None = None,
    page_break_before: bool | None = None,
) -> None:
    """Set what is given of a paragraph's format, written as python-docx's setters write it (a negative first
    line hangs; an exact line spacing) straight into its w:pPr, in schema order."""
    p = paragraph._p
    if style_id is not None:
        paragraph_property(p, "w:pStyle").set(_VAL, style_id)
    flags = (("w:keepNext", keep_with_next), ("w:keepLines", keep_together), ("w:pageBreakBefore", page_break_before))
    for name, flag in flags:
        if flag is not None:
            element = paragraph_property(p, name)
            if flag:
                element.attrib.pop(_VAL, None)
            else:
                element.set(_VAL, "0")
    if tab_stop is not None:
        tab = etree.SubElement(paragraph_property(p, "w:tabs"), _TAB)
        tab.set(_VAL, "left")
        tab.set(qn("w:pos"), _twips(tab_stop))
    if space_before is not None or space_after is not None or line_spacing is not None:
        spacing = paragraph_property(p, "w:spacing")
        if line_spacing is not None:
            spacing.set(qn("w:line"), _twips(line_spacing))
            spacing.set(qn("w:lineRule"), "exact")
        for attribute, length in (("w:before", space_before), ("w:after", space_after)):
            if length is not None:
                spacing.set(qn(attribute), _twips(length))
    if left_indent is not None or first_line_indent is not None:
        indent = paragraph_property(p, "w:ind")
        if left_indent is not None:
            indent.set(qn("w:left"), _twips(left_indent))
        if first_line_indent is not None:
            first, hanging = qn("w:firstLine"), qn("w:hanging")
            indent.attrib.pop(first, None)
            indent.attrib.pop(hanging, None)
            if first_line_indent < 0:
                indent.set(hanging, _twips(-first_line_indent))
            else:
                indent.set(first, _twips(first_line_indent))
    if alignment is not None:
        paragraph_property(p, "w:jc").set(_VAL, alignment.xml_value)


class StylesByName:
    """A document's styles by name, read in one pass: python-docx's `styles[name]` searches every style with
    XPath at each call, and its add_style reads every style's name first (together a sixth of a short report's
    build)."""

    def __init__(self, document: Document) -> None:
        self.element = document.styles.element
        self.by_name = {style.name_val: style for style in self.element.style_lst}

    def __getitem__(self, name: str) -> ParagraphStyle:
        """The paragraph style `name` (the builders look up no other kind)."""
        style = StyleFactory(self.by_name[BabelFish.ui2internal(name)])
        if not isinstance(style, ParagraphStyle):
            raise TypeError(f"{name!r} is not a paragraph style.")
        return style

    def add_paragraph_style(self, name: str) -> ParagraphStyle:
        """A paragraph style `name`, which the document must not have yet."""
        if name in self.by_name:
            raise ValueError(f"The document already has a style {name!r}.")
        self.by_name[name] = self.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
        return self[name]


def add_runs(paragraph: Paragraph, runs: Iterable[Run]) -> None:
    """Runs of text at the end of `paragraph`, each plain, italic, superscript or bold."""
    p = paragraph._p
    for text, style in runs:
        if not text:
            continue
        run = etree.SubElement(p, RUN)
        if style == "italic":
            properties = etree.SubElement(run, _RPR)
            etree.SubElement(properties, qn("w:i"))
            etree.SubElement(properties, qn("w:iCs"))  # Arabic's italic
        elif style == "superscript":
            etree.SubElement(etree.SubElement(run, _RPR), qn("w:vertAlign")).set(_VAL, "superscript")
        elif style == "bold":
            bold_in_every_script(run)
        _append_text(run, text)


def set_size(run: etree._Element, size: Length) -> None:
    """A run's size in every script: Latin (w:sz) and complex, Arabic's (w:szCs)."""
    half_points = str(int(size.pt * 2))
    run_property(run, "w:sz").set(_VAL, half_points)
    run_property(run, "w:szCs").set(_VAL, half_points)


def bold_in_every_script(element_with_rpr: etree._Element) -> None:
    """Bold (w:b), and bold in complex scripts (w:bCs), which Arabic text takes."""
    run_property(element_with_rpr, "w:b")
    run_property(element_with_rpr, "w:bCs")


def _append_text(run: etree._Element, text: str) -> None:
    """Text, tabs and line breaks into a run (python-docx's run.text walks the text a character at a time)."""
    for index, line in enumerate(text.split("\n")):
        if index:
            etree.SubElement(run, _BR)
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                etree.SubElement(run, _TAB)
            if part:
                element = etree.SubElement(run, _T)
                element.text = part
                if part[0].isspace() or part[-1].isspace():
                    element.set(_SPACE, "preserve")


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


# Where the schema places a table's w:bidiVisual and a section's w:bidi: before these.
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
    paragraph_property(paragraph._p, "w:bidi")


def left_to_right(paragraph: Paragraph) -> None:
    """Lay `paragraph` out left to right in a right-to-left document (English lines in an Arabic masthead)."""
    paragraph_property(paragraph._p, "w:bidi").set(_VAL, "0")


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
    paragraph_property(document.styles["Normal"].element, "w:bidi")
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
    language = run_property(element_with_rpr, "w:lang")
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

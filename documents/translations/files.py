"""The files a translation goes out and comes back in: XLIFF 2.0, what translation tools exchange, and a Word
table for translators who work in Word. Pure functions from units to bytes and back; a file that cannot be read
raises TranslationFileError, which says what is wrong and where (line or table row).

In XLIFF, italics are `<pc subType="xlf:i">`, a footnote `<pc subType="rapporteur:footnote">` holding the note's
text (which is translated too), a sub-item's line break `<ph subType="xlf:lb"/>`. In Word, italics are italic
and a footnote stays written as [^its text].
"""

import io
import zipfile
from dataclasses import dataclass, field

import docx
from django.utils.translation import gettext as _
from docx.shared import Pt, RGBColor
from lxml import etree

from committee.kernel.markup import Segment, parse, to_markup, xml_safe
from committee.kernel.multilingual import RIGHT_TO_LEFT
from documents.builders.word import right_to_left

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
FOOTNOTE = "rapporteur:footnote"
WORD_MARK = "rapporteur-translation"  # the Word file's keywords: that it is one of ours
MAX_BYTES = 20 * 1024 * 1024
# Elements in a whole file: a ten-times report sends some 1,500 units of a few elements each. A file with more is
# not a translation of one, and reading it would hold a worker.
MAX_ELEMENTS = 200_000


class TranslationFileError(Exception):
    pass


@dataclass(frozen=True)
class OutgoingUnit:
    key: str
    where: str
    source: str  # markup
    target: str = ""  # the translation already placed, if any: the translator revises it


@dataclass
class TranslationFile:
    symbol: str
    source_language: str
    target_language: str
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (source, target) as markup
    round: int | None = None  # the export it answers, where the file says (Rapporteur's own files do)
    places: dict[str, str] = field(default_factory=dict)  # key -> where it stands in the file ("line 12")


def _within_bounds(root: etree._Element) -> None:
    """Refuse a file of more elements than a translation of any report holds (counted by libxml2, not Python)."""
    if root.xpath("count(//*)") > MAX_ELEMENTS:
        raise TranslationFileError(
            _("The file holds more than %(count)s elements: it is not a translation of one document.")
            % {"count": f"{MAX_ELEMENTS:,}"}
        )


def canonical(text: str) -> str:
    """A text as markup in one spelling, so that two equal texts compare equal."""
    return to_markup(parse(text))


# XLIFF -----------------------------------------------------------------------------------------------------


def language_of(tag: str) -> str:
    """The UN language of a tag as translation tools write it: es-ES, zh-Hans, zh_CN, AR."""
    return tag.replace("_", "-").split("-")[0].strip().lower()


def write_xliff(
    *, symbol: str, source_language: str, target_language: str, units: list[OutgoingUnit], round_id: int
) -> bytes:
    root = etree.Element(f"{{{XLIFF}}}xliff", nsmap={None: XLIFF})
    root.set("version", "2.0")
    root.set("srcLang", source_language)
    root.set("trgLang", target_language)
    # The file's id names the export it belongs to, so that the translation comes back to it.
    file = etree.SubElement(root, f"{{{XLIFF}}}file", id=f"r{round_id}", original=symbol)
    for unit in units:
        element = etree.SubElement(file, f"{{{XLIFF}}}unit", id=unit.key, name=unit.where[:200])
        segment = etree.SubElement(element, f"{{{XLIFF}}}segment", id="s1")
        segment.set("state", "translated" if unit.target else "initial")
        _inline(etree.SubElement(segment, f"{{{XLIFF}}}source"), parse(unit.source))
        if unit.target:
            _inline(etree.SubElement(segment, f"{{{XLIFF}}}target"), parse(unit.target))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _inline(parent: etree._Element, segments: list[Segment]) -> None:
    """Segments into XLIFF inline content: text, <pc> for italics and notes, <ph> for line breaks."""
    counter = [0]

    def next_id() -> str:
        counter[0] += 1
        return str(counter[0])

    def add_text(container: etree._Element, text: str) -> None:
        for index, line in enumerate(text.split("\n")):
            if index:
                etree.SubElement(container, f"{{{XLIFF}}}ph", id=next_id(), type="fmt", subType="xlf:lb")
            if not line:
                continue
            if len(container):
                container[-1].tail = (container[-1].tail or "") + line
            else:
                container.text = (container.text or "") + line

    def add(container: etree._Element, items: list[Segment]) -> None:
        for segment in items:
            if segment.footnote is not None:
                note = etree.SubElement(container, f"{{{XLIFF}}}pc", id=next_id(), type="other", subType=FOOTNOTE)
                add(note, segment.footnote)
            elif segment.italic:
                italic = etree.SubElement(container, f"{{{XLIFF}}}pc", id=next_id(), type="fmt", subType="xlf:i")
                add_text(italic, segment.text)
            else:
                add_text(container, segment.text)

    add(parent, segments)


def read_xliff(content: bytes) -> TranslationFile:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise TranslationFileError(_("This is not a well-formed XLIFF file: %(error)s") % {"error": error}) from None
    _within_bounds(root)
    if root.getroottree().docinfo.doctype:
        raise TranslationFileError(_("An XLIFF file holds no <!DOCTYPE> (entities would change its text unseen)."))
    if root.tag != f"{{{XLIFF}}}xliff" or root.get("version") != "2.0":
        raise TranslationFileError(_("This is not an XLIFF 2.0 file (line %(line)s).") % {"line": root.sourceline})
    files = root.findall(f"{{{XLIFF}}}file")
    if len(files) != 1:
        raise TranslationFileError(
            _("An XLIFF file from Rapporteur holds one <file>; this one holds %(count)s.") % {"count": len(files)}
        )
    read = TranslationFile(
        symbol=files[0].get("original", ""),
        source_language=language_of(root.get("srcLang", "")),
        target_language=language_of(root.get("trgLang", "")),
        round=_round(files[0].get("id", "")),
    )
    for unit in files[0].iter(f"{{{XLIFF}}}unit"):
        key = unit.get("id", "")
        place = _("line %(line)s") % {"line": unit.sourceline}
        if not key:
            raise TranslationFileError(_("A unit has no id (%(place)s).") % {"place": place})
        if key in read.units:
            raise TranslationFileError(_("Unit %(key)s comes twice (%(place)s).") % {"key": key, "place": place})
        read.units[key] = _unit_texts(unit, key, place)
        read.places[key] = place
    return read


def _unit_texts(unit: etree._Element, key: str, place: str) -> tuple[str, str]:
    """A unit's source and target as markup: its segments in order, joined by the <ignorable> text a tool put
    between them where it split the unit into sentences. A target still in state "initial" is no translation."""
    sources: list[str] = []
    targets: list[str] = []
    translated = True
    for part in unit.iterchildren(f"{{{XLIFF}}}segment", f"{{{XLIFF}}}ignorable"):
        found = part.findall(f"{{{XLIFF}}}source")
        targeted = part.findall(f"{{{XLIFF}}}target")
        if len(found) != 1 or len(targeted) > 1:
            message = _("Unit %(key)s has a segment without one <source>, or with two <target> (%(place)s).")
            raise TranslationFileError(message % {"key": key, "place": place})
        source = to_markup(_segments(found[0]))
        target = to_markup(_segments(targeted[0])) if targeted else ""
        if part.tag == f"{{{XLIFF}}}ignorable":
            target = target or source  # what lies between sentences goes over as it is
        elif part.get("state") == "initial" or not target.strip():
            translated = False
        sources.append(source)
        targets.append(target)
    if not sources:
        raise TranslationFileError(_("Unit %(key)s has no <source> (%(place)s).") % {"key": key, "place": place})
    return "".join(sources), "".join(targets) if translated else ""


def _segments(element: etree._Element) -> list[Segment]:
    """XLIFF inline content back into segments; markers a tool added (<mrk>, <sm/>, <em/>) keep their text."""
    segments: list[Segment] = []

    def walk(node: etree._Element, italic: bool, into: list[Segment]) -> None:
        if node.text:
            into.append(Segment(xml_safe(node.text), italic))
        for child in node:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            sub_type = child.get("subType", "")
            if name == "pc" and sub_type == FOOTNOTE:
                note: list[Segment] = []
                walk(child, False, note)
                into.append(Segment(footnote=note))
            elif name == "pc":
                walk(child, italic or sub_type == "xlf:i", into)
            elif name == "ph" and sub_type == "xlf:lb":
                into.append(Segment("\n", italic))
            elif name in {"mrk", "sm", "em"}:  # annotations: their text is the text
                walk(child, italic, into)
            elif name:
                message = _("Unknown element <%(name)s> in unit text (line %(line)s).")
                raise TranslationFileError(message % {"name": name, "line": child.sourceline})
            if child.tail:
                into.append(Segment(xml_safe(child.tail), italic))

    walk(element, False, segments)
    return segments


# Word ------------------------------------------------------------------------------------------------------


def _round(mark: str) -> int | None:
    """The export a file names ("r12"), if it names one."""
    return int(mark[1:]) if mark.startswith("r") and mark[1:].isdigit() else None


def write_word(
    *, symbol: str, source_language: str, target_language: str, units: list[OutgoingUnit], round_id: int
) -> bytes:
    """A table, one row per unit: its key (the anchor the translation comes back by), where it stands, the
    original and the translation to write in the last column."""
    document = docx.Document()
    document.core_properties.identifier = symbol
    document.core_properties.language = target_language
    document.core_properties.keywords = f"{WORD_MARK} {source_language} {target_language} r{round_id}"
    document.core_properties.title = symbol
    intro = document.add_paragraph()
    intro.add_run(symbol).bold = True
    document.add_paragraph(
        _(
            "Write each translation in the last column, in its row. Keep the first column as it is: it is where "
            "each text goes back. Italics stay italic; a footnote is written [^its text]."
        )
    )
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (_("Unit"), source_language, target_language), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for unit in units:
        key, original, translation = table.add_row().cells
        run = key.paragraphs[0].add_run(unit.key)
        run.font.size = Pt(7)
        run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
        where = key.add_paragraph().add_run(unit.where)
        where.font.size = Pt(7)
        _word_text(original, unit.source)
        if unit.target:
            _word_text(translation, unit.target)
        for cell, language in ((original, source_language), (translation, target_language)):
            if language in RIGHT_TO_LEFT:  # Arabic typed and read right to left
                for paragraph in cell.paragraphs:
                    right_to_left(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_text(cell, text: str) -> None:  # noqa: ANN001 - python-docx's cell
    """Markup into a cell: a paragraph per line, italic runs; a footnote written [^…] as plain text."""
    paragraph = cell.paragraphs[0]
    for segment in parse(text):
        if segment.footnote is not None:
            paragraph.add_run("[^" + to_markup(segment.footnote, _in_note=True) + "]")
            continue
        for index, line in enumerate(segment.text.split("\n")):
            if index:
                paragraph = cell.add_paragraph()
            if line:
                paragraph.add_run(line).italic = segment.italic or None


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# What a returned Word file may hold, read from its zip without python-docx, which would load every part (and
# any image a file links to) whatever its size: the text and the properties, each within a size.
MAX_PART_BYTES = 16 * 1024 * 1024  # a ten-times report's text is some 3 MB of XML
# Runs whose text a reader does not see, or that a reviser removed: left out.
_UNSEEN = {f"{{{W}}}del", f"{{{W}}}moveFrom"}
_OFF = {"0", "false", "off"}


def _part(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise TranslationFileError(_("This Word file's text is too large to be a translation file."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(archive.read(info), parser)
    except etree.XMLSyntaxError as error:
        raise TranslationFileError(_("This Word file is damaged: %(error)s") % {"error": error}) from None


def read_word(content: bytes) -> TranslationFile:
    """The table of a Word file exported here, read from its XML: each row's key, original and translation."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise TranslationFileError(_("This is not a Word file (.docx).")) from None
    with archive:
        body = _part(archive, "word/document.xml")
        properties = _part(archive, "docProps/core.xml")
    if body is None or properties is None:
        raise TranslationFileError(_("This is not a Word file (.docx)."))
    keywords = _core(properties, "keywords").split()
    if len(keywords) not in (3, 4) or keywords[0] != WORD_MARK:
        raise TranslationFileError(_("This Word file is not a translation file exported by Rapporteur."))
    _within_bounds(body)
    table = body.find(f"{{{W}}}body/{{{W}}}tbl")
    if table is None:
        raise TranslationFileError(_("This Word file is not a translation file exported by Rapporteur."))
    read = TranslationFile(
        symbol=_core(properties, "identifier"),
        source_language=language_of(keywords[1]),
        target_language=language_of(keywords[2]),
        round=_round(keywords[3]) if len(keywords) == 4 else None,
    )
    for number, row in enumerate(table.findall(f"{{{W}}}tr")[1:], start=2):
        place = _("table row %(row)s") % {"row": number}
        cells = row.findall(f"{{{W}}}tc")
        merged = row.find(f".//{{{W}}}tcPr/{{{W}}}gridSpan") is not None or row.find(f".//{{{W}}}vMerge") is not None
        if len(cells) != 3 or merged:
            raise TranslationFileError(_("The table has lost a column or merged cells (%(place)s).") % {"place": place})
        key = "".join(_cell_lines(cells[0], markup=False)[:1]).strip()
        if not key:
            raise TranslationFileError(_("A row has lost its unit key (%(place)s).") % {"place": place})
        if key in read.units:
            raise TranslationFileError(_("Unit %(key)s comes twice (%(place)s).") % {"key": key, "place": place})
        read.units[key] = (_cell_markup(cells[1]), _cell_markup(cells[2]))
        read.places[key] = place
    return read


def _core(properties: etree._Element, name: str) -> str:
    """A core property (dc:identifier, cp:keywords) of the Word file, by its local name."""
    for element in properties:
        if isinstance(element.tag, str) and etree.QName(element).localname == name:
            return (element.text or "").strip()
    return ""


def _cell_lines(cell: etree._Element, *, markup: bool = True) -> list[str]:
    """A cell's paragraphs as lines: every run a reader sees (inserted text, links and fields included; deleted
    and hidden text left out), italic runs in asterisks where `markup`."""
    lines = []
    for paragraph in cell.iter(f"{{{W}}}p"):
        parts = []
        for run in paragraph.iter(f"{{{W}}}r"):
            if any(ancestor.tag in _UNSEEN for ancestor in run.iterancestors()):
                continue
            properties = run.find(f"{{{W}}}rPr")
            if properties is not None and _on(properties.find(f"{{{W}}}vanish")):
                continue
            text = "".join(
                "\t" if child.tag == f"{{{W}}}tab" else (child.text or "")
                for child in run
                if child.tag in (f"{{{W}}}t", f"{{{W}}}tab")
            )
            if markup:
                text = xml_safe(text).replace("\\", "\\\\").replace("*", "\\*")
                italic = properties is not None and _on(properties.find(f"{{{W}}}i"))
                text = f"*{text}*" if italic and text.strip() else text
            parts.append(text)
        lines.append("".join(parts))
    return lines


def _on(toggle: etree._Element | None) -> bool:
    """Whether a Word toggle property (w:i, w:vanish) is set: present, and not switched off."""
    return toggle is not None and toggle.get(f"{{{W}}}val", "true").lower() not in _OFF


def _cell_markup(cell: etree._Element) -> str:
    """A cell's text as markup: italic runs in asterisks, lines joined by line breaks; [^…] kept as written."""
    lines = _cell_lines(cell)
    while lines and not lines[-1].strip():
        lines.pop()
    return canonical("\n".join(lines))


def read_file(content: bytes) -> TranslationFile:
    """A returned translation, XLIFF or Word, told apart by its first bytes."""
    if len(content) > MAX_BYTES:
        raise TranslationFileError(_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    if content.startswith(b"PK"):
        return read_word(content)
    return read_xliff(content)

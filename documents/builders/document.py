"""What every UN-style document the tool writes shares, whatever it is: the page and its styles, the
masthead (organization, symbol, distribution, date, languages, the body and its session), numbered
paragraphs with literal labels, headings, lists of agenda items, and the text of each language.

Each kind of document (the session report first) is a subclass that adds its title and its parts.
Paragraph numbers are literal text ("1." and a tab), not Word numbering, so
that they survive conversion and quotation.
"""

import io
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import pgettext
from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from committee.kernel.bidi import FIRST_STRONG_ISOLATE, isolated, left_to_right_in
from committee.kernel.markup import Segment, parse, xml_safe
from committee.kernel.multilingual import pick
from documents.builders.data import DocumentData, ListedItem
from documents.builders.language import PLACEHOLDER, ReportLanguage, report_language
from documents.builders.word import (
    RUN,
    Footnotes,
    Run,
    StylesByName,
    add_runs,
    bold_in_every_script,
    cell_rule_below,
    columns,
    format_paragraph,
    left_to_right,
    page_number,
    right_to_left,
    right_to_left_by_default,
    right_to_left_section,
    right_to_left_table,
    same_size_in_every_script,
    set_fonts,
    set_language,
    set_size,
    update_fields_on_open,
)

BODY_SIZE = Pt(10)
NOTE_SIZE = Pt(9)
INDENT = Cm(1.25)
# Paragraphs whose label ("1.", "(a)") hangs in the margin, by depth: report paragraphs, list items, sub-items.
HANGING_STYLES = ("Numbered paragraph", "Numbered item", "Numbered sub-item")
INDENTED_STYLE = "Indented paragraph"  # preambular paragraphs
# The entries of the contents, by level: Word's own style names, which LibreOffice reads as its "Contents 1" and 2.
CONTENTS_STYLES = ("toc 1", "toc 2")
TEXT_WIDTH = Cm(21 - 2 * 2.2)  # A4 less the margins
EMBLEM_HEIGHT = Cm(1.4)
# The UI's language codes where they differ from the data's.
DJANGO_LANGUAGE = {"zh": "zh-hans"}


class UNDocument:
    def __init__(self, data: DocumentData, language: ReportLanguage) -> None:
        self.data = data
        self.lang = language
        self.document = new_document()
        # The body's closing section properties, which stay its last element (add_section copies them into a
        # paragraph): new paragraphs go just before them. python-docx's add_paragraph finds them again by scanning
        # the whole body each time, which makes a long document quadratic.
        self.body_end = self.document.element.body.sectPr
        self.notes = Footnotes()
        self.paragraph_number = 0  # numbered paragraphs run on through the document's chapters
        self.named_body = False  # the first mention gives the body's full name, later ones its short name
        self.styles = StylesByName(self.document)
        self.style_ids: dict[str, str] = {}
        self.heading_notes = 0  # notes on a title or heading take *, **, *** in turn

    # Text --------------------------------------------------------------------------------------

    def text(self, value: dict[str, str]) -> str:
        """A name in the report's language, or in another where it has none (names are names)."""
        return xml_safe(pick(value, self.lang.code))

    def name(self, text: str) -> str:
        """A name (of a person, a State, an organization, a body) to set in running text: its bidirectional
        controls neutralized and, where it could reorder the text around it, isolated (committee/kernel/bidi.py)."""
        return isolated(xml_safe(text), right_to_left=self.lang.right_to_left)

    def drafted(self, value: dict[str, str]) -> str:
        """Drafted text in the report's language. A missing translation shows as missing, never as
        another language's text; text blank in every language is nothing to write."""
        text = xml_safe(value.get(self.lang.code, "")).strip()
        if text:
            return text
        if any(other.strip() for other in value.values()):
            return pgettext("report", "[Not yet available in this language.]")
        return ""

    def rich(self, template: str, **values: str | list[Run]) -> list[Run]:
        """`template` (already translated) with its %(name)s filled, keeping the runs of rich values.

        The translation's grammar is applied on the way: the words that agree with the body's gender
        ({m:…|f:…}) and the form of a word that a tag asks for ({gen}%(ordinal)s; language.Inflected). In a
        right-to-left document each value with Latin letters or digits is isolated (a symbol such as TD/B/EDE/1/1,
        a date), so that it keeps its own order and leaves the sentence's alone."""
        template = self.lang.agree(template, self.data.body_gender.get(self.lang.code))
        runs: list[Run] = []
        place = 0
        for found in PLACEHOLDER.finditer(template):
            runs.append((template[place : found.start()], ""))
            tag, name = found.groups()
            value = values[name]
            if isinstance(value, list):
                runs.extend(value)
            else:
                text = getattr(value, "forms", {}).get(tag, value) if tag else value
                if self.lang.right_to_left and not text.startswith(FIRST_STRONG_ISOLATE) and left_to_right_in(text):
                    text = isolated(text, right_to_left=True)
                runs.append((text, ""))
            place = found.end()
        runs.append((template[place:], ""))
        return [(self.lang.typography(xml_safe(text)), style) for text, style in runs if text]

    def body(self, *, capital: bool = False, full: bool = False) -> str:
        """The body as a sentence names it: in full the first time, by its short name afterwards."""
        short = self.text(self.data.body_short)
        if full or not self.named_body or not short:
            self.named_body = True
            phrase = self.lang.definite(self.text(self.data.body), self.data.body_gender.get(self.lang.code))
        else:
            phrase = short
        return self.name(capitalize(phrase) if capital else phrase)

    def of_body(self) -> str:
        """ "of the Group": in a language that declines it, the name's genitive where the data gives it."""
        name = xml_safe(self.data.body_genitive.get(self.lang.code, "")) or self.text(self.data.body)
        return self.name(self.lang.of(self.lang.definite(name, self.data.body_gender.get(self.lang.code))))

    def ordinal(self) -> str:
        return self.lang.ordinal(self.data.number)

    # Paragraphs -----------------------------------------------------------------------------------

    def paragraph(
        self,
        runs: Sequence[Run] = (),
        *,
        style: str | None = None,
        size: Length | None = None,
        bold: bool = False,
        **paragraph_format: Any,
    ) -> Paragraph:
        """A paragraph at the end of the body, its runs in `size` and bold if asked, in the paragraph style
        `style`, with the format `paragraph_format` (as `format_paragraph` takes it)."""
        element = self.document.element.body._new_p()
        self.body_end.addprevious(element)
        paragraph = Paragraph(element, self.document._body)
        if style:
            if style not in self.style_ids:
                self.style_ids[style] = self.styles[style].style_id
            paragraph_format["style_id"] = self.style_ids[style]
        if size:
            paragraph_format["line_spacing"] = Pt(size.pt * 1.15)
        format_paragraph(paragraph, **paragraph_format)
        add_runs(paragraph, runs)
        if size or bold:
            for run in element.iterchildren(RUN):
                if size:
                    set_size(run, size)
                if bold:
                    bold_in_every_script(run)
        if self.lang.right_to_left:
            right_to_left(paragraph)
        return paragraph

    def write_segments(self, paragraph: Paragraph, segments: list[Segment]) -> None:
        """Runs of text, and the notes they carry. A note in the text is numbered, in the texts adopted too:
        "In documents and publications, numbered footnotes are used in the main body of the text and in annexes",
        and "Numbered footnotes are used in resolutions and decisions, including any annexes to the text"; asterisks
        are kept for notes on a title or heading (UN Editorial Manual, Footnotes, chapter IX.A,
        un.org/dgacm/en/content/editorial-manual/footnotes/chap-09; UNCTAD's CLP/47 of 2017 numbers its chapter I
        notes so, where TD/B/EDE/1/3 of the same year marks them with asterisks: documents/builders/CONVENTIONS.md).
        """
        for segment in segments:
            if segment.footnote is not None:
                self.notes.reference(paragraph, self.segment_runs(segment.footnote))
            else:
                add_runs(paragraph, [(self.lang.typography(segment.text), "italic" if segment.italic else "")])

    def heading_note(self, paragraph: Paragraph, text: str) -> None:
        """A note on a title or heading: marked with asterisks, one more for each such note (Editorial Manual,
        Footnotes, IX.E), where the text's own notes are numbered."""
        self.heading_notes += 1
        self.notes.reference(paragraph, [(self.lang.typography(text), "")], mark="*" * self.heading_notes)

    def segment_runs(self, segments: list[Segment]) -> list[Run]:
        return [(self.lang.typography(s.text), "italic" if s.italic else "") for s in segments if s.footnote is None]

    def hanging(self, label: str, *, level: int = 1) -> Paragraph:
        """A paragraph that starts with a literal label ("1.", "a)") hanging before its text."""
        return self.paragraph([(f"{label}\t", "")], style=HANGING_STYLES[level - 1])

    def numbered(self, runs: list[Run] | None = None, *, segments: list[Segment] | None = None) -> Paragraph:
        """The report's next numbered paragraph."""
        self.paragraph_number += 1
        paragraph = self.hanging(self.lang.paragraph_label(self.paragraph_number))
        if runs:
            add_runs(paragraph, runs)
        if segments:
            self.write_segments(paragraph, segments)
        return paragraph

    def heading(self, label: str, title: str, level: int) -> Paragraph:
        """A chapter, section or subsection heading; its title may hold italics and a note."""
        paragraph = self.paragraph(
            [(f"{label}\t" if label else "", "")],
            style=f"Heading {level}",
            left_indent=INDENT,
            first_line_indent=-INDENT,
            tab_stop=INDENT,
        )
        self.write_segments(paragraph, parse(title))
        return paragraph

    def agenda_item_line(self, number: int | None) -> None:
        if number is not None:
            self.paragraph(
                self.rich(pgettext("report", "(Agenda item %(number)s)"), number=str(number)),
                alignment=WD_ALIGN_PARAGRAPH.CENTER,
                keep_with_next=True,
            )

    def sub_item_label(self, index: int) -> str:
        return pgettext("report sub-item", "(%(letter)s)") % {"letter": self.lang.sub_item_letter(index)}

    # The page ----------------------------------------------------------------------------------

    def set_up(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as in Geneva
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(1.9), Cm(2.5)
        section.different_first_page_header_footer = True  # the masthead page has neither
        # As UN documents print them: the symbol at the head and the page's number at the foot, on the outer
        # side of the page, left on even pages and right on odd ones (a right-to-left document mirrors them).
        self.document.settings.odd_and_even_pages_header_footer = True
        outer = {"odd": WD_ALIGN_PARAGRAPH.RIGHT, "even": WD_ALIGN_PARAGRAPH.LEFT}
        for side, header, footer in (
            ("odd", section.header, section.footer),
            ("even", section.even_page_header, section.even_page_footer),
        ):
            symbol = header.paragraphs[0]
            add_runs(symbol, [(xml_safe(self.data.symbol), "bold")])
            symbol.alignment = outer[side]
            _rule_below(symbol, size=4)
            number = footer.paragraphs[0]
            page_number(number)
            number.alignment = outer[side]
            for paragraph in (symbol, number):
                if self.lang.right_to_left:
                    right_to_left(paragraph)
        styles = self.styles
        normal = styles["Normal"]
        normal.font.name = self.lang.font
        normal.font.size = BODY_SIZE
        self.fonts_and_language(normal.element)
        if self.lang.right_to_left:
            right_to_left_by_default(self.document)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = Pt(12)
        for level, name in enumerate(HANGING_STYLES, start=1):
            hanging = styles.add_paragraph_style(name)
            hanging.base_style = normal
            hanging.paragraph_format.left_indent = INDENT * level
            hanging.paragraph_format.first_line_indent = -INDENT
            hanging.paragraph_format.tab_stops.add_tab_stop(INDENT * level)
            if level == 1:
                hanging.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        indented = styles.add_paragraph_style(INDENTED_STYLE)
        indented.base_style = normal
        indented.paragraph_format.left_indent = INDENT
        indented.paragraph_format.first_line_indent = INDENT
        indented.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for level, name in enumerate(CONTENTS_STYLES, start=1):
            entry = styles.add_paragraph_style(name)
            entry.base_style = normal
            entry.paragraph_format.left_indent = INDENT * level
            entry.paragraph_format.first_line_indent = -INDENT
            entry.paragraph_format.right_indent = Cm(1)  # the page numbers' column
            entry.paragraph_format.space_after = Pt(3)
            entry.paragraph_format.tab_stops.add_tab_stop(INDENT * level)
            entry.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        for level, size in ((1, 14), (2, 12), (3, 10)):
            heading = styles[f"Heading {level}"]
            heading.font.name = self.lang.font
            heading.font.size = Pt(size)
            self.fonts_and_language(heading.element)
            bold_in_every_script(heading.element)
            heading.font.italic = False
            heading.font.color.rgb = RGBColor(0, 0, 0)
            heading.paragraph_format.space_before = Pt(12)
            heading.paragraph_format.line_spacing = Pt(size * 1.15)
            heading.paragraph_format.space_after = Pt(6)
            heading.paragraph_format.keep_with_next = True

    def fonts_and_language(self, style: BaseOxmlElement) -> None:
        """A style's fonts for each script, its sizes in each, and the language its text is in."""
        set_fonts(style, self.lang.font, east_asian=self.lang.east_asian_font, complex_script=self.lang.complex_font)
        same_size_in_every_script(style)
        set_language(style, self.lang.word_language)

    def table(self, rows: int, cols: int) -> Table:
        """A table, its columns from right to left in a right-to-left document."""
        table: Table = self.document.add_table(rows=rows, cols=cols)
        if self.lang.right_to_left:
            right_to_left_table(table)
        return table

    def masthead(self) -> None:
        """The UN masthead: "United Nations" and the symbol above a thick rule; the organization, the distribution,
        date and languages above a thin one; then the bodies, the session, its place and dates."""
        d = self.data
        top = self.table(2, 2)
        top.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, size in ((top.rows[0], 18), (top.rows[1], 4)):  # eighths of a point: 2.25 pt, then 0.5 pt
            for cell in row.cells:
                cell_rule_below(cell, size=size)
        left, right = top.rows[0].cells
        organization, distribution = top.rows[1].cells
        named = self.lang.typography(self.text(d.organization))
        if d.masthead == "organization":  # a body outside the UN system: its organization on top, alone
            add_runs(left.paragraphs[0], [(named, "bold")])
        else:
            add_runs(left.paragraphs[0], [(pgettext("report", "United Nations"), "bold")])
            add_runs(organization.paragraphs[0], [(named, "bold")])
        if left.paragraphs[0].runs:
            set_size(left.paragraphs[0].runs[0]._r, Pt(12))
        symbol = right.paragraphs[0]
        add_runs(symbol, [(xml_safe(d.symbol), "bold")])
        symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if symbol.runs:
            set_size(symbol.runs[0]._r, Pt(14))
        if organization.paragraphs[0].runs:
            set_size(organization.paragraphs[0].runs[0]._r, Pt(14))
        if d.emblem:  # the organization's emblem, above its name, at its own height
            emblem = organization.paragraphs[0].insert_paragraph_before()
            emblem.paragraph_format.line_spacing = 1.0
            emblem.add_run().add_picture(io.BytesIO(d.emblem), height=EMBLEM_HEIGHT)
        lines = self.distribution_lines()
        for cell in (organization, distribution):  # clear of the thick rule above them
            cell.paragraphs[0].paragraph_format.space_before = Pt(3)
        first = distribution.paragraphs[0]
        for index, (_kind, text) in enumerate(lines):
            paragraph = first if index == 0 else distribution.add_paragraph()
            add_runs(paragraph, [(text, "")])
            format_paragraph(paragraph, space_after=Pt(0))
            if self.lang.right_to_left and self.lang.masthead_in_english:
                left_to_right(paragraph)  # "31 October 2017" would read "October 2017 31" right to left
        self.paragraph()
        for name in (*d.parents, d.body):
            self.paragraph([(self.lang.typography(self.text(name)), "bold")], space_after=Pt(0))
        session_line = self.rich(self.session_line(), ordinal=capitalize(self.ordinal()))
        self.paragraph(session_line, space_after=Pt(0))
        if d.start_date and d.end_date:
            place_and_dates = self.rich(
                pgettext("report", "%(city)s, %(dates)s"),
                city=self.text(d.city),
                dates=self.lang.date_span(d.start_date, d.end_date),
            )
            self.paragraph(place_and_dates)
        self.after_masthead()

    def distribution_lines(self) -> list[tuple[str, str]]:
        """Distribution, date, language and original language, each with what it is ("distribution", "date",
        "language", "original"): in English in a Russian, Chinese or Arabic document, as the UN issues them (the
        language's own `masthead_in_english`)."""
        d = self.data
        lang = self.masthead_language
        with translation.override("en" if self.lang.masthead_in_english else translation.get_language()):
            lines = [
                ("distribution", pgettext("report", "Distr.: %(distribution)s") % {"distribution": self.distribution()})
            ]
            if d.issued_on:
                lines.append(("date", lang.date(d.issued_on)))
            if d.original_language != self.lang.code:
                lines.append(("language", capitalize(lang.language_name(self.lang.code))))
            original = lang.language_name(d.original_language)
            lines.append(("original", pgettext("report", "Original: %(language)s") % {"language": original}))
        return [(kind, lang.typography(xml_safe(text))) for kind, text in lines]

    @property
    def masthead_language(self) -> ReportLanguage:
        return report_language("en") if self.lang.masthead_in_english else self.lang

    def after_masthead(self) -> None:
        """Lines a kind of document adds under the session's place and dates (none by default)."""

    def session_line(self) -> str:
        """The masthead's line under the body: "First session"."""
        return pgettext("report", "%(ordinal)s session")

    def columns(self, number: int) -> None:
        """From here on, the text in `number` columns, on the same page (a continuous section break)."""
        section = self.document.add_section(WD_SECTION.CONTINUOUS)
        columns(section, number)
        if self.lang.right_to_left:
            right_to_left_section(section)

    def distribution(self) -> str:
        return {
            "general": pgettext("report distribution", "General"),
            "limited": pgettext("report distribution", "Limited"),
            "restricted": pgettext("report distribution", "Restricted"),
        }[self.data.distribution]

    def agenda_list(self, items: Sequence[ListedItem], *, level: int) -> None:
        for item in items:
            line = self.hanging(self.lang.paragraph_label(item.number), level=level)
            add_runs(line, [(self.lang.typography(full_stop(self.drafted(item.title), self.lang.stop)), "")])
            for letter, sub_item in enumerate(item.sub_items):
                sub = self.hanging(self.sub_item_label(letter), level=level + 1)
                add_runs(sub, [(self.lang.typography(full_stop(self.drafted(sub_item), self.lang.stop)), "")])

    def annex_heading(self, number: str, title: str) -> Paragraph:
        """ "Annex I" ("Annex" where it is the only one), then its title, in one heading: the contents field
        lists both."""
        label = (
            self.rich(pgettext("report", "Annex %(number)s"), number=number)
            if number
            else self.rich(pgettext("report", "Annex"))
        )
        heading = self.paragraph(label, style="Heading 1", page_break_before=True)
        heading.runs[-1].add_break()
        self.write_segments(heading, parse(title))
        return heading

    def finish(self) -> bytes:
        """The notes in place, the fields set to update on opening: the .docx file's bytes."""
        self.notes.attach(self.document, font_size=NOTE_SIZE)
        update_fields_on_open(self.document)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _rule_below(paragraph: Paragraph, *, size: int) -> None:
    """A rule under the running head, the width of the text."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def category_heading(category: str) -> str:
    """The sub-heading of non-governmental organizations of one category."""
    if category == "ngo_special":
        return pgettext("report attendance", "Special category")
    return pgettext("report attendance", "General category")


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def full_stop(text: str, stop: str = ".") -> str:
    """Agenda items end with a full stop in the report's lists (the language's: "。" in Chinese)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!:]。！？：" else text + stop

"""A built document as the text a reader sees, in reading order: body paragraphs and table cells, with each
paragraph's style, then the footnotes. Two builds that print the same give the same text."""

import io
import re
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def reading_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            paragraph = Paragraph(block, document)
            lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                lines.append("[row] " + " | ".join(cell.text for cell in row.cells))
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        if "word/footnotes.xml" in package.namelist():
            notes = package.read("word/footnotes.xml").decode()
            for note in re.findall(r"<w:footnote [^>]*>(.*?)</w:footnote>", notes, flags=re.DOTALL):
                text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", note))
                if text:
                    lines.append(f"[note] {text}")
    return "\n".join(lines) + "\n"

"""Reading the spreadsheets a secretariat keeps (CSV or Excel) and matching what they name: every problem is
reported with where it is (`committee.import_errors`), and nothing is guessed."""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.kernel.import_errors import ImportRejected, Problem

_FORMULA_WITHOUT_VALUE = gettext_lazy(
    "is a formula whose value the file does not hold: open the file in a spreadsheet program and save it again"
)


def fold(text: str) -> str:
    """Compare names without case, accents or surrounding space: 'Cote d’Ivoire' matches 'Côte d'Ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def choice_index(choices) -> dict[str, str]:
    """A choice by its value or by its label in any interface language: a file says "Ms." or "Mme" whatever
    the language of the person who imports it."""
    index = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in choices:
                index[fold(value)] = value
                index[fold(str(label))] = value
    return index


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[str] | None]]:
    """(row number, cells), the header first; cells None where the CSV module gives up (e.g. a huge cell)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            [Problem(_("the file"), _("is not UTF-8 text (byte %(position)d)") % {"position": error.start})]
        ) from None
    if not text.strip():
        raise ImportRejected([Problem(_("the file"), _("is empty"))])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRejected([Problem(_("row %(row)d") % {"row": line}, _("contains a NUL character"))])
    # Only the delimiter is sniffed, from the header: the rest is how spreadsheets write CSV (a quote inside a
    # quoted cell doubled, no space skipped), which the sniffer cannot tell from a header without quotes.
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    row_number = 0
    while True:
        row_number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield row_number, None
            return
        yield row_number, cells


def _cell_text(value: object, number_format: str = "General") -> str:
    """A cell as the spreadsheet shows it: 1.10 stays 1.10 where the cell shows two decimals."""
    if value is None:
        return ""
    decimals = re.fullmatch(r"0\.(0+)", number_format or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and decimals:
        return f"{value:.{len(decimals.group(1))}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str] | None]]:
    """The first worksheet's rows, numbered as the spreadsheet numbers them, as wide as the header.

    A workbook is read lazily: whatever is wrong in it shows while its rows are read, and refuses the file.
    """
    from openpyxl import load_workbook  # only for workbooks: it takes a while to import

    try:
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False).worksheets[0]
        header = next(values.iter_rows(max_row=1, values_only=True), ())
        width = max((index + 1 for index, value in enumerate(header) if value not in (None, "")), default=1)
        rows = zip(
            values.iter_rows(max_col=width),
            formulas.iter_rows(max_col=width, values_only=True),
            strict=True,
        )
        for row_number, (cells, written) in enumerate(rows, start=1):
            for column, (cell, formula) in enumerate(zip(cells, written, strict=True), start=1):
                if cell.value is None and isinstance(formula, str) and formula.startswith("="):
                    where = _("row %(row)d, column %(column)d") % {"row": row_number, "column": column}
                    raise ImportRejected([Problem(where, _FORMULA_WITHOUT_VALUE)])
            yield row_number, [_cell_text(cell.value, getattr(cell, "number_format", "General")) for cell in cells]
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook fails in many ways, all of them "cannot be read"
        raise ImportRejected([Problem(_("the file"), _("is not an Excel workbook (.xlsx) that can be read"))]) from None


def read_rows(content: bytes) -> Iterator[tuple[int, list[str] | None]]:
    """The rows of a workbook (.xlsx, recognized by its first bytes) or of a CSV file, the header first."""
    return _xlsx_rows(content) if content.startswith(b"PK\x03\x04") else _csv_rows(content)


CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_table(headers: list[str], rows: list[list[object]], *, kind: str) -> tuple[bytes, str]:
    """A table as a spreadsheet a secretariat opens (`kind` "csv" or "xlsx"), with its content type.

    Text stays text: a cell that starts like a formula is written as a string in Excel, and behind an
    apostrophe in CSV (as OWASP advises), so that nobody's comment runs in the chair's spreadsheet; characters
    XML cannot hold are dropped."""

    def text(value: object) -> str:
        return _NOT_IN_XML.sub("", "" if value is None else str(value))

    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["'" + t if (t := text(v)).startswith(_FORMULA_START) else t for v in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8"), CSV  # the mark tells Excel the file is UTF-8
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()

    def cell(value: object) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=None)
        written.value = text(value)
        written.data_type = "s"  # never a formula
        return written

    sheet.append([cell(header) for header in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    out_bytes = io.BytesIO()
    workbook.save(out_bytes)
    return out_bytes.getvalue(), XLSX


def table_download(headers: list[str], rows: list[list[object]], *, kind: str, name: str) -> HttpResponse:
    """The table as a spreadsheet to download, named `name`.csv or `name`.xlsx (slashes of a symbol made `_`)."""
    content, content_type = write_table([str(header) for header in headers], rows, kind=kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name.replace("/", "_")}.{kind}"'
    return response

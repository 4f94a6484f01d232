"""Read the secretariat's participants spreadsheet (CSV): one row per delegate, checked row by row.

Columns (header names are case-insensitive): entity, category, courtesy, name, title, function,
email. Only ``entity`` is required. ``entity`` is a State's ISO code (alpha-3 or alpha-2), an
organization's code, or a name in any UN language; ``category`` defaults from the entity.
Nothing is written unless every row is right.
"""

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from committee.import_errors import ImportRejected, Problem
from committee.models import Entity
from meetings.models import Courtesy, Participation

COLUMNS = ("entity", "category", "courtesy", "name", "title", "function", "email")
_ALIASES = {
    "delegation": "entity",
    "state or organization": "entity",
    "delegate": "name",
    "delegate name": "name",
    "e-mail": "email",
    "mail": "email",
}
_LIMITS = {"name": 200, "title": 100, "function": 300, "email": 254}


@dataclass
class DelegationRows:
    """What the file says about one entity: its category (None where no row gives one) and its delegates."""

    entity: Entity
    category: str | None
    delegates: list[dict[str, str]] = field(default_factory=list)


def _fold(text: str) -> str:
    """Compare names without case, accents or surrounding space: 'Cote d’Ivoire' matches 'Côte d'Ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _entity_index() -> dict[str, list[Entity]]:
    """Every way a spreadsheet names an entity: its code, ISO alpha-2 code, names and acronyms in any UN language.

    A key can name several entities ("CI" is Côte d'Ivoire's alpha-2 code and an organization's
    code): the row is then refused rather than guessed.
    """
    index: dict[str, list[Entity]] = {}
    for entity in Entity.objects.all():
        keys = {
            _fold(key) for key in (entity.code, entity.iso2, *entity.name.values(), *entity.acronym.values()) if key
        }
        for key in keys:
            index.setdefault(key, []).append(entity)
    return index


def _category_index() -> dict[str, str]:
    index = {}
    for value, label in Participation.Category.choices:
        index[_fold(value)] = value
        index[_fold(str(label))] = value
    return index


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


class _RowChecker:
    """Checks one row against the reference data, loaded once for the whole file."""

    def __init__(self) -> None:
        self.entities = _entity_index()
        self.categories = _category_index()
        self.courtesies = {_fold(value): value for value in Courtesy.values} | {
            _fold(str(label)): value for value, label in Courtesy.choices
        }

    def check(self, row: dict[str, str]) -> tuple[Entity, str | None, dict[str, str] | None]:
        """Return the row's entity, category (None if not given) and delegate (None if none), or raise _RowProblem."""
        matches = self.entities.get(_fold(row.get("entity", "")), [])
        if len(matches) > 1:
            raise _RowProblem(
                "entity",
                _("%(value)s could be %(candidates)s: give the full code")
                % {"value": row["entity"], "candidates": ", ".join(f"{e} ({e.code})" for e in matches)},
            )
        entity = matches[0] if matches else None
        if entity is None:
            raise _RowProblem(
                "entity",
                _("%(value)s is not a known State or organization (give an ISO code, a code or a UN name)")
                % {"value": row.get("entity") or _("(empty)")},
            )
        category = self.categories.get(_fold(row["category"])) if row.get("category") else None
        if row.get("category") and category is None:
            raise _RowProblem(
                "category",
                _("%(value)s is not one of %(choices)s")
                % {"value": row["category"], "choices": ", ".join(Participation.Category.values)},
            )
        if category and entity.is_state != (category in Participation.STATE_CATEGORIES):
            raise _RowProblem(
                "category", _("%(category)s does not fit %(entity)s") % {"category": category, "entity": entity}
            )
        if not row.get("name"):
            if any(row.get(column) for column in ("courtesy", "title", "function", "email")):
                raise _RowProblem("name", _("a delegate needs a name"))
            return entity, category, None
        courtesy = row.get("courtesy", "")
        if courtesy and _fold(courtesy) not in self.courtesies:
            raise _RowProblem("courtesy", _("%(value)s is not one of Mr., Ms.") % {"value": courtesy})
        for column, limit in _LIMITS.items():
            if len(row.get(column, "")) > limit:
                raise _RowProblem(column, _("longer than %(limit)d characters") % {"limit": limit})
        if row.get("email"):
            try:
                validate_email(row["email"])
            except ValidationError:
                raise _RowProblem("email", _("%(value)s is not an email address") % {"value": row["email"]}) from None
        delegate = {
            "courtesy": self.courtesies.get(_fold(courtesy), ""),
            "name": row["name"],
            "title": row.get("title", ""),
            "function": row.get("function", ""),
            "email": row.get("email", ""),
        }
        return entity, category, delegate


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str] | None]]:
    """(row number, cells) after the header; cells None where the CSV module gives up (e.g. a huge cell)."""
    row_number = 1
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


def read_participants_csv(content: bytes) -> list[DelegationRows]:
    """Parse and check the file; raise ImportRejected with every problem, by row and column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            [Problem(_("the file"), _("is not UTF-8 text (byte %(position)d)") % {"position": error.start})]
        ) from None
    if not text.strip():
        raise ImportRejected([Problem(_("the file"), _("is empty"))])
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRejected([Problem(_("row %(row)d") % {"row": line}, _("contains a NUL character"))])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [_ALIASES.get(_fold(name), _fold(name)) for name in next(reader)]
    problems = [
        Problem(
            _("row 1, column %(number)d") % {"number": number},
            _("unknown column %(name)s; expected %(columns)s") % {"name": name, "columns": ", ".join(COLUMNS)},
        )
        for number, name in enumerate(header, start=1)
        if name not in COLUMNS
    ]
    if "entity" not in header:
        problems.append(Problem(_("row 1"), _("the column entity is missing")))
    if problems:
        raise ImportRejected(problems)

    checker = _RowChecker()
    delegations: dict[int, DelegationRows] = {}
    for row_number, cells in _rows(reader):
        if cells is None:
            problems.append(Problem(_("row %(row)d") % {"row": row_number}, _("cannot be read as CSV")))
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                Problem(
                    _("row %(row)d") % {"row": row_number},
                    _("has %(count)d cells, more than the header's %(columns)d")
                    % {"count": len(cells), "columns": len(header)},
                )
            )
            continue
        row = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        try:
            entity, category, delegate = checker.check(row)
            delegation = delegations.setdefault(entity.pk, DelegationRows(entity=entity, category=category))
            delegation.category = delegation.category or category
            if category and delegation.category != category:
                raise _RowProblem(
                    "category",
                    _("%(entity)s is already listed above as %(category)s")
                    % {"entity": entity, "category": delegation.category},
                )
        except _RowProblem as problem:
            where = _("row %(row)d, column %(column)s") % {"row": row_number, "column": problem.column}
            problems.append(Problem(where, problem.message))
            continue
        if delegate:
            delegation.delegates.append(delegate)
    if problems:
        raise ImportRejected(problems)
    if not delegations:
        raise ImportRejected([Problem(_("the file"), _("has no rows after the header"))])
    return list(delegations.values())

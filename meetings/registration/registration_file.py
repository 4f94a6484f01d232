"""Registrations from a file, checked whole before anything is written.

Two shapes are read, each as CSV (UTF-8, comma, semicolon or tab) or as an Excel workbook (.xlsx):

- the secretariat's own spreadsheet, one row per delegate, in the columns of `COLUMNS` (header names
  are case-insensitive, common variants accepted); only the State or organization is required;
- the registrant export of Indico (Indico.UN), recognized by its first two columns, ID and Name: its
  personal-data columns are mapped to delegates and the others ignored; withdrawn, rejected and
  pending registrations are left out.

A State or organization is named by its ISO code (alpha-3 or alpha-2), an organization's code, or a name
in any UN language. Values that match nothing are gathered, with their rows, for the secretariat to
resolve (`EntitiesToResolve`); every other problem is reported by row and column (`ImportRejected`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.bodies.matching import entity_index
from committee.bodies.models import Entity
from committee.kernel.import_errors import ImportRejected, Problem
from committee.kernel.multilingual import LANGUAGE_CHOICES
from committee.kernel.spreadsheets import choice_index, fold, read_rows
from meetings.programme.models import Courtesy
from meetings.registration.models import Delegate, Participation

COLUMNS = ("entity", "category", "role", "courtesy", "name", "title", "function", "organization", "email", "language")
_ALIASES = {
    "delegation": "entity",
    "state or organization": "entity",
    "country": "entity",
    "delegate": "name",
    "delegate name": "name",
    "full name": "name",
    "first name": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "family name": "last_name",
    "surname": "last_name",
    "role in the delegation": "role",
    "position": "function",
    "ministry": "organization",
    "ministry or organization": "organization",
    "e-mail": "email",
    "mail": "email",
    "working language": "language",
    "language of correspondence": "language",
}
# Indico's personal data, by the titles its registration forms give them.
_INDICO_COLUMNS = {
    "name": "name",
    "first name": "first_name",
    "last name": "last_name",
    "title": "indico_title",
    "email": "email",
    "affiliation": "organization",
    "position": "function",
    "registration state": "state",
}
# The column naming whom a registrant represents: the first of these a form has.
_INDICO_ENTITY_COLUMNS = (
    "delegation",
    "member state",
    "representing",
    "country/organization",
    "state or organization",
    "entity",
    "country",
)
# Indico writes the state in the language of whoever exported: English, French, Spanish.
_INDICO_LEFT_OUT_STATES = {"withdrawn", "rejected", "pending", "retire", "retiree", "rejete", "rejetee", "en attente"}
_INDICO_LEFT_OUT_STATES |= {"retirado", "retirada", "rechazado", "rechazada", "pendiente"}
_INDICO_COURTESIES = {"mr": "mr", "mr.": "mr", "m.": "mr", "ms": "ms", "ms.": "ms", "mrs": "ms", "mrs.": "ms"}
_INDICO_COURTESIES |= {"miss": "ms", "mme": "ms", "mme.": "ms", "sr.": "mr", "sra.": "ms"}
_LIMITS = {"name": 200, "title": 100, "function": 300, "organization": 300, "email": 254}
MAX_ROWS = 20_000
# How a language column may name a language, whatever the interface's language: in English, or in its own.
_WRITTEN_LANGUAGE_NAMES = [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ru", "Russian"), ("zh", "Chinese")]
_WRITTEN_LANGUAGE_NAMES += [("ar", "Arabic"), ("fr", "Français"), ("es", "Español")]
_UNKNOWN_ENTITY = gettext_lazy("%(value)s is not a known State or organization (give an ISO code, a code or a UN name)")


@dataclass
class DelegationRows:
    """What the file says about one entity: its category (None where no row gives one) and its delegates."""

    entity: Entity
    category: str | None
    delegates: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Registrations:
    """A checked file: its delegations, and the rows left out (with why), for the summary."""

    delegations: list[DelegationRows]
    left_out: list[str] = field(default_factory=list)


class EntitiesToResolve(ImportRejected):
    """The file is right but for names that match no State or organization: the secretariat says which
    entity each one is, or leaves its rows out, and the file is read again."""

    def __init__(self, problems: list[Problem], unmatched: dict[str, list[int]]) -> None:
        self.unmatched = unmatched  # each value as written, and the rows it is on
        super().__init__(problems)


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


class _Unmatched(Exception):
    def __init__(self, value: str) -> None:
        self.value = value


class _RowChecker:
    """Checks one row against the reference data, loaded once for the whole file."""

    def __init__(self, resolutions: dict[str, int | None]) -> None:
        self.entities = entity_index()
        self.by_pk = {entity.pk: entity for matches in self.entities.values() for entity in matches}
        self.resolutions = {fold(value): pk for value, pk in resolutions.items()}
        self.categories = choice_index(Participation.Category.choices)
        self.roles = choice_index(Delegate.Role.choices)
        self.languages = choice_index(LANGUAGE_CHOICES) | {
            fold(str(name)): code for code, name in _WRITTEN_LANGUAGE_NAMES
        }
        self.courtesies = choice_index(Courtesy.choices)

    def prefer_organization(self, row: dict[str, str]) -> None:
        """Staff of an organization register with the country they live in: where the affiliation names one
        organization, the registrant is of its delegation."""
        matches = [e for e in self.entities.get(fold(row.get("organization", "")), []) if not e.is_state]
        if len(matches) == 1:
            row["entity"], row["organization"] = matches[0].code, ""

    def entity(self, value: str) -> Entity | None:
        """The entity `value` names; None where the secretariat chose to leave its rows out."""
        if fold(value) in self.resolutions:
            pk = self.resolutions[fold(value)]
            return self.by_pk[pk] if pk is not None else None
        matches = self.entities.get(fold(value), [])
        if len(matches) > 1:
            raise _RowProblem(
                "entity",
                _("%(value)s could be %(candidates)s: give the full code")
                % {"value": value, "candidates": ", ".join(f"{e} ({e.code})" for e in matches)},
            )
        if not matches:
            if not value:
                raise _RowProblem("entity", _UNKNOWN_ENTITY % {"value": _("(empty)")})
            raise _Unmatched(value)
        return matches[0]

    def check(self, row: dict[str, str]) -> tuple[Entity | None, str | None, dict[str, str] | None]:
        """The row's entity (None: left out), category (None if not given) and delegate (None if none)."""
        entity = self.entity(row.get("entity", ""))
        if entity is None:
            return None, None, None
        category = self.categories.get(fold(row["category"])) if row.get("category") else None
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
            if any(row.get(column) for column in ("courtesy", "title", "function", "organization", "email", "role")):
                raise _RowProblem("name", _("a delegate needs a name"))
            return entity, category, None
        return entity, category, self.delegate(row)

    def delegate(self, row: dict[str, str]) -> dict[str, str]:
        courtesy = row.get("courtesy", "")
        if courtesy and fold(courtesy) not in self.courtesies:
            raise _RowProblem("courtesy", _("%(value)s is not one of Mr., Ms.") % {"value": courtesy})
        role = row.get("role", "")
        if role and fold(role) not in self.roles:
            raise _RowProblem(
                "role", _("%(value)s is not one of %(choices)s") % {"value": role, "choices": ", ".join(Delegate.Role)}
            )
        language = row.get("language", "")
        if language and fold(language) not in self.languages:
            raise _RowProblem(
                "language", _("%(value)s is not a UN language (en, fr, es, ru, zh, ar)") % {"value": language}
            )
        for column, limit in _LIMITS.items():
            if len(row.get(column, "")) > limit:
                raise _RowProblem(column, _("longer than %(limit)d characters") % {"limit": limit})
        if row.get("email"):
            try:
                validate_email(row["email"])
            except ValidationError:
                raise _RowProblem("email", _("%(value)s is not an email address") % {"value": row["email"]}) from None
        delegate = {key: row[key] for key in ("name", "title", "function", "organization", "email") if key in row}
        if "courtesy" in row:
            delegate["courtesy"] = self.courtesies.get(fold(courtesy), "")
        if role:
            delegate["role"] = self.roles[fold(role)]
        if language:
            delegate["language"] = self.languages[fold(language)]
        return delegate


# Reading the table -----------------------------------------------------------------------------------


# Reading the file --------------------------------------------------------------------------------------


@dataclass
class _Header:
    columns: Sequence[str | None]  # our name of each column, None for a column that is ignored
    labels: dict[str, str]  # our name -> the file's, for messages
    indico: bool
    entity_from_country: bool = False  # Indico's Country: where a person lives, unless the affiliation says more


def _read_header(cells: list[str]) -> _Header:
    names = [cell.strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    folded = [fold(name) for name in names]
    if folded[:2] == ["id", "name"]:
        entity_column = next((name for name in _INDICO_ENTITY_COLUMNS if name in folded), None)
        if entity_column is None:
            raise ImportRejected(
                [Problem(_("row 1"), _("no column names the State or organization (e.g. Country, Delegation)"))]
            )
        indico_columns = [
            "entity" if name == entity_column else _INDICO_COLUMNS.get(name) if name != "id" else None
            for name in folded
        ]
        labels = {c: n for c, n in zip(indico_columns, names, strict=True) if c}
        return _Header(indico_columns, labels, indico=True, entity_from_country=entity_column == "country")
    columns = [_ALIASES.get(name, name) for name in folded]
    known = {*COLUMNS, "first_name", "last_name"}
    problems = [
        Problem(
            _("row 1, column %(number)d") % {"number": number},
            _("unknown column %(name)s; expected %(columns)s") % {"name": name, "columns": ", ".join(COLUMNS)},
        )
        for number, (name, column) in enumerate(zip(names, columns, strict=True), start=1)
        if column not in known
    ]
    if "entity" not in columns:
        problems.append(Problem(_("row 1"), _("the column entity is missing")))
    if problems:
        raise ImportRejected(problems)
    return _Header(columns, {c: n for c, n in zip(columns, names, strict=True)}, indico=False)


def _row_values(header: _Header, cells: list[str]) -> dict[str, str]:
    row = {column: cell.strip() for column, cell in zip(header.columns, cells, strict=False) if column}
    for column in header.columns:
        if column:
            row.setdefault(column, "")
    if "first_name" in row or "last_name" in row:
        full = " ".join(part for part in (row.pop("first_name", ""), row.pop("last_name", "")) if part)
        row["name"] = row.get("name") or full
    if header.indico:
        title = row.pop("indico_title", "")
        courtesy = _INDICO_COURTESIES.get(fold(title))
        if courtesy:
            row["courtesy"] = courtesy
        elif title:
            row["title"] = title  # Dr., Prof., H.E.
    return row


def read_registrations(content: bytes, *, resolutions: dict[str, int | None] | None = None) -> Registrations:
    """Parse and check the file; raise ImportRejected with every problem, by row and column.

    `resolutions` says, for values of the entity column that match nothing, which entity (by primary
    key) each one is, or None to leave its rows out.
    """
    rows = read_rows(content)
    first = next(rows, None)
    if first is None or first[1] is None or not any(cell.strip() for cell in first[1]):
        raise ImportRejected([Problem(_("the file"), _("is empty"))])
    header = _read_header(first[1])
    checker = _RowChecker(resolutions or {})
    delegations: dict[int, DelegationRows] = {}
    problems: list[Problem] = []
    unmatched: dict[str, list[int]] = {}
    left_out: list[str] = []
    read = 0
    for row_number, cells in rows:
        where = _("row %(row)d") % {"row": row_number}
        if cells is None:
            problems.append(Problem(where, _("cannot be read as CSV")))
            break
        if not any(cell.strip() for cell in cells):
            continue
        read += 1
        if read > MAX_ROWS:
            problems.append(Problem(where, _("is beyond the %(limit)d rows a file may have") % {"limit": MAX_ROWS}))
            break
        beyond = cells[len(header.columns) :]
        if not header.indico and any(cell.strip() for cell in beyond):
            problems.append(
                Problem(
                    where,
                    _("has %(count)d cells, more than the header's %(columns)d")
                    % {"count": len(cells), "columns": len(header.columns)},
                )
            )
            continue
        row = _row_values(header, cells)
        if header.indico and fold(row.get("state", "")) in _INDICO_LEFT_OUT_STATES:
            left_out.append(
                _("%(where)s (%(name)s): registration %(state)s")
                % {"where": where, "name": row.get("name", ""), "state": row["state"].lower()}
            )
            continue
        if header.entity_from_country:
            checker.prefer_organization(row)
        try:
            entity, category, delegate = checker.check(row)
            if entity is None:
                left_out.append(_("%(where)s (%(name)s): left out") % {"where": where, "name": row.get("name", "")})
                continue
            delegation = delegations.setdefault(entity.pk, DelegationRows(entity=entity, category=category))
            delegation.category = delegation.category or category
            if category and delegation.category != category:
                raise _RowProblem(
                    "category",
                    _("%(entity)s is already listed above as %(category)s")
                    % {"entity": entity, "category": delegation.category},
                )
        except _Unmatched as no_match:
            unmatched.setdefault(no_match.value, []).append(row_number)
            continue
        except _RowProblem as problem:
            column = header.labels.get(problem.column, problem.column)
            problems.append(Problem(_rows_and_column([row_number], column), problem.message))
            continue
        if delegate:
            delegation.delegates.append(delegate)
    column = header.labels.get("entity", "entity")
    unmatched_problems = [
        Problem(_rows_and_column(rows_of_value, column), str(_UNKNOWN_ENTITY) % {"value": value})
        for value, rows_of_value in unmatched.items()
    ]
    if problems:
        raise ImportRejected(problems + unmatched_problems)
    if unmatched:
        raise EntitiesToResolve(unmatched_problems, unmatched)
    if not delegations and not left_out:
        raise ImportRejected([Problem(_("the file"), _("has no rows after the header"))])
    return Registrations(list(delegations.values()), left_out)


def _rows_and_column(rows: list[int], column: str) -> str:
    """ "row 3, column entity", or "rows 3, 7, column Country" for a value on several rows."""
    if len(rows) == 1:
        return _("row %(row)d, column %(column)s") % {"row": rows[0], "column": column}
    return _("rows %(rows)s, column %(column)s") % {"rows": ", ".join(map(str, rows)), "column": column}

"""A strategy's measures and its members' statuses from the spreadsheets a secretariat keeps (CSV or .xlsx).

Each file is checked whole first: every problem is reported by row and column, and nothing is written
unless there is none. Importing again updates what the file names and keeps everything else:

- measures: one row per measure (`area`, `measure`, texts per language in `area_title_en`, `text_fr`…,
  and optionally one indicator: `indicator_en`…, `unit`, `baseline`, `baseline_year`, `target`,
  `target_year`); a measure's indicator in the file replaces the one it had;
- statuses: one row per member and measure at a date (`measure`, `member`, `status`, `as_of`, `note`);
  a member is named by its ISO code or a UN name, and must be a member of the committee.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models, transaction
from django.utils.translation import gettext as _

from committee.bodies.matching import entity_index
from committee.bodies.models import Committee
from committee.kernel.import_errors import ImportRejected, Problem
from committee.kernel.multilingual import LANGUAGES
from committee.kernel.spreadsheets import choice_index, fold, read_rows
from decisions.follow_up.models import Status
from decisions.strategies.models import Indicator, Measure, MemberStatus, PolicyArea, Strategy, reporting_members

MEASURE_COLUMNS = (
    "area",
    *(f"area_title_{code}" for code in LANGUAGES),
    "measure",
    *(f"text_{code}" for code in LANGUAGES),
    *(f"indicator_{code}" for code in LANGUAGES),
    "unit",
    "baseline",
    "baseline_year",
    "target",
    "target_year",
)
STATUS_COLUMNS = ("measure", "member", "status", "as_of", "note")
MAX_AREA = 999


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


class _Rows:
    """The file's rows as {column: value}, its header checked against the columns expected."""

    def __init__(self, content: bytes, columns: tuple[str, ...], required: tuple[str, ...]) -> None:
        rows = read_rows(content)
        first = next(rows, None)
        if first is None or first[1] is None:
            raise ImportRejected([Problem(_("the file"), _("is empty"))])
        names = [cell.strip() for cell in first[1]]
        while names and not names[-1]:
            names.pop()
        self.columns = [fold(name).replace(" ", "_") for name in names]
        problems = [
            Problem(
                _("row 1, column %(number)d") % {"number": number},
                _("unknown column %(name)s; expected %(columns)s") % {"name": name, "columns": ", ".join(columns)},
            )
            for number, (name, column) in enumerate(zip(names, self.columns, strict=True), start=1)
            if column not in columns
        ]
        problems += [
            Problem(_("row 1"), _("the column %(name)s is missing") % {"name": name})
            for name in required
            if name not in self.columns
        ]
        if problems:
            raise ImportRejected(problems)
        self.rows = rows

    def __iter__(self):
        for number, cells in self.rows:
            if cells is None:
                raise ImportRejected([Problem(_("row %(row)d") % {"row": number}, _("cannot be read as CSV"))])
            row = {column: cell.strip() for column, cell in zip(self.columns, cells, strict=False)}
            if any(row.values()):
                yield number, row


def _where(row: int, column: str) -> str:
    return _("row %(row)d, column %(column)s") % {"row": row, "column": column}


def _texts(row: dict[str, str], prefix: str) -> dict[str, str]:
    return {code: row[f"{prefix}_{code}"] for code in LANGUAGES if row.get(f"{prefix}_{code}")}


def _limit(model: type[models.Model], field: str) -> int:
    limit = model._meta.get_field(field).max_length  # type: ignore[union-attr]  # a text field, never a relation
    if limit is None:
        raise TypeError(f"{model.__name__}.{field} has no length limit")
    return int(limit)


def _too_long(number: int, row: dict[str, str]) -> list[Problem]:
    """The texts of the row longer than their field takes, each named by its column."""
    limits = {
        "area_title": _limit(PolicyArea, "title"),
        "text": _limit(Measure, "text"),
        "indicator": _limit(Indicator, "name"),
    }
    return [
        Problem(_where(number, f"{prefix}_{code}"), _("is longer than %(limit)d characters") % {"limit": limit})
        for prefix, limit in limits.items()
        for code in LANGUAGES
        if len(row.get(f"{prefix}_{code}", "")) > limit
    ]


def _number(value: str) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        if not number.is_finite():
            raise InvalidOperation
        number = number.quantize(Decimal("0.01"))  # as kept: two decimals
    except InvalidOperation:
        raise ValueError(_("%(value)s is not a number") % {"value": value}) from None
    if abs(number) >= 10**12:
        raise ValueError(_("%(value)s is not a number that can be kept") % {"value": value})
    return number


def _year(value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdecimal()) or not 1900 <= int(value) <= 2100:
        raise ValueError(_("%(value)s is not a year") % {"value": value})
    return int(value)


def import_measures(content: bytes, *, strategy: Strategy) -> ImportResult:
    """The strategy's areas, measures and indicators from the file, all or nothing."""
    problems: list[Problem] = []
    areas: dict[int, dict[str, str]] = {}
    measures: dict[str, dict] = {}
    for number, row in _Rows(content, MEASURE_COLUMNS, required=("area", "measure")):
        area_number = row.get("area", "")
        if not (area_number.isascii() and area_number.isdecimal()) or not 1 <= int(area_number) <= MAX_AREA:
            problems.append(Problem(_where(number, "area"), _("give the area's number (1, 2, … up to 999)")))
            continue
        problems += _too_long(number, row)
        area, title = int(row["area"]), _texts(row, "area_title")
        if title and areas.get(area) and areas[area] != title:
            problems.append(Problem(_where(number, "area_title"), _("differs from the area's title on an earlier row")))
        areas[area] = areas.get(area) or title
        code, text = row.get("measure", ""), _texts(row, "text")
        if not code:
            problems.append(Problem(_where(number, "measure"), _("give the measure's number, e.g. 3.2")))
            continue
        if len(code) > 20:
            problems.append(Problem(_where(number, "measure"), _("is longer than 20 characters")))
            continue
        if code in measures:
            problems.append(
                Problem(_where(number, "measure"), _("measure %(code)s is already on row %(row)d") % {
                    "code": code, "row": measures[code]["row"]})
            )  # fmt: skip
            continue
        if not text:
            problems.append(Problem(_where(number, "text_en"), _("give the measure's text in at least one language")))
        indicator = {"name": _texts(row, "indicator"), "unit": row.get("unit", "")[:40]}
        for column, read in (("baseline", _number), ("target", _number), ("baseline_year", _year),
                             ("target_year", _year)):  # fmt: skip
            try:
                indicator[column] = read(row.get(column, ""))
            except ValueError as error:
                problems.append(Problem(_where(number, column), str(error)))
                indicator[column] = None
        described = any(indicator[c] is not None for c in ("baseline", "target", "baseline_year", "target_year"))
        if (described or indicator["unit"]) and not indicator["name"]:
            problems.append(Problem(_where(number, "indicator_en"), _("name the indicator these figures are for")))
        measures[code] = {"row": number, "area": area, "text": text, "indicator": indicator}
    for area, title in areas.items():
        if not title and not strategy.areas.filter(number=area).exists():
            row = next(m["row"] for m in measures.values() if m["area"] == area)
            problems.append(
                Problem(_where(row, "area_title_en"), _("give the title of area %(area)d") % {"area": area})
            )
    if not measures and not problems:
        problems.append(Problem(_("the file"), _("has no measure")))
    if problems:
        raise ImportRejected(problems)
    return _write_measures(strategy, areas, measures)


@transaction.atomic
def _write_measures(strategy: Strategy, areas: dict, measures: dict) -> ImportResult:
    result = ImportResult()
    area_objects = {}
    for number, title in areas.items():
        area, _created = PolicyArea.objects.get_or_create(strategy=strategy, number=number, defaults={"title": title})
        if title and area.title | title != area.title:
            area.title = area.title | title
            area.save(update_fields=["title"])
        area_objects[number] = area
    existing = {m.number: m for m in Measure.objects.filter(area__strategy=strategy)}
    last = max((m.position for m in existing.values()), default=0)
    for code, data in measures.items():
        measure = existing.get(code)
        if measure is None:  # after those there are, in the file's order
            last += 1
            measure = Measure.objects.create(area=area_objects[data["area"]], number=code, position=last,
                                             text=data["text"])  # fmt: skip
            result.created += 1
        else:  # in its place; the languages the file leaves out keep their text
            measure.area, measure.text = area_objects[data["area"]], measure.text | data["text"]
            measure.save()
            result.updated += 1
        indicator = data["indicator"]
        if indicator["name"]:
            measure.indicators.all().delete()
            Indicator.objects.create(measure=measure, **indicator)
    return result


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value[:10] if value.endswith("T00:00:00") else value)
    except ValueError:
        raise ValueError(_("%(value)s is not a date (YYYY-MM-DD)") % {"value": value}) from None


def _status_index() -> dict[str, str]:
    """A status by its value ("not_started"), its words ("not started"), or its name in any interface language."""
    return choice_index(Status.choices) | {fold(value.replace("_", " ")): value for value in Status.values}


def import_statuses(content: bytes, *, strategy: Strategy) -> ImportResult:
    """Where each member stands with each measure, at a date, from the file, all or nothing."""
    committee: Committee = strategy.committee
    measures = {m.number: m for m in Measure.objects.filter(area__strategy=strategy)}
    members = set(reporting_members(committee).values_list("entity_id", flat=True))
    entities = entity_index()
    statuses = _status_index()
    problems: list[Problem] = []
    rows: dict[tuple, dict] = {}
    for number, row in _Rows(content, STATUS_COLUMNS, required=("measure", "member", "status", "as_of")):
        measure = measures.get(row.get("measure", ""))
        if measure is None:
            problems.append(Problem(_where(number, "measure"), _("%(value)s is not a measure of the strategy") % {
                "value": row.get("measure", "")}))  # fmt: skip
        matches = entities.get(fold(row.get("member", "")), [])
        member = matches[0] if len(matches) == 1 else None
        if member is None:
            problems.append(Problem(_where(number, "member"), _("%(value)s is not a known State or organization") % {
                "value": row.get("member", "")}))  # fmt: skip
        elif member.pk not in members:
            problems.append(Problem(_where(number, "member"), _("%(member)s is not a member of %(committee)s") % {
                "member": member, "committee": committee}))  # fmt: skip
        status = statuses.get(fold(row.get("status", "")))
        if status is None:
            problems.append(Problem(_where(number, "status"), _("%(value)s is not a status; expected %(statuses)s") % {
                "value": row.get("status", ""), "statuses": ", ".join(Status.values)}))  # fmt: skip
        try:
            as_of = _date(row.get("as_of", ""))
        except ValueError as error:
            problems.append(Problem(_where(number, "as_of"), str(error)))
            as_of = None
        if len(row.get("note", "")) > 500:
            problems.append(Problem(_where(number, "note"), _("is longer than 500 characters")))
        if measure and member and as_of:
            key = (measure.pk, member.pk, as_of)
            if key in rows:
                problems.append(Problem(_where(number, "as_of"), _("repeats row %(row)d") % {"row": rows[key]["row"]}))
            rows[key] = {"row": number, "status": status, "note": row.get("note", "")}
    if not rows and not problems:
        problems.append(Problem(_("the file"), _("has no status")))
    if problems:
        raise ImportRejected(problems)
    return _write_statuses(rows)


@transaction.atomic
def _write_statuses(rows: dict[tuple, dict]) -> ImportResult:
    result = ImportResult()
    for (measure_id, member_id, as_of), data in rows.items():
        _status, created = MemberStatus.objects.update_or_create(
            measure_id=measure_id, member_id=member_id, reported_on=as_of,
            defaults={"status": data["status"], "note": data["note"]},
        )  # fmt: skip
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result

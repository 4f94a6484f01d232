"""A strategy's monitoring: where each member stands with each measure (its latest reported status), for the
matrix page and the charts, read in a fixed number of queries whatever the size of the strategy."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import get_language

from committee.bodies.models import Entity
from committee.kernel.collation import collation_key
from decisions.follow_up.charts import UNREPORTED, Chart, implementation_by_member, status_by_area
from decisions.strategies.models import Measure, MemberStatus, PolicyArea, Strategy, reporting_members


@dataclass
class MeasureRow:
    measure: Measure
    cells: list[MemberStatus | None]  # in the order of the members


@dataclass
class Matrix:
    strategy: Strategy
    areas: list[PolicyArea]  # each with `rows`, its measures' rows
    members: list[Entity]
    shown_area: int | None

    def counts_by_area(self) -> list[tuple[str, Counter]]:
        return [
            (str(area), _counts(cell for row in area.rows for cell in row.cells))  # type: ignore[attr-defined]  # see areas
            for area in self.areas
        ]

    def counts_by_member(self) -> list[tuple[str, Counter]]:
        rows = [row for area in self.areas for row in area.rows]  # type: ignore[attr-defined]  # see areas
        return [(str(member), _counts(row.cells[i] for row in rows)) for i, member in enumerate(self.members)]


def _counts(cells) -> Counter:
    return Counter(cell.status if cell else UNREPORTED for cell in cells)


def strategy_matrix(strategy: Strategy, *, area: int | None = None) -> Matrix:
    """The measures (of one area, if given) by member, each cell the member's latest status."""
    chosen = strategy.areas.prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("position").prefetch_related("indicators"))
    )
    if area is not None:
        chosen = chosen.filter(number=area)
    areas = list(chosen)
    language = get_language() or "en"
    memberships = reporting_members(strategy.committee)
    members = sorted(
        (m.entity for m in memberships.select_related("entity")), key=lambda e: collation_key(e.name_in(language))
    )
    latest: dict[tuple[int, int], MemberStatus] = {}
    statuses = MemberStatus.objects.filter(measure__area__in=[a.pk for a in areas]).order_by("reported_on", "pk")
    for status in statuses:
        latest[status.measure_id, status.member_id] = status
    for shown in areas:
        shown.rows = [  # type: ignore[attr-defined]  # for the matrix and the template
            MeasureRow(measure, [latest.get((measure.pk, member.pk)) for member in members])
            for measure in shown.measures.all()
        ]
    return Matrix(strategy=strategy, areas=areas, members=members, shown_area=area)


def strategy_charts(matrix: Matrix) -> list[Chart]:
    return [status_by_area(dict(matrix.counts_by_area())), implementation_by_member(dict(matrix.counts_by_member()))]


def member_history(strategy: Strategy, member: Entity) -> list[PolicyArea]:
    """The strategy's areas, each with its measures, each with `reports`: the member's statuses in date order."""
    reports: dict[int, list[MemberStatus]] = {}
    for status in MemberStatus.objects.filter(measure__area__strategy=strategy, member=member).order_by("reported_on"):
        reports.setdefault(status.measure_id, []).append(status)
    areas = list(strategy.areas.prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("position"))))
    for area in areas:
        for measure in area.measures.all():
            measure.reports = reports.get(measure.pk, [])  # type: ignore[attr-defined]  # for the template
    return areas

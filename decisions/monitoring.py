"""A strategy's monitoring: where each member stands with each measure (its latest reported status), for the
matrix page and the charts, read in a fixed number of queries whatever the size of the strategy."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from committee.collation import collation_key
from committee.models import Entity, Membership
from decisions.charts import UNREPORTED, Chart
from decisions.models import Measure, MemberStatus, PolicyArea, Strategy


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
        return [(str(area), _counts(cell for row in area.rows for cell in row.cells)) for area in self.areas]

    def counts_by_member(self) -> list[tuple[str, Counter]]:
        rows = [row for area in self.areas for row in area.rows]
        return [(str(member), _counts(row.cells[i] for row in rows)) for i, member in enumerate(self.members)]


def _counts(cells) -> Counter:
    return Counter(cell.status if cell else UNREPORTED for cell in cells)


def strategy_matrix(strategy: Strategy, *, area: int | None = None) -> Matrix:
    """The measures (of one area, if given) by member, each cell the member's latest status."""
    areas = strategy.areas.prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("position").prefetch_related("indicators"))
    )
    if area is not None:
        areas = areas.filter(number=area)
    areas = list(areas)
    language = get_language() or "en"
    memberships = Membership.objects.filter(committee=strategy.committee, status=Membership.Status.MEMBER)
    members = sorted(
        (m.entity for m in memberships.select_related("entity")), key=lambda e: collation_key(e.name_in(language))
    )
    latest: dict[tuple[int, int], MemberStatus] = {}
    statuses = MemberStatus.objects.filter(measure__area__in=[a.pk for a in areas]).order_by("reported_on", "pk")
    for status in statuses:
        latest[status.measure_id, status.member_id] = status
    for shown in areas:
        shown.rows = [
            MeasureRow(measure, [latest.get((measure.pk, member.pk)) for member in members])
            for measure in shown.measures.all()
        ]
    return Matrix(strategy=strategy, areas=areas, members=members, shown_area=area)


def strategy_charts(matrix: Matrix) -> list[Chart]:
    by_area, by_member = matrix.counts_by_area(), matrix.counts_by_member()
    return [
        Chart(
            key="status-by-area",
            title=_("Status of the measures by area, all members"),
            category_label=_("Policy area"),
            categories=tuple(name for name, _counts in by_area),
            counts=tuple(counts for _name, counts in by_area),
        ),
        Chart(
            key="implementation-by-member",
            title=_("Implementation by member, all measures"),
            category_label=_("Member"),
            categories=tuple(name for name, _counts in by_member),
            counts=tuple(counts for _name, counts in by_member),
        ),
    ]

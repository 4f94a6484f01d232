"""Charts of the follow-up, drawn on the server with matplotlib: the same chart is an image on the page (with
its text alternative and its figures as a table beside it) and in the Word documents.

A chart is its data first (`Chart`: categories, one series per status); `png()` draws it. Statuses are told
apart by hatching as well as colour, so that a chart printed in black and white still reads.
"""

import datetime
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib import font_manager

matplotlib.use("Agg")  # no display: images only

from django.utils.translation import get_language, ngettext, pgettext  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402 - after choosing the back end
from matplotlib.ticker import MaxNLocator  # noqa: E402

from committee.kernel.dates import dates_in  # noqa: E402
from decisions.follow_up.models import Status  # noqa: E402

# Glyphs for every UN language, each character from the first font that has it (matplotlib's font fallback):
# Latin and Cyrillic from DejaVu Sans, Chinese from Noto Sans CJK SC, Arabic from Noto Sans Arabic, which
# matplotlib's text layout shapes. The Noto fonts are Debian's (scripts/office-packages.sh); they are added
# here by file too, for a font cache that matplotlib built before they were installed.
for _font in (
    *Path("/usr/share/fonts").glob("**/NotoSansCJK-Regular.ttc"),
    *Path("/usr/share/fonts").glob("**/NotoSansArabic-Regular.ttf"),
):
    font_manager.fontManager.addfont(str(_font))
matplotlib.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans Arabic"]

UNREPORTED = "unreported"  # a member that has reported nothing on a measure yet
# Okabe and Ito's palette, distinguishable with the common colour vision deficiencies.
STATUS_STYLE = {
    Status.NOT_STARTED: ("#BBBBBB", ""),
    Status.IN_PROGRESS: ("#E69F00", "//"),
    Status.ONGOING: ("#56B4E9", ".."),
    Status.COMPLETED: ("#009E73", ""),
    Status.DISCONTINUED: ("#D55E00", "xx"),
    UNREPORTED: ("#FFFFFF", ""),
}
STATUS_ORDER = list(STATUS_STYLE)


def status_label(status: str) -> str:
    return _("Not reported") if status == UNREPORTED else str(Status(status).label)


@dataclass(frozen=True)
class Chart:
    key: str  # its name in addresses
    title: str
    category_label: str  # what the bars are (the table's first column)
    categories: tuple[str, ...]
    counts: tuple[Counter, ...]  # per category, how many are in each status
    over_time: bool = False  # the categories are dates: the same things counted at each

    @property
    def statuses(self) -> list[str]:
        """The statuses that occur, in their order."""
        present = {status for counter in self.counts for status, n in counter.items() if n}
        return [status for status in STATUS_ORDER if status in present]

    @property
    def table(self) -> list[tuple[str, list[int], int]]:
        return [
            (category, [counter.get(s, 0) for s in self.statuses], sum(counter.values()))
            for category, counter in zip(self.categories, self.counts, strict=True)
        ]

    @property
    def description(self) -> str:
        """The text alternative: what the chart shows, in words and totals."""
        totals: Counter[str] = Counter()
        for counter in self.counts[-1:] if self.over_time else self.counts:
            totals.update(counter)
        parts = "; ".join(
            _("%(status)s, %(count)s") % {"status": status_label(s).lower(), "count": totals[s]}
            for s in self.statuses
            if totals[s]
        )
        if self.over_time and self.categories:
            return ngettext(
                "%(title)s (%(count)s date). On %(date)s: %(totals)s.",
                "%(title)s (%(count)s dates). On %(date)s: %(totals)s.",
                len(self.categories),
            ) % {
                "title": self.title,
                "count": len(self.categories),
                "date": self.categories[-1],
                "totals": parts or _("none"),
            }
        return ngettext(
            "%(title)s (%(count)s bar). In all: %(totals)s.",
            "%(title)s (%(count)s bars). In all: %(totals)s.",
            len(self.categories),
        ) % {
            "title": self.title,
            "count": len(self.categories),
            "totals": parts or _("none"),
        }

    def png(self, *, width: float = 6.3, dpi: int = 150) -> bytes:
        """Horizontal stacked bars, one per category, the first at the top; width in inches (a page's text)."""
        height = max(1.9, 1.2 + 0.28 * len(self.categories))
        figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(self.categories)))
        left = [0] * len(self.categories)
        for status in self.statuses:
            values = [counter.get(status, 0) for counter in self.counts]
            colour, hatch = STATUS_STYLE[status]
            axes.barh(positions, values, left=left, color=colour, hatch=hatch, edgecolor="#333333", linewidth=0.5,
                      label=status_label(status))  # fmt: skip
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, [_shortened(c) for c in self.categories], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlabel(pgettext("chart axis: a count", "Number"), fontsize=8)
        locator = axes.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        axes.tick_params(axis="x", labelsize=8)
        axes.set_title(self.title, fontsize=10, loc="left")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if self.statuses:
            figure.legend(fontsize=7, loc="outside lower center", ncols=len(self.statuses), frameon=False)
        output = io.BytesIO()
        figure.savefig(output, format="png", metadata={"Software": None})
        return output.getvalue()


def _shortened(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def actions_by_paragraph(counts: dict[str, Counter], *, label: str = "") -> Chart:
    """How many actions of each status each paragraph carries (`counts` by the paragraph's name)."""
    return Chart(
        key="actions-by-paragraph",
        title=_("Follow-up actions by paragraph and status"),
        category_label=label or _("Paragraph"),
        categories=tuple(counts),
        counts=tuple(counts.values()),
    )


def statuses_over_time(histories: list[list[tuple[datetime.date, str]]], *, until: datetime.date) -> Chart:
    """The actions' statuses at the end of each year with progress, and at `until`; each history is an action's
    (date, status) pairs in date order."""
    dates = {day for history in histories for day, _status in history if day <= until}
    cuts = sorted({datetime.date(d.year, 12, 31) for d in dates if d.year < until.year} | {until})
    counts = []
    for cut in cuts:
        known = [[status for day, status in history if day <= cut] for history in histories]
        counts.append(Counter(statuses[-1] if statuses else Status.NOT_STARTED for statuses in known))
    return Chart(
        key="progress-over-time",
        title=_("Status of the actions over time"),
        category_label=_("As of"),
        categories=tuple(dates_in(get_language() or "en").short_date(cut) for cut in cuts),
        counts=tuple(counts),
        over_time=True,
    )


def status_by_area(counts: dict[str, Counter]) -> Chart:
    return Chart(
        key="status-by-area",
        title=_("Status of the measures by area, all members"),
        category_label=_("Policy area"),
        categories=tuple(counts),
        counts=tuple(counts.values()),
    )


def implementation_by_member(counts: dict[str, Counter]) -> Chart:
    return Chart(
        key="implementation-by-member",
        title=_("Implementation by member, all measures"),
        category_label=_("Member"),
        categories=tuple(counts),
        counts=tuple(counts.values()),
    )


def follow_up_charts(rows, *, today: datetime.date) -> list[Chart]:
    """The follow-up page's charts, from its rows (`decisions.follow_up.rows`)."""
    by_paragraph: dict[str, Counter] = {}
    for row in rows:
        name = f"{row.action.paragraph.decision.session.code} ¶{row.paragraph_label.split(' ')[0]}"
        by_paragraph.setdefault(name, Counter())[row.action.status] += 1
    histories = [[(u.reported_on, u.status) for u in row.action.shown_updates if u.is_published] for row in rows]
    return [actions_by_paragraph(by_paragraph), statuses_over_time(histories, until=today)]

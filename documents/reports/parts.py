"""The draft report's parts: each text the session adopts and each section of the Chair's summary.

A short draft is read whole. A long one (a session of many agenda items) is read a part at a time, beside the
contents of all of them, so that its page weighs what one part weighs, whatever the size of the report."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects

from decisions.outcomes.models import Decision, Paragraph
from documents.reports.models import Comment, Report, ReportParagraph, ReportSection

WHOLE_DRAFT_LIMIT = 150  # paragraphs (of the summary and the texts) up to which the draft is shown whole
PART_KEY = re.compile(r"^(decision|section)-\d+$")


def part_of(node: ReportParagraph | ReportSection | Paragraph | Decision) -> str:
    """The part a text adopted or one of its paragraphs, a section or a paragraph of the summary is in."""
    if isinstance(node, Decision):
        return f"decision-{node.pk}"
    if isinstance(node, Paragraph):
        return f"decision-{node.decision_id}"
    section = node if isinstance(node, ReportSection) else node.section
    return f"section-{section.parent_id or section.pk}"


@dataclass
class DraftParts:
    decisions: list[Decision]  # every text, for the contents
    sections: list[ReportSection]  # every top-level section with its subsections, for the contents
    whole: bool
    part: str = ""  # the part shown when the draft is not shown whole
    shown_decisions: list[Decision] = field(default_factory=list)
    shown_sections: list[ReportSection] = field(default_factory=list)
    previous: str = ""
    next: str = ""


def draft_parts(report: Report, asked: str = "") -> DraftParts:
    """The draft's contents, and what the page shows of it: all of it, or the part `asked` (the first if it names
    none of them), its paragraphs numbered as the report numbers them, with their comments."""
    decisions = list(report.session.decisions.order_by("position"))
    sections = list(
        ReportSection.objects.filter(report=report, parent__isnull=True)
        .select_related("agenda_item")
        .prefetch_related(Prefetch("subsections", queryset=ReportSection.objects.order_by("position")))
        .order_by("position")
    )
    paragraphs = ReportParagraph.objects.filter(section__report=report)
    texts = Paragraph.objects.filter(decision__session=report.session_id, parent__isnull=True)
    whole = paragraphs.count() + texts.count() <= WHOLE_DRAFT_LIMIT
    for decision in decisions:
        decision.part_key = f"decision-{decision.pk}"  # type: ignore[attr-defined]  # for the template
    for section in sections:
        section.part_key = f"section-{section.pk}"  # type: ignore[attr-defined]  # for the template
    keys = [d.part_key for d in decisions] + [s.part_key for s in sections]  # type: ignore[attr-defined]
    parts = DraftParts(decisions=decisions, sections=sections, whole=whole)
    if whole:
        parts.shown_decisions, parts.shown_sections = decisions, sections
        before = 0
    else:
        parts.part = asked if asked in keys else (keys[0] if keys else "")
        index = keys.index(parts.part) if parts.part else 0
        parts.previous = keys[index - 1] if index > 0 else ""
        parts.next = keys[index + 1] if index + 1 < len(keys) else ""
        parts.shown_decisions = [d for d in decisions if d.part_key == parts.part]  # type: ignore[attr-defined]
        parts.shown_sections = [s for s in sections if s.part_key == parts.part]  # type: ignore[attr-defined]
        position = parts.shown_sections[0].position if parts.shown_sections else 0
        before = (
            paragraphs.filter(
                Q(section__parent__isnull=True, section__position__lt=position)
                | Q(section__parent__position__lt=position)
            ).count()
            if parts.shown_sections
            else 0
        )
    _with_paragraphs(parts.shown_sections, numbered_from=before)
    _with_labels(parts.shown_decisions)
    return parts


def _with_paragraphs(sections: list[ReportSection], *, numbered_from: int) -> None:
    """The sections' paragraphs and their comments; the summary's paragraphs are numbered through the report."""
    with_comments = ReportParagraph.objects.prefetch_related(
        Prefetch("comments", queryset=Comment.objects.select_related("author", "on_behalf_of"))
    )
    prefetch_related_objects(
        sections,
        Prefetch("paragraphs", queryset=with_comments),
        Prefetch("subsections__paragraphs", queryset=with_comments),
    )
    number = numbered_from
    for section in sections:
        for paragraph in [
            *section.paragraphs.all(),
            *(p for sub in section.subsections.all() for p in sub.paragraphs.all()),
        ]:
            number += 1
            paragraph.number = number  # type: ignore[attr-defined]  # for the template


def _with_labels(decisions: list[Decision]) -> None:
    """Each text's paragraphs labelled as the report numbers them (operative: 1., 2.…)."""
    prefetch_related_objects(
        decisions,
        Prefetch("paragraphs", queryset=Paragraph.objects.filter(parent__isnull=True).prefetch_related("sub_items")),
    )
    for decision in decisions:
        operative = 0
        labelled: list[tuple[str, Paragraph]] = []
        decision.labelled = labelled  # type: ignore[attr-defined]  # for the template
        for paragraph in decision.paragraphs.all():
            operative += paragraph.kind == Paragraph.Kind.OPERATIVE
            labelled.append((f"{operative}." if paragraph.kind == Paragraph.Kind.OPERATIVE else "", paragraph))

"""What changed between two versions of a paragraph, or of the whole draft, word by word."""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from committee.kernel.multilingual import pick


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[Change]:
    """The words of `new` against those of `old`, as runs of unchanged, removed and added text."""
    before, after = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            changes.append(Change("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            changes.append(Change("removed", "".join(before[i1:i2])))
        if j2 > j1:
            changes.append(Change("added", "".join(after[j1:j2])))
    return changes


@dataclass(frozen=True)
class Passage:
    """One piece of the drafted text at a moment: a section title, a summary paragraph or a recommendation's."""

    key: tuple[str, int]  # ("section" | "paragraph" | "recommendation", primary key)
    place: str  # where it stands: the section's title, or the decision's
    text: str


@dataclass(frozen=True)
class PassageChange:
    key: tuple[str, int]
    place: str
    status: str  # "changed", "added" or "removed"
    changes: list[Change]

    @property
    def kind(self) -> str:
        return self.key[0]


def draft_at(report, moment: datetime | None, language: str) -> list[Passage]:
    """The draft's text in `language` as it stood at `moment` (now when None), in the report's order:
    the recommendations first, then the Chair's summary section by section."""
    from decisions.outcomes.models import Decision, Paragraph
    from documents.reports.models import ReportParagraph, ReportSection

    def rows(model):
        return model.history.as_of(moment) if moment else model.objects.all()

    decisions = sorted(rows(Decision).filter(session_id=report.session_id), key=lambda d: (d.position, d.pk))
    recommendation_rows = rows(Paragraph).filter(decision_id__in=[d.pk for d in decisions])
    sections = list(rows(ReportSection).filter(report_id=report.pk))
    paragraphs = rows(ReportParagraph).filter(section_id__in=[s.pk for s in sections])
    passages = []
    for decision in decisions:
        place = pick(decision.title, language) or decision.get_kind_display()
        passages += [
            Passage(("recommendation", p.pk), place, p.text.get(language, ""))
            for p in _outline(r for r in recommendation_rows if r.decision_id == decision.pk)
        ]
    by_section: dict[int, list] = {}
    for paragraph in paragraphs:
        by_section.setdefault(paragraph.section_id, []).append(paragraph)
    for section in _outline(sections):
        title = section.title.get(language, "")
        passages.append(Passage(("section", section.pk), title, title))
        passages += [
            Passage(("paragraph", p.pk), title, p.text.get(language, ""))
            for p in sorted(by_section.get(section.pk, []), key=lambda p: p.position)
        ]
    return passages


def _outline(nodes) -> list:
    """Two-level outline nodes in reading order: 1, 2, 2 (a), 2 (b), 3."""
    nodes = list(nodes)
    positions = {node.pk: node.position for node in nodes}
    return sorted(
        nodes,
        key=lambda n: (positions.get(n.parent_id, 0), n.position) if n.parent_id else (n.position, 0),
    )


def compare_drafts(old: list[Passage], new: list[Passage]) -> list[PassageChange]:
    """What changed from `old` to `new`: each passage changed, added or removed, in the newer order
    (a removed passage where it stood before). Text only: a passage empty in this language on both
    sides is no change, and a passage moved without a change of text is not reported."""
    before = {passage.key: passage for passage in old}
    after = {passage.key: passage for passage in new}
    removed_after: dict[tuple | None, list[Passage]] = {}
    anchor = None
    for passage in old:
        if passage.key in after:
            anchor = passage.key
        else:
            removed_after.setdefault(anchor, []).append(passage)

    def removed(anchor_key) -> list[PassageChange]:
        return [
            PassageChange(p.key, p.place, "removed", word_diff(p.text, ""))
            for p in removed_after.get(anchor_key, [])
            if p.text
        ]

    result = removed(None)
    for passage in new:
        earlier = before.get(passage.key)
        if earlier is None and passage.text:
            result.append(PassageChange(passage.key, passage.place, "added", word_diff("", passage.text)))
        elif earlier is not None and earlier.text != passage.text:
            result.append(PassageChange(passage.key, passage.place, "changed", word_diff(earlier.text, passage.text)))
        result += removed(passage.key)
    return result


@dataclass(frozen=True)
class Milestone:
    """A version of the whole draft one may compare: each change of the report's status, and now."""

    key: str  # the report's history record, or "now"
    moment: datetime | None
    status: str
    status_label: str
    version: int


def draft_milestones(report) -> list[Milestone]:
    """Oldest first: each time the report changed status (opened for review, finalized, issued, reopened
    for a corrigendum), then now. Its creation is not one: an import writes the report before its text."""
    milestones, previous = [], None
    for record in report.history.order_by("history_date", "history_id"):
        if previous is not None and record.status != previous:
            milestones.append(
                Milestone(
                    str(record.history_id),
                    record.history_date,
                    record.status,
                    record.get_status_display(),
                    record.version,
                )
            )
        previous = record.status
    return [*milestones, Milestone("now", None, report.status, report.get_status_display(), report.version)]

"""Keeping the search index in step with the records: every change reaches it once its transaction commits.

A save or a delete of anything indexed (and the writes in bulk that send no signal of their own, such as a session
file imported, which say so through `committee.kernel.signals.records_rewritten`) marks its session, or its
committee, for indexing again. When the transaction commits, one task per batch brings their rows up to date: it
reads what they should be (`sources`), compares them with those stored and writes only the difference, so that a
paragraph edited rewrites one row, and an uploaded version's text is read again only when its file changed. The
task runs at once under the embedded defaults, and in the job worker in production.

The databases keep their own index of the rows' words in step by triggers (see the migration): PostgreSQL's
`vector`, SQLite's FTS5 table.
"""

import logging

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import task

from committee.bodies.models import Committee, Entity
from committee.kernel.signals import records_rewritten
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.outcomes.models import Decision, Paragraph
from documents.registry.models import Document, DocumentFile
from documents.reports.models import Report, ReportParagraph, ReportSection
from documents.search import sources
from documents.search.models import SearchEntry
from documents.search.terms import POSTGRES_CONFIGS, indexed
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session

logger = logging.getLogger(__name__)

# For each model indexed, the sessions a change of one of its records touches (it may be gone already).
SESSIONS_OF = {
    Session: lambda record: [record.pk],
    Document: lambda record: [record.session_id],
    DocumentFile: lambda record: Document.objects.filter(pk=record.document_id).values_list("session", flat=True),
    Decision: lambda record: [record.session_id],
    Paragraph: lambda record: Decision.objects.filter(pk=record.decision_id).values_list("session", flat=True),
    Report: lambda record: [record.session_id],
    ReportSection: lambda record: Report.objects.filter(pk=record.report_id).values_list("session", flat=True),
    ReportParagraph: lambda record: ReportSection.objects.filter(pk=record.section_id).values_list(
        "report__session", flat=True
    ),
    Action: lambda record: Paragraph.objects.filter(pk=record.paragraph_id).values_list("decision__session", flat=True),
    ProgressUpdate: lambda record: Action.objects.filter(pk=record.action_id).values_list(
        "paragraph__decision__session", flat=True
    ),
    Participation: lambda record: [record.session_id],
    Delegate: lambda record: Participation.objects.filter(pk=record.participation_id).values_list("session", flat=True),
    Entity: lambda record: Participation.objects.filter(entity=record.pk).values_list("session", flat=True),
}


class _Pending:
    """The sessions and committees marked in one connection's transactions, indexed when one commits."""

    def __init__(self) -> None:
        self.sessions: set[int] = set()
        self.committees: set[int] = set()

    def flush(self) -> None:
        """Index what is marked (the first flush of a commit does it all; those after find nothing left). What a
        transaction rolled back marked is indexed again at the next commit, which does no harm."""
        if not self.sessions and not self.committees:
            return
        sessions, committees = sorted(self.sessions), sorted(self.committees)
        self.sessions, self.committees = set(), set()
        reindex.enqueue(sessions=sessions, committees=committees)


def mark(sessions=(), committees=()) -> None:
    """Index these sessions and committees again once the transaction under way commits (at once outside one)."""
    sessions, committees = {pk for pk in sessions if pk is not None}, {pk for pk in committees if pk is not None}
    if not sessions and not committees:
        return
    current = transaction.get_connection()
    pending = current.__dict__.setdefault("search_pending", _Pending())
    pending.sessions |= sessions
    pending.committees |= committees
    transaction.on_commit(pending.flush)  # at once outside a transaction


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the index comes with the data, or `rebuild_search_index` makes it
    if sender is Committee:
        mark(sessions=instance.sessions.values_list("pk", flat=True), committees=[instance.pk])
    else:
        mark(sessions=SESSIONS_OF[sender](instance))


def _rewritten(sender, *, session_ids=(), committee_ids=(), **kwargs) -> None:
    mark(sessions=session_ids, committees=committee_ids)


def follow_changes() -> None:
    """Connect the signals (SearchConfig.ready)."""
    for model in [Committee, *SESSIONS_OF]:
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
    m2m_changed.connect(_changed, sender=Document.submitted_by.through, dispatch_uid="search-submitted-by")
    records_rewritten.connect(_rewritten, dispatch_uid="search-rewritten")


@task()
def reindex(sessions: list[int], committees: list[int]) -> None:
    for pk in committees:
        committee = Committee.objects.filter(pk=pk).first()
        if committee is not None:
            write(SearchEntry.objects.filter(session=None, committee=committee), sources.committee_rows(committee))
    for pk in sessions:
        reindex_session(pk)


def reindex_session(pk: int) -> None:
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("committee").filter(pk=pk).first()
        if session is None:
            return  # deleted: its rows went with it
        stored = SearchEntry.objects.filter(session=session)
        files = {f"{row.source}|{row.language}": row for row in stored if row.stamp}
        write(stored, sources.session_rows(session, files))


def write(stored_rows, rows: list[sources.Row]) -> tuple[int, int, int]:
    """Make the stored rows those of `rows`: the new ones created, the changed ones updated, those gone deleted.
    Returns how many of each."""
    stored = {(entry.source, entry.language): entry for entry in stored_rows}
    wanted = {(row.source, row.language): row for row in rows}
    gone = [entry.pk for key, entry in stored.items() if key not in wanted]
    created, updated = [], []
    for key, row in wanted.items():
        values = {name: getattr(row, name) for name in sources.STORED if name not in ("source", "language")}
        entry = stored.get(key)
        if entry is None:
            created.append(SearchEntry(source=row.source, language=row.language, **values))
        elif any(getattr(entry, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry, name, value)
            updated.append(entry)
    for entry in [*created, *updated]:
        entry.terms = indexed(f"{entry.title}\n{entry.text}", entry.language) if _needs_terms(entry) else ""
    SearchEntry.objects.filter(pk__in=gone).delete()
    SearchEntry.objects.bulk_create(created, batch_size=500)
    fields = [name for name in sources.STORED if name not in ("source", "language")] + ["terms"]
    SearchEntry.objects.bulk_update(updated, [*fields], batch_size=500)
    return len(created), len(updated), len(gone)


def _needs_terms(entry: SearchEntry) -> bool:
    """PostgreSQL stems with its own configurations; it needs the index's words only for Chinese."""
    return connection.vendor != "postgresql" or POSTGRES_CONFIGS[entry.language] == "simple"


def rebuild() -> int:
    """Every row made again from the records (after an upgrade that changes what is indexed)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for committee in Committee.objects.all():
            write(SearchEntry.objects.none(), sources.committee_rows(committee))
        for pk in Session.objects.values_list("pk", flat=True):
            reindex_session(pk)
    return SearchEntry.objects.count()

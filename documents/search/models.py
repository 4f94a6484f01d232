"""The search index: one row for each thing that can be found, in each language it is written in.

Rows are written by `documents.search.index` from the records they stand for, never by hand. What a row holds to
be found by is its title and text in its language; PostgreSQL searches it through `vector` (a text search
configuration per language, `terms.POSTGRES_CONFIGS`, and a GIN index), the embedded SQLite database through an
FTS5 table over `terms` (created by the migration, on SQLite only).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from committee.bodies.models import Committee
from committee.kernel.multilingual import LANGUAGE_CHOICES
from meetings.sessions.models import Session


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        SESSION = "session", _("Session")
        DOCUMENT = "document", _("Document")
        DECISION = "decision", _("Text adopted")
        SUMMARY = "summary", _("Chair's summary")
        ACTION = "action", _("Follow-up action")
        PROGRESS = "progress", _("Progress")
        DELEGATION = "delegation", _("Delegation")
        DELEGATE = "delegate", _("Delegate")

    class Audience(models.TextChoices):
        """Who may find it, on its committee, as the page it leads to is shown (committee/roles/access.py)."""

        VIEWERS = "viewers"  # whoever sees the committee (a public one: anyone)
        SIGNED_IN = "signed_in"  # whoever sees the committee, signed in
        LIMITED = "limited"  # documents of limited distribution, drafts: not observers
        RESTRICTED = "restricted"  # the secretariat and the bureau
        SECRETARIAT = "secretariat"

    source = models.CharField(max_length=60)  # what it stands for: "<kind>:<primary key>[:<part>]"
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+", null=True)
    symbol = models.CharField(max_length=80, blank=True, db_index=True)  # upper case (terms.normalized_symbol)
    title = models.TextField()
    text = models.TextField(blank=True)
    terms = models.TextField(blank=True)  # the words of title and text (terms.indexed)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True)
    stamp = models.CharField(max_length=120, blank=True)  # for uploaded files: which file its text was read from
    vector = SearchVectorField(null=True)  # PostgreSQL only

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "language"], name="search_entry_unique_source")]
        indexes = [models.Index(fields=["session", "kind"]), models.Index(fields=["committee", "kind"])]

    def __str__(self) -> str:
        return f"{self.source} ({self.language})"

"""Searching the index: what a person typed, among the rows they may read, best first.

The same rules as the pages (committee/roles/access.py) decide which rows a person may find: a row carries its
committee and the audience of the page it leads to. A symbol typed as it is written ("TD/B/EDE/1/3", or its end,
"EDE/1/INF.1") finds its document first. Each thing is shown once, in the interface's language where it matches
in it.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from committee.bodies.models import Committee
from committee.roles.access import Permission, can
from documents.search.models import SearchEntry
from documents.search.terms import (
    POSTGRES_CONFIGS,
    Query,
    highlighted,
    indexed,
    looks_like_symbol,
    normalized_symbol,
    parse_query,
    stem,
)

Audience = SearchEntry.Audience
MOST_CANDIDATES = 1000  # rows ranked and shown at most, however many match
RESULTS_PER_PAGE = 20


@dataclass
class Filters:
    committee: Committee | None = None
    session: str = ""  # its code
    kind: str = ""
    language: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass
class Result:
    entry: SearchEntry
    title: SafeString
    snippet: SafeString


class Candidate(NamedTuple):
    """A row found, as little of it as ranking needs: the page's rows are read whole afterwards."""

    pk: int
    source: str
    language: str
    symbol: str


CANDIDATE_FIELDS = ("pk", "source", "language", "symbol")


@dataclass
class Found:
    """The things found, best first, each once; only a page of them is read whole and marked (`page`)."""

    candidates: list[Candidate] = field(default_factory=list)
    query: Query | None = None
    symbol: str = ""
    more: bool = False  # more matched than MOST_CANDIDATES

    def page(self, number: str | int | None) -> Page:
        """Page `number` of the results (the last if past it), each with its matches marked in context."""
        page = Paginator(self.candidates, RESULTS_PER_PAGE).get_page(number)
        entries = SearchEntry.objects.select_related("session").in_bulk([candidate.pk for candidate in page])
        assert self.query is not None
        results = [_shown(entries[candidate.pk], self.query, self.symbol) for candidate in page]
        return Page(results, page.number, page.paginator)


def readable(user: User | AnonymousUser) -> Q:
    """The rows `user` may find: on each committee, those whose page they may read."""
    allowed: dict[str, list[int]] = {audience: [] for audience in Audience.values}
    for committee in Committee.objects.all():
        if not can(user, Permission.VIEW, committee):
            continue
        allowed[Audience.VIEWERS].append(committee.pk)
        if user.is_authenticated:
            allowed[Audience.SIGNED_IN].append(committee.pk)
        if can(user, Permission.VIEW_LIMITED, committee):
            allowed[Audience.LIMITED].append(committee.pk)
        if can(user, Permission.VIEW_RESTRICTED, committee):
            allowed[Audience.RESTRICTED].append(committee.pk)
        if can(user, Permission.MANAGE, committee):
            allowed[Audience.SECRETARIAT].append(committee.pk)
    readable = Q(pk__in=[])
    for audience, committees in allowed.items():
        if committees:
            readable |= Q(audience=audience, committee__in=committees)
    return readable


def _filtered(rows: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.committee is not None:
        rows = rows.filter(committee=filters.committee)
    if filters.session:
        rows = rows.filter(session__code=filters.session)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.since:
        rows = rows.filter(date__gte=filters.since)
    if filters.until:
        rows = rows.filter(date__lte=filters.until)
    return rows


def search(user: User | AnonymousUser, typed: str, filters: Filters, *, language: str) -> Found:
    """The rows matching `typed` that `user` may read, best first, each thing once (in `language` if it matches
    in it)."""
    query = parse_query(typed)
    rows = _filtered(SearchEntry.objects.filter(readable(user)), filters)
    symbol = normalized_symbol(typed) if looks_like_symbol(typed) else ""
    by_symbol: list[Candidate] = []
    if symbol:
        exact_or_end = rows.filter(Q(symbol=symbol) | Q(symbol__endswith="/" + symbol)).order_by("symbol")
        by_symbol = [Candidate(*values) for values in exact_or_end.values_list(*CANDIDATE_FIELDS)[:50]]
        by_symbol.sort(key=lambda candidate: (candidate.symbol != symbol, len(candidate.symbol)))
    ranked = _by_text(rows, query) if not query.empty else []
    chosen: dict[str, Candidate] = {}
    for candidate in [*by_symbol, *ranked]:
        kept = chosen.get(candidate.source)
        if kept is None or (kept.language != language and candidate.language == language):
            chosen[candidate.source] = candidate  # a dict keeps the place of the first
    return Found(candidates=list(chosen.values()), query=query, symbol=symbol, more=len(ranked) >= MOST_CANDIDATES)


def _shown(entry: SearchEntry, query: Query, symbol: str) -> Result:
    stems = {stem(word, entry.language) for phrase in query.phrases() for word in phrase}
    title = highlighted(entry.title, stems, entry.language, around=400)
    snippet = highlighted(entry.text, stems, entry.language, symbol=symbol) if entry.text else ""
    return Result(entry=entry, title=mark_safe(title), snippet=mark_safe(snippet))  # noqa: S308  # escaped by highlighted


def _by_text(rows: QuerySet[SearchEntry], query: Query) -> list[Candidate]:
    if connection.vendor == "postgresql":
        return _postgresql(rows, query)
    return _sqlite(rows, query)


def _postgresql(rows: QuerySet[SearchEntry], query: Query) -> list[Candidate]:
    """PostgreSQL's full-text search: the query stemmed by the configuration of each language, any of them (a
    row holds its own language's stems), and as the pairs of characters that Chinese rows hold; one constant
    query, so that the GIN index finds the rows."""
    # The SQL is ours; what was typed goes in as parameters.
    configs = sorted({config for config in POSTGRES_CONFIGS.values() if config != "simple"})
    tsquery = " || ".join(
        ["websearch_to_tsquery('simple', %s)"] + [f"websearch_to_tsquery('{c}', %s)" for c in configs]
    )
    params = [_chinese_query(query)] + [query.text] * len(configs)
    matched = rows.alias(
        hit=RawSQL(f"search_searchentry.vector @@ ({tsquery})", params, output_field=BooleanField())  # noqa: S611
    ).filter(hit=True)
    ranked = matched.annotate(
        rank=RawSQL(f"ts_rank(search_searchentry.vector, ({tsquery}))", params, output_field=FloatField())  # noqa: S611
    )
    best = ranked.order_by("-rank", "-date", "pk").values_list(*CANDIDATE_FIELDS)[:MOST_CANDIDATES]
    return [Candidate(*values) for values in best]


def _chinese_query(query: Query) -> str:
    """The query in websearch syntax over the pairs of characters that the Chinese rows hold."""

    def phrase(words: tuple[str, ...]) -> str:
        return '"' + indexed(" ".join(words), "zh").replace('"', " ") + '"'

    parts = [phrase(words) for words in query.required]
    parts += [" or ".join(phrase(words) for words in group) for group in query.alternatives]
    parts += ["-" + phrase(words) for words in query.excluded]
    return " ".join(parts)


def _sqlite(rows: QuerySet[SearchEntry], query: Query) -> list[Candidate]:
    """SQLite's FTS5 index over the rows' stemmed words: each word of the query stemmed in every language (a row
    holds its own language's stems)."""
    expression = fts_expression(query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(search_fts) FROM search_fts WHERE search_fts MATCH %s ORDER BY bm25(search_fts) "
            "LIMIT %s",
            [expression, MOST_CANDIDATES * 3],
        )
        ranks = dict(cursor.fetchall())
    found = rows.filter(pk__in=list(ranks)).values_list(*CANDIDATE_FIELDS, "date")
    ordered = sorted(found, key=lambda row: (ranks[row[0]], -(row[-1].toordinal() if row[-1] else 0), row[0]))
    return [Candidate(*row[:-1]) for row in ordered[:MOST_CANDIDATES]]


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _variants(words: tuple[str, ...]) -> str:
    """A phrase as FTS5 matches it: stemmed in each language, any of them."""
    variants = sorted({_quoted(tuple(stem(word, language) for word in words)) for language in POSTGRES_CONFIGS})
    return variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"


def fts_expression(query: Query) -> str:
    required = [_variants(words) for words in query.required]
    required += ["(" + " OR ".join(_variants(words) for words in group) + ")" for group in query.alternatives]
    expression = " AND ".join(required)
    for words in query.excluded:
        expression = f"({expression}) NOT {_variants(words)}"
    return expression

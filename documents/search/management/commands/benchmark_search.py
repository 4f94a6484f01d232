"""Print the median and 95th percentile time of 100 searches through the results page, with the data loaded (1x)
and again once ten years of sessions and a session ten times the demo's size are added (10x), and the queries each
page took. Nothing is kept: the added data is rolled back."""

import json
import random
import re
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committee.bodies.models import Committee
from committee.roles.services import grant_secretariat_access
from documents.exchange.management.commands.benchmark_import import DEMO_FILE
from documents.exchange.session_file.copies import grown, renumbered
from documents.exchange.session_file.load import import_session
from documents.search.index import reindex_session
from documents.search.models import SearchEntry

P95_AIM_MS = 100.0  # at 10x, on PostgreSQL
YEARS, SESSIONS_A_YEAR = 10, 3
SEARCHES = 100


class _RolledBack(Exception):
    pass


def queries_to_run(count: int) -> list[str]:
    """Searches as people type them, drawn from what the index holds: words in every language, two words,
    a phrase, a symbol and the end of one."""
    draw = random.Random(2017)  # noqa: S311 - the same searches every run, not a secret
    texts = list(SearchEntry.objects.exclude(text="").order_by("pk").values_list("text", flat=True)[:2000])
    symbols = list(
        SearchEntry.objects.exclude(symbol="").order_by("symbol").values_list("symbol", flat=True).distinct()
    )
    if not texts or not symbols:
        raise CommandError("The index is empty: load the demo (make demo) or run rebuild_search_index first.")
    typed = []
    for index in range(count):
        words = [word for word in re.findall(r"\w{5,}", draw.choice(texts))] or ["economy"]
        shape = index % 5
        if shape == 0:
            typed.append(draw.choice(words))
        elif shape == 1:
            typed.append(" ".join(draw.sample(words, min(2, len(words)))))
        elif shape == 2:
            start = draw.randrange(max(1, len(words) - 1))
            typed.append('"' + " ".join(words[start : start + 2]) + '"')
        elif shape == 3:
            typed.append(draw.choice(symbols))
        else:
            typed.append("/".join(draw.choice(symbols).split("/")[-2:]).lower())
    return typed


def measure(client: Client, typed: list[str]) -> tuple[list[float], list[int]]:
    times, counts = [], []
    for query in typed:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get("/search/", {"q": query}, secure=True)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise CommandError(f"The search for {query!r} answered {response.status_code}.")
        counts.append(len(captured))
    return times, counts


class Command(BaseCommand):
    help = "Time 100 searches through the results page at 1x and 10x data (the 10x rolled back)."

    def handle(self, *args, **options) -> None:
        typed = queries_to_run(SEARCHES)
        figures = {}
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user("search-benchmark", "search-benchmark@example.org")
                for committee in Committee.objects.filter(parent=None):
                    grant_secretariat_access(user, committee)
                client = Client(SERVER_NAME="localhost")
                client.force_login(user)
                measure(client, typed[:5])  # warm: the first request compiles the templates
                figures["1x"] = (*measure(client, typed), SearchEntry.objects.count())
                self.stdout.write("Adding ten years of sessions and a session ten times the demo's size…")
                demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
                number = 300
                for years_earlier in range(1, YEARS + 1):
                    for _ in range(SESSIONS_A_YEAR):
                        number += 1
                        reindex_session(import_session(json.dumps(renumbered(demo, number, years_earlier))).pk)
                reindex_session(import_session(json.dumps(grown(renumbered(demo, 400), 10))).pk)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE search_searchentry")
                figures["10x"] = (*measure(client, typed), SearchEntry.objects.count())
                raise _RolledBack
        except _RolledBack:
            pass
        self.stdout.write(f"{SEARCHES} searches through /search/ as a secretariat, on {connection.vendor}:")
        self.stdout.write(f"{'data':>5} {'rows':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for size, (times, counts, rows) in figures.items():
            p95 = statistics.quantiles(times, n=20)[-1]
            spread = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
            self.stdout.write(f"{size:>5} {rows:>8} {statistics.median(times):>10.1f} {p95:>8.1f} {spread:>8}")
        p95_small = statistics.quantiles(figures["1x"][0], n=20)[-1]
        p95_large = statistics.quantiles(figures["10x"][0], n=20)[-1]
        self.stdout.write(f"p95 at 10x beside 1x: {p95_large / p95_small:.2f} times")
        ok = p95_large < P95_AIM_MS
        self.stdout.write(
            f"AIM search p95 at 10x: {p95_large:.1f} ms (aim < {P95_AIM_MS:.0f} ms) {'ok' if ok else 'MISSED'}"
        )
        steady = max(figures["10x"][1]) == max(figures["1x"][1])
        self.stdout.write(
            f"AIM search queries per page: at most {max(figures['1x'][1])} at 1x, {max(figures['10x'][1])} at 10x "
            f"(aim the same) {'ok' if steady else 'MISSED'}"
        )

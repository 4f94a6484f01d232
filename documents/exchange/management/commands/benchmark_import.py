"""Print the queries and the time of importing the demo's session file, and a copy ten times its size, under
numbers of their own; then of importing each again unchanged. Nothing is kept: each import is rolled back."""

import json
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from documents.exchange.session_file.copies import grown, renumbered
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "td-b-ede-1.json"
QUERIES_AIM = 200  # at 1×; at 10×, ten times as many
SECONDS_AIM = 1.0  # at 1× on PostgreSQL; at 10×, ten times as long


class _RolledBack(Exception):
    pass


def _timed_import(text: str, again: bool) -> tuple[float, int]:
    """Seconds and queries of importing the file (a second time, unchanged, when `again`), then rolled back."""
    measured = (0.0, 0)
    try:
        with transaction.atomic():
            if again:
                import_session(text)
            queries: list[str] = []

            def counted(execute, sql, *rest):
                queries.append(sql)
                return execute(sql, *rest)

            with connection.execute_wrapper(counted):
                start = time.perf_counter()
                import_session(text)
                measured = (time.perf_counter() - start, len(queries))
            raise _RolledBack
    except _RolledBack:
        pass
    return measured


class Command(BaseCommand):
    help = "Time the import of the demo's session file and of a copy ten times larger (rolled back)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=3, help="The median of how many runs.")

    def handle(self, *args, runs: int, **options) -> None:
        demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        read_session_file(json.dumps(demo))  # the committees and States it refers to exist: the demo is loaded
        vendor = connection.vendor
        self.stdout.write(f"Importing TD/B/EDE/1's file under another number, on {vendor} (median of {runs}):")
        self.stdout.write(f"{'size':>5} {'rows':>6} {'queries':>8} {'seconds':>8} {'again q':>8} {'again s':>8}")
        figures = {}
        for factor in (1, 10):
            data = grown(renumbered(demo, 900 + factor), factor)
            text = json.dumps(data)
            rows = _rows(data)
            first = [_timed_import(text, again=False) for _ in range(runs)]
            again = [_timed_import(text, again=True) for _ in range(runs)]
            seconds = statistics.median(s for s, _ in first)
            queries = max(q for _, q in first)
            figures[factor] = (seconds, queries)
            self.stdout.write(
                f"{factor:>4}x {rows:>6} {queries:>8} {seconds:>8.2f} {max(q for _, q in again):>8} "
                f"{statistics.median(s for s, _ in again):>8.2f}"
            )
        if not figures:
            raise CommandError("Nothing was measured.")
        for factor, (seconds, queries) in figures.items():
            query_aim, second_aim = QUERIES_AIM * factor, SECONDS_AIM * factor
            ok = queries < query_aim and (seconds < second_aim or vendor != "postgresql")
            timing = f"{seconds:.2f} s" + ("" if vendor == "postgresql" else " (the time's aim is PostgreSQL's)")
            self.stdout.write(
                f"AIM import {factor}x: {queries} queries, {timing} (aim < {query_aim} queries, "
                f"< {second_aim:g} s) {'ok' if ok else 'MISSED'}"
            )


def _rows(data: dict) -> int:
    """How many rows the file describes (everything counted in its lists, at any depth)."""

    def count(value) -> int:
        if isinstance(value, list):
            return len(value) + sum(count(item) for item in value)
        if isinstance(value, dict):
            return sum(count(item) for item in value.values())
        return 0

    return count(data["session"])

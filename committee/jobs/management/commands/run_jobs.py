"""The job worker: django_tasks_db's `db_worker`, with a watchdog that queues again the jobs whose worker died
and deletes the jobs finished long ago."""

import logging
import threading

from django.db import DatabaseError, connection
from django_tasks_db.management.commands import db_worker

from committee.jobs.services import prune_finished, requeue_stalled

logger = logging.getLogger(__name__)

WATCH_EVERY = 5.0  # seconds between two looks for stalled jobs


def _watch(stopped: threading.Event) -> None:
    try:
        while True:
            try:
                requeue_stalled()
                prune_finished()
            except DatabaseError:  # the database restarting: look again next time
                logger.warning("The look for stalled jobs failed; trying again in %s s", WATCH_EVERY)
                connection.close()
            except Exception:  # a defect: said, and the watch goes on
                logger.exception("The look for stalled jobs failed")
                connection.close()
            if stopped.wait(WATCH_EVERY):
                return
    finally:
        connection.close()


class Command(db_worker.Command):
    help = "Run the jobs queued in the database (documents, finalizations, imports, notices), one at a time."

    def handle(self, *args, **options):
        stopped = threading.Event()
        watchdog = threading.Thread(target=_watch, args=(stopped,), name="stalled-jobs", daemon=True)
        watchdog.start()
        try:
            super().handle(*args, **options)
        finally:
            stopped.set()

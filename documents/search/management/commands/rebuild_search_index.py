from django.core.management.base import BaseCommand

from documents.search.index import rebuild


class Command(BaseCommand):
    help = (
        "Make the search index again from every committee and session (after an upgrade that changes what is "
        "indexed); it otherwise follows every change by itself."
    )

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"The search index holds {count} rows.")

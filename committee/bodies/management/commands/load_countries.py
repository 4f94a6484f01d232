from django.core.management.base import BaseCommand

from committee.bodies.countries import load_countries


class Command(BaseCommand):
    help = "Create or refresh the States and territories with their UNTERM names in the six UN languages."

    def handle(self, *args, **options) -> None:
        created, updated = load_countries()
        self.stdout.write(f"{created} countries created, {updated} updated.")

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from committee.services import grant_secretariat_access
from documents.session_file import import_session, read_session_file

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "td-b-ede-1.json"
DEMO_USERNAME = "secretariat"
DEMO_PASSWORD = "rapporteur-demo"  # noqa: S105 - printed for the demo, never used outside it


class Command(BaseCommand):
    help = "Load the demo session (TD/B/EDE/1) and a secretariat login for it. Safe to run again."

    def handle(self, *args, **options) -> None:
        session = import_session(read_session_file(DEMO_FILE.read_text(encoding="utf-8")))
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "secretariat@example.org"}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        grant_secretariat_access(user)
        self.stdout.write(f"Demo session {session.code} loaded.")
        self.stdout.write(f"Secretariat login: {DEMO_USERNAME} / {DEMO_PASSWORD}")

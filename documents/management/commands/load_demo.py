from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from committee.services import grant_secretariat_access
from documents.session_file import import_session, read_session_file

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
DEMO_FILE = DEMO_FOLDER / "td-b-ede-1.json"  # the first session, held and reported on
NEXT_SESSION_FILE = DEMO_FOLDER / "td-b-ede-2.json"  # the second, convened: its provisional agenda and registrations
DEMO_USERNAME = "secretariat"
DEMO_EMAIL = "secretariat@example.org"
DEMO_PASSWORD = "rapporteur-demo"  # noqa: S105 - printed for the demo, never used outside it


class Command(BaseCommand):
    help = (
        "Load the demo sessions (TD/B/EDE/1, held, and TD/B/EDE/2, convened) and a secretariat login for them, "
        "in development only. Running it again resets the demo sessions to their files."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo, with its published password, is loaded only with development settings (DEBUG)."
            )
        session = import_session(read_session_file(DEMO_FILE.read_text(encoding="utf-8")))
        following = import_session(read_session_file(NEXT_SESSION_FILE.read_text(encoding="utf-8")))
        user, _created = get_user_model().objects.get_or_create(username=DEMO_USERNAME, defaults={"email": DEMO_EMAIL})
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        top = session.committee.ancestors()[-1] if session.committee.parent_id else session.committee
        grant_secretariat_access(user, top)
        self.stdout.write(f"Demo sessions {session.code} and {following.code} loaded.")
        self.stdout.write(f"Secretariat login: {user.email} / {DEMO_PASSWORD}")

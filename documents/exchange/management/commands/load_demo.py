import datetime
import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from committee.bodies.models import Committee, Entity, Membership
from committee.roles.models import Role
from committee.roles.services import grant_secretariat_access
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.follow_up.services import operative_numbers
from decisions.outcomes.models import Paragraph
from decisions.strategies.models import Strategy
from decisions.strategies.strategy_file import import_measures, import_statuses
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from documents.registry.models import Document
from documents.reports.models import Report
from documents.reports.readiness import readiness
from documents.reports.services import finalize_report, issue_report, waive
from documents.translations.models import TranslationRound
from documents.translations.services import record_translation
from documents.translations.units import units_of

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
DEMO_FILE = DEMO_FOLDER / "td-b-ede-1.json"  # the first session, held and reported on
NEXT_SESSION_FILE = DEMO_FOLDER / "td-b-ede-2.json"  # the second, convened: its provisional agenda and registrations
FOLLOW_UP_FILE = DEMO_FOLDER / "td-b-ede-1-follow-up.json"  # illustrative follow-up of the first's recommendations
# A committee shaped like the Pacific E-commerce Committee, its strategy's measures and members' statuses made up.
PACIFIC_MEASURES_FILE = DEMO_FOLDER / "pacific-strategy-measures.csv"
PACIFIC_STATUSES_FILE = DEMO_FOLDER / "pacific-strategy-statuses.csv"
PACIFIC_MEMBERS = "AUS COK FJI PYF KIR NRU NCL NZL NIU PLW PNG MHL WSM SLB TON TUV VUT FSM".split()
# One of its meetings, made up, reported as a regional committee's outcomes document (a report scheme of its own).
PACIFIC_SESSION_FILE = DEMO_FOLDER / "pecc-3.json"
PACIFIC_FOLLOW_UP_FILE = DEMO_FOLDER / "pecc-3-follow-up.json"
PACIFIC_IS_ILLUSTRATIVE = "This meeting is made up for the demo (illustrative): nothing more is recorded of it."
DEMO_USERNAME = "secretariat"
DEMO_EMAIL = "secretariat@example.org"
RAPPORTEUR_USERNAME = "rapporteur"
SOURCE_IS_SILENT = "The report as issued (TD/B/EDE/1/3), from which the demo is taken, does not record it."
RAPPORTEUR_EMAIL = "rapporteur@example.org"
# The demo's Spanish, Russian, Chinese and Arabic texts were written for it, not taken from the UN's versions.
DEMO_TRANSLATION = "Written for the demo, not the translation the United Nations issued."
TRANSLATED_FOR_THE_DEMO = ("es", "ru", "zh", "ar")
FRENCH_SOURCE = "From the demo's French source documents (../shared/seeds)."
DEMO_PASSWORD = "rapporteur-demo"  # noqa: S105 - printed for the demo, never used outside it


class Command(BaseCommand):
    help = (
        "Load the demo sessions (TD/B/EDE/1, held, and TD/B/EDE/2, convened) and a secretariat login for them, "
        "in development only. Running it again resets the demo sessions to their files."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password",
            default="",
            help="the demo logins' password instead of the published one (required under production settings)",
        )

    def handle(self, *args, password: str, **options) -> None:
        if not settings.DEBUG and not password:
            raise CommandError(
                "The demo, with its published password, is loaded only with development settings (DEBUG); "
                "elsewhere give its logins a password of their own (--password)."
            )
        password = password or DEMO_PASSWORD
        session = import_session(read_session_file(DEMO_FILE.read_text(encoding="utf-8")))
        following = import_session(read_session_file(NEXT_SESSION_FILE.read_text(encoding="utf-8")))
        meeting = import_session(read_session_file(PACIFIC_SESSION_FILE.read_text(encoding="utf-8")))
        pacific = load_pacific_committee()
        user = demo_account(DEMO_USERNAME, DEMO_EMAIL, password)
        top = session.committee.ancestors()[-1] if session.committee.parent_id else session.committee
        grant_secretariat_access(user, top)
        grant_secretariat_access(user, pacific)
        rapporteur = demo_account(RAPPORTEUR_USERNAME, RAPPORTEUR_EMAIL, password)
        for committee in (session.committee, pacific):
            Role.objects.get_or_create(user=rapporteur, committee=committee, kind=Role.Kind.RAPPORTEUR)
        actions = load_follow_up(json.loads(FOLLOW_UP_FILE.read_text(encoding="utf-8")), by=user)
        load_follow_up(json.loads(PACIFIC_FOLLOW_UP_FILE.read_text(encoding="utf-8")), by=user)  # who acts, by when
        for document in Document.objects.filter(
            session__in=(session, following), kind__in=(Document.Kind.REPORT, Document.Kind.PROVISIONAL_AGENDA)
        ):
            if (
                units_of(document, source_language=document.original_language)
                and not TranslationRound.objects.filter(document=document).exists()
            ):
                record_translation(document=document, language="fr", note=FRENCH_SOURCE)
                for language in TRANSLATED_FOR_THE_DEMO:
                    record_translation(document=document, language=language, note=DEMO_TRANSLATION)
        # Both reports were issued: their rapporteur finalized them, the secretariat issued them.
        issue_as_reported(session, rapporteur=rapporteur, secretariat=user, silent=SOURCE_IS_SILENT)
        issue_as_reported(meeting, rapporteur=rapporteur, secretariat=user, silent=PACIFIC_IS_ILLUSTRATIVE)
        self.stdout.write(f"Demo sessions {session.code} and {following.code} loaded, {actions} follow-up actions.")
        self.stdout.write(f"Demo committee {pacific.code} loaded, with its strategy's monitoring (illustrative).")
        self.stdout.write(
            f"Its meeting {meeting.code} (illustrative) is reported as a regional committee's outcomes document."
        )
        self.stdout.write(f"Secretariat login: {user.email} / {password}")
        self.stdout.write(f"Rapporteur login: {rapporteur.email} / {password}")


def issue_as_reported(session, *, rapporteur, secretariat, silent: str) -> None:
    """The session's report finalized by its rapporteur and issued by the secretariat, what its source does not
    record waived with the reason `silent`; a report already finalized is left as it is."""
    report = Report.objects.get(session=session)
    if report.is_locked:
        return
    for missing in readiness(report):
        if missing.waivable and missing.waiver is None:
            waive(report=report, item=missing.item, reason=silent, by=secretariat)
    finalize_report(report=report, by=rapporteur)
    issue_report(report=report, by=secretariat)


def demo_account(username: str, email: str, password: str):
    """A demo login with `password` and a verified address, created or reset."""
    user, _created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_follow_up(data: dict, *, by) -> int:
    """The demo's follow-up of a session's recommendations (made up, so marked illustrative), anew."""
    paragraphs = Paragraph.objects.filter(decision__session__code=data["session"], parent__isnull=True)
    numbers = operative_numbers(paragraphs.values("decision"))
    by_number = {numbers[p.pk]: p for p in paragraphs if p.pk in numbers}
    Action.objects.filter(paragraph__decision__session__code=data["session"]).delete()
    for position, item in enumerate(data["actions"], start=1):
        action = Action.objects.create(
            paragraph=by_number[item["paragraph"]],
            position=position,
            description=item["description"],
            responsible=item["responsible"],
            responsible_entity=Entity.objects.get(code=item["entity"]) if item.get("entity") else None,
            due_on=datetime.date.fromisoformat(item["due_on"]) if item.get("due_on") else None,
            due_by_next_session=item.get("due_by_next_session", False),
            status=item["progress"][-1]["status"] if item["progress"] else "not_started",
            illustrative=True,
        )
        for update in item["progress"]:
            reported_on = datetime.date.fromisoformat(update["reported_on"])
            ProgressUpdate.objects.create(
                action=action,
                reported_on=reported_on,
                status=update["status"],
                narrative=update["narrative"],
                evidence_link=update.get("evidence_link", ""),
                reported_by=by,
                published_by=by,
                published_at=datetime.datetime.combine(reported_on, datetime.time(12), tzinfo=datetime.UTC),
            )
    return len(data["actions"])


@transaction.atomic
def load_pacific_committee() -> Committee:
    """A committee with two sub-committees and a regional strategy whose members report their statuses."""
    secretariat = Entity.objects.get(code="PIFS")  # as the first session's file names it (it took part)
    committee, _created = Committee.objects.update_or_create(
        code="PECC",
        defaults={
            "kind": Committee.Kind.COMMITTEE,
            "name": {"en": "Pacific E-commerce Committee", "fr": "Comité du commerce électronique du Pacifique"},
            "name_gender": {"fr": "m"},
            "short_name": {"en": "the Committee", "fr": "le Comité"},
            "secretariat": secretariat,
            "is_public": True,
        },
    )
    for code, en, fr in (
        ("PECC-POL", "Sub-committee on Policy and Regulation", "Sous-comité des politiques et de la réglementation"),
        ("PECC-STAT", "Sub-committee on Statistics and Monitoring", "Sous-comité des statistiques et du suivi"),
    ):
        Committee.objects.update_or_create(
            code=code,
            defaults={"kind": Committee.Kind.SUB_COMMITTEE, "parent": committee, "name": {"en": en, "fr": fr},
                      "name_gender": {"fr": "m"}, "secretariat": secretariat, "is_public": True},
        )  # fmt: skip
    for code in PACIFIC_MEMBERS:
        Membership.objects.get_or_create(committee=committee, entity=Entity.objects.get(code=code))
    strategy, _created = Strategy.objects.update_or_create(
        committee=committee,
        code="roadmap",
        defaults={
            "title": {
                "en": "Pacific Regional E-commerce Strategy and Roadmap",
                "fr": "Stratégie et feuille de route régionales du commerce électronique du Pacifique",
            },
            "adopted_on": datetime.date(2021, 8, 1),
            "illustrative": True,
        },
    )
    import_measures(PACIFIC_MEASURES_FILE.read_bytes(), strategy=strategy)
    import_statuses(PACIFIC_STATUSES_FILE.read_bytes(), strategy=strategy)
    return committee

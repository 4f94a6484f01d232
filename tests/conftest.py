import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in French leaves French active in its thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def countries(transactional_db):
    """The States of the data migration, for a transactional test: the one before it emptied every table."""
    from committee.bodies.countries import load_countries
    from committee.bodies.models import Entity

    if not Entity.objects.filter(kind=Entity.Kind.STATE).exists():
        load_countries()


@pytest.fixture
def secretariat(django_user_model):
    """The secretariat of the test board (tests.builders) and every body below it."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from committee.bodies.models import Committee
    from committee.roles.services import grant_secretariat_access
    from tests.builders import make_session_file

    board = make_session_file()["committees"][0]
    committee, _created = Committee.objects.get_or_create(
        code=board["code"], defaults={"kind": board["kind"], "name": board["name"], "name_gender": board["name_gender"]}
    )
    user = django_user_model.objects.create_user("secretary", "secretary@example.org", "a-long-password")
    grant_secretariat_access(user, committee)
    TOTP.activate(user, generate_totp_secret())  # the secretariat must use two-factor authentication
    return user


@pytest.fixture
def small_session(db):
    """The small session of tests.builders, imported."""
    import json

    from documents.exchange.session_file.load import import_session
    from documents.exchange.session_file.validate import read_session_file
    from tests.builders import make_session_file

    return import_session(read_session_file(json.dumps(make_session_file())))


@pytest.fixture
def cast(small_session, secretariat, django_user_model):
    """The small session's people: its secretariat, a rapporteur, a member and an observer."""
    from committee.roles.models import Role

    people = {"secretariat": secretariat}
    for kind in ("rapporteur", "member", "observer"):
        people[kind] = django_user_model.objects.create_user(kind, f"{kind}@example.org", "a-long-password")
        Role.objects.create(user=people[kind], committee=small_session.committee, kind=kind)
    return people


@pytest.fixture
def paragraph(small_session):
    """The first paragraph of the small session's Chair's summary (in its first section, "Opening")."""
    from documents.reports.models import ReportParagraph

    return (
        ReportParagraph.objects.filter(section__report__session=small_session, section__parent__isnull=True)
        .order_by("section__position", "position")
        .first()
    )


@pytest.fixture(scope="session", autouse=True)
def _no_connection_outlives_the_suite(django_db_setup, django_db_blocker):
    """On PostgreSQL the test database is dropped at the end, which fails while a connection is still open:
    the browser tests' servers run in threads of this process, and one finishing a last request as the suite
    ends may still hold one. Those connections are closed before the database is dropped."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test's writes are rolled back without changing the page cache's data
    version, and its pages would otherwise be served to the next test."""
    from django.core.cache import cache

    cache.clear()

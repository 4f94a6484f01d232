import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secretariat(django_user_model):
    """The secretariat of the test board (tests.builders) and every body below it."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from committee.models import Committee
    from committee.services import grant_secretariat_access
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

    from documents.session_file import import_session, read_session_file
    from tests.builders import make_session_file

    return import_session(read_session_file(json.dumps(make_session_file())))

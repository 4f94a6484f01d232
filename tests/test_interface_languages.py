"""The interface in the six UN languages: each page in the language chosen, its dates in that language's forms,
Arabic laid out right to left with the project's own right-to-left Bootstrap."""

import json

import pytest
from django.urls import reverse

from committee.bodies.models import Committee
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file
from tests.builders import make_session_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_committee():
    session = import_session(read_session_file(json.dumps(make_session_file())))
    Committee.objects.filter(pk=session.committee_id).update(is_public=True)
    return session.committee


@pytest.mark.parametrize(
    ("language", "word", "dates"),
    [
        ("es", "Períodos de sesiones", "30 de diciembre de 2024 a 2 de enero de 2025"),
        ("ru", "Сессии", "30 декабря 2024 года – 2 января 2025 года"),
        ("zh-hans", "届会", "2024年12月30日至2025年1月2日"),
        ("ar", "الدورات", "30 كانون الأول/ديسمبر 2024 - 2 كانون الثاني/يناير 2025"),
    ],
)
def test_a_body_s_page_in_each_language(client, public_committee, language, word, dates):
    client.cookies["django_language"] = language
    page = client.get(reverse("programme:committee", kwargs={"code": public_committee.code})).text
    assert f'<html lang="{language}"' in page
    assert word in page
    assert dates in page


def test_arabic_pages_are_right_to_left_with_the_local_bootstrap(client, public_committee):
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("programme:committee", kwargs={"code": public_committee.code})).text
    assert '<html lang="ar" dir="rtl">' in page
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.rtl.min.css" in page
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("programme:committee", kwargs={"code": public_committee.code})).text
    assert 'dir="rtl"' not in page
    assert "bootstrap.min.css" in page


def test_the_language_menu_offers_the_six_languages(client, public_committee):
    page = client.get(reverse("programme:home")).text
    for code, name in (
        ("en", "English"),
        ("fr", "Français"),
        ("es", "Español"),
        ("ru", "Русский"),
        ("zh-hans", "简体中文"),
        ("ar", "العربيّة"),
    ):
        assert f'lang="{code}">{name}</option>' in page  # each in its own language

"""Accounts: sign-in by verified email, no open sign-up, password reset, rate limits, two-factor for the secretariat."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from committee.bodies.models import Committee
from committee.roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def delegate(django_user_model):
    user = django_user_model.objects.create_user("delegate", "delegate@example.org", "a-long-password")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_person_signs_in_with_their_email(client, delegate):
    response = sign_in(client, "delegate@example.org", "a-long-password")

    assert response.status_code == 302
    assert client.get(reverse("programme:calendars")).status_code == 200


def test_a_wrong_password_is_refused(client, delegate):
    response = sign_in(client, "delegate@example.org", "not-the-password")

    assert response.status_code == 200
    assert "not correct" in response.text
    assert client.get(reverse("programme:calendars")).status_code == 302


def test_sign_in_attempts_are_rate_limited(client, delegate):
    # The cache that counts the attempts starts empty (_fresh_rate_limits): five failures per address in 5 minutes.
    for attempt in range(1, 6):
        response = sign_in(client, "delegate@example.org", "not-the-password")
        assert response.status_code == 200, attempt
        assert "The email address and/or password you specified are not correct." in response.text, attempt
        assert "Too many failed login attempts" not in response.text, attempt

    response = sign_in(client, "delegate@example.org", "a-long-password")  # the right password, once too late

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.text
    assert "not correct" not in response.text
    assert client.get(reverse("programme:calendars")).status_code == 302


def test_four_failed_attempts_still_let_the_right_password_in(client, delegate):
    for attempt in range(1, 5):
        assert "not correct" in sign_in(client, "delegate@example.org", "not-the-password").text, attempt

    response = sign_in(client, "delegate@example.org", "a-long-password")

    assert response.status_code == 302
    assert client.get(reverse("programme:calendars")).status_code == 200


def test_an_unverified_address_must_be_verified_first(client, django_user_model):
    django_user_model.objects.create_user("new", "new@example.org", "a-long-password")
    EmailAddress.objects.create(user=django_user_model.objects.get(username="new"), email="new@example.org")

    sign_in(client, "new@example.org", "a-long-password")

    assert client.get(reverse("programme:calendars")).status_code == 302
    assert "new@example.org" in mail.outbox[-1].to


def test_nobody_signs_up_uninvited(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": "a-long-password", "password2": "a-long-password"},
    )

    assert "Sign Up Closed" in response.text
    assert not EmailAddress.objects.filter(email="x@example.org").exists()


def test_a_forgotten_password_is_reset_by_email(client, delegate):
    client.post(reverse("account_reset_password"), {"email": "delegate@example.org"})
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)

    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": "a-new-long-password", "password2": "a-new-long-password"},
    )

    assert sign_in(client, "delegate@example.org", "a-new-long-password").status_code == 302


def test_the_administration_signs_in_through_the_same_page(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/"


def test_the_secretariat_must_set_up_two_factor_authentication(client, delegate):
    committee = Committee.objects.create(code="C", kind="committee", name={"en": "C"})
    Role.objects.create(user=delegate, committee=committee, kind=Role.Kind.SECRETARIAT)
    sign_in(client, "delegate@example.org", "a-long-password")

    response = client.get(reverse("programme:home"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"), follow=True)  # allauth may first ask for the password again
    assert setup.status_code == 200
    assert setup.request["PATH_INFO"].startswith("/accounts/")


def test_members_may_but_need_not_use_two_factor_authentication(client, delegate):
    committee = Committee.objects.create(code="C", kind="committee", name={"en": "C"})
    Role.objects.create(user=delegate, committee=committee, kind=Role.Kind.MEMBER)
    client.force_login(delegate)

    assert client.get(reverse("programme:home")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_the_sign_in_page_explains_that_accounts_come_by_invitation(client):
    page = client.get(reverse("account_login")).text

    assert "invitation" in page
    assert reverse("account_signup") not in page

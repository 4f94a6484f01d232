"""The secretariat invites a person; the invitee lands in the right committee with the right role."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from committee.bodies.models import Committee
from committee.roles.models import Invitation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(small_session):
    return small_session.committee


def send_invitation(client, secretariat, committee, email="newdelegate@example.org", kind="member", **extra):
    client.force_login(secretariat)
    return client.post(
        reverse("roles:invite", kwargs={"code": committee.code}), {"email": email, "kind": kind, **extra}
    )


def invitation_link(message) -> str:
    return re.search(r"https?://testserver(/invitations/\S+/)", message.body).group(1)


def test_the_secretariat_invites_and_the_invitee_opens_an_account(
    client, secretariat, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_invitation(client, secretariat, group)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["newdelegate@example.org"]
    assert "Group of Experts on Testing" in message.subject
    client.logout()

    link = invitation_link(message)
    assert "Choose a password" in client.get(link).text
    joined = client.post(link, {"password1": "a-long-password-1", "password2": "a-long-password-1"}, follow=True)

    assert joined.redirect_chain[-1][0] == group.get_absolute_url()
    assert "You have joined" in joined.text
    role = Role.objects.get(user__email="newdelegate@example.org")
    assert (role.committee, role.kind) == (group, "member")
    assert EmailAddress.objects.get(email="newdelegate@example.org").verified
    assert client.get(reverse("programme:session", kwargs={"code": "TST/G/2"})).status_code == 200


def test_an_invitation_is_used_once(client, secretariat, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(client, secretariat, group)
    client.logout()
    link = invitation_link(mail.outbox[0])
    client.post(link, {"password1": "a-long-password-1", "password2": "a-long-password-1"})
    client.logout()

    assert client.get(link).status_code == 410
    assert Role.objects.filter(user__email="newdelegate@example.org").count() == 1


def test_someone_with_an_account_signs_in_then_takes_the_role(
    client, secretariat, group, django_user_model, django_capture_on_commit_callbacks
):
    existing = django_user_model.objects.create_user("existing", "existing@example.org", "a-long-password")
    EmailAddress.objects.create(user=existing, email="existing@example.org", verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(client, secretariat, group, email="existing@example.org", kind="rapporteur")
    client.logout()
    link = invitation_link(mail.outbox[0])

    first = client.get(link)
    assert first.status_code == 302
    assert first.url == f"{reverse('account_login')}?next={link}"
    client.post(reverse("account_login"), {"login": "existing@example.org", "password": "a-long-password"})
    client.get(link)

    assert Role.objects.get(user=existing).kind == "rapporteur"


def test_an_invitation_for_another_address_is_refused(
    client, secretariat, group, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(client, secretariat, group, email="someone@example.org")
    intruder = django_user_model.objects.create_user("intruder", "intruder@example.org", "a-long-password")
    EmailAddress.objects.create(user=intruder, email="intruder@example.org", verified=True, primary=True)
    client.force_login(intruder)

    response = client.get(invitation_link(mail.outbox[0]))

    assert response.status_code == 403
    assert not Role.objects.filter(user=intruder).exists()


@pytest.mark.parametrize(("kind", "status"), [("member", 403), ("chair", 403)])
def test_only_the_secretariat_invites(client, group, django_user_model, kind, status):
    user = django_user_model.objects.create_user(kind, f"{kind}@example.org", "a-long-password")
    Role.objects.create(user=user, committee=group, kind=kind)
    client.force_login(user)

    response = client.post(
        reverse("roles:invite", kwargs={"code": group.code}), {"email": "x@example.org", "kind": "member"}
    )

    assert response.status_code == status
    assert not Invitation.objects.exists()


def test_an_outsider_does_not_see_the_committee(client, group, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", "outsider@example.org", "a-long-password")
    client.force_login(outsider)

    assert client.get(group.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("roles:invite", kwargs={"code": group.code}), {"email": "x@example.org"}).status_code == 404
    )


def test_the_committee_page_shows_sessions_sub_committees_and_the_invitation_form(client, secretariat, group):
    client.force_login(secretariat)

    board_page = client.get(Committee.objects.get(code="BOARD").get_absolute_url()).text
    group_page = client.get(group.get_absolute_url()).text

    assert "Group of Experts on Testing" in board_page
    assert "TST/G/2" in group_page
    assert "Send the invitation" in group_page


def test_the_secretariat_sees_who_has_access_and_removes_a_role(client, secretariat, group, django_user_model):
    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-password")
    role = Role.objects.create(user=member, committee=group, kind="member")
    own = Role.objects.create(user=secretariat, committee=group, kind="secretariat")
    client.force_login(secretariat)

    page = client.get(group.get_absolute_url()).text
    removed = client.post(reverse("roles:revoke_role", kwargs={"code": group.code, "pk": role.pk}), follow=True)
    kept = client.post(reverse("roles:revoke_role", kwargs={"code": group.code, "pk": own.pk}), follow=True)
    client.force_login(member)

    assert "member@example.org" in page
    assert "member@example.org no longer has this role." in removed.text
    assert "You cannot remove your own secretariat role." in kept.text
    assert Role.objects.filter(pk=own.pk).exists()
    assert client.get(group.get_absolute_url()).status_code == 404  # the former member sees nothing of it
    assert Role.history.filter(id=role.pk, history_type="-").get().history_user == secretariat


def test_a_withdrawn_invitation_no_longer_opens(client, secretariat, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(client, secretariat, group)
    invitation = Invitation.objects.get()

    withdrawn = client.post(
        reverse("roles:withdraw_invitation", kwargs={"code": group.code, "pk": invitation.pk}), follow=True
    )
    client.logout()

    assert "The invitation to newdelegate@example.org was withdrawn." in withdrawn.text
    assert client.get(invitation_link(mail.outbox[0])).status_code == 404


def test_members_cannot_remove_roles_or_withdraw_invitations(client, secretariat, group, django_user_model):
    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-password")
    role = Role.objects.create(user=member, committee=group, kind="member")
    send_invitation(client, secretariat, group)
    client.force_login(member)

    page = client.get(group.get_absolute_url()).text

    assert "People with access" not in page
    assert client.post(reverse("roles:revoke_role", kwargs={"code": group.code, "pk": role.pk})).status_code == 403
    withdraw = reverse("roles:withdraw_invitation", kwargs={"code": group.code, "pk": Invitation.objects.get().pk})
    assert client.post(withdraw).status_code == 403


def test_a_removed_secretariat_loses_the_administration_and_the_last_one_stays(
    client, secretariat, group, django_user_model
):
    from committee.roles.services import grant_secretariat_access

    colleague = django_user_model.objects.create_user("colleague", "colleague@example.org", "a-long-password")
    grant_secretariat_access(colleague, group)
    lone = django_user_model.objects.create_user("lone", "lone@example.org", "a-long-password")
    client.force_login(secretariat)  # secretariat of the board above, for its sub-committees too

    removed = client.post(
        reverse("roles:revoke_role", kwargs={"code": group.code, "pk": colleague.committee_roles.get().pk}),
        follow=True,
    )
    colleague.refresh_from_db()
    client.force_login(colleague)

    assert "colleague@example.org no longer has this role." in removed.text
    assert not colleague.is_staff
    assert not colleague.user_permissions.exists()
    assert client.get("/admin/").status_code == 302  # to sign in: no longer staff
    board = Committee.objects.get(code="BOARD")
    only = Role.objects.get(committee=board, kind="secretariat")
    client.force_login(lone)
    lone.is_superuser = True
    lone.save()
    refused = client.post(reverse("roles:revoke_role", kwargs={"code": board.code, "pk": only.pk}), follow=True)
    assert "The committee&#x27;s last secretariat role cannot be removed." in refused.text
    assert Role.objects.filter(pk=only.pk).exists()


def test_an_invitation_withdrawn_meanwhile_is_neither_withdrawn_again_nor_accepted(
    secretariat, group, django_user_model
):
    from committee.roles.services import AccessError, InvitationError, accept_invitation, withdraw_invitation

    invitation = Invitation.objects.create(
        committee=group, email="late@example.org", kind="member", invited_by=secretariat
    )
    user = django_user_model.objects.create_user("late", "late@example.org", "a-long-password")
    withdraw_invitation(invitation=invitation)

    with pytest.raises(AccessError, match="already been withdrawn"):
        withdraw_invitation(invitation=invitation)
    with pytest.raises(InvitationError, match="has been withdrawn"):
        accept_invitation(invitation=invitation, user=user)

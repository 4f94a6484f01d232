"""Who does what on a committee (secretariat, chair, rapporteur, member, observer), and invitations to a role."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Committee, Entity


class Role(models.Model):
    """What a person may do on a committee (and, if the secretariat says so, on its sub-committees)."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        CHAIR = "chair", _("Chair")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="committee_roles"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The delegation a member or observer speaks for."),
    )
    includes_subcommittees = models.BooleanField(
        _("extends to sub-committees"), default=False, help_text=_("The role holds on every body under this one.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["committee_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "committee", "kind"], name="role_unique_kind")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.committee}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """The secretariat's invitation to take a role on a committee, sent by email, used once."""

    email = models.EmailField(_("email"))
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField(_("role"), max_length=20, choices=Role.Kind.choices)
    entity = models.ForeignKey(
        Entity, verbose_name=_("on behalf of"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    includes_subcommittees = models.BooleanField(_("extends to sub-committees"), default=False)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_kind_display()} — {self.committee}"

    def get_absolute_url(self) -> str:
        return reverse("roles:accept_invitation", kwargs={"token": self.token})


class ApiToken(models.Model):
    """A personal key to the read API, for a script acting as its owner: only its digest is kept (the key is shown
    once, when it is made), and it reads what its owner may read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What it is for, e.g. the website's calendar."))
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the key, in hexadecimal
    prefix = models.CharField(max_length=12, editable=False)  # the key's first characters, to tell keys apart
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_on = models.DateField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

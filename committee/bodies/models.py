"""Bodies, the entities that take part in them (States and organizations), and membership."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.kernel.fields import validate_time_zone
from committee.kernel.multilingual import LANGUAGES, MultilingualField, pick

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, dashes and underscores, starting with a letter or digit."),
)


GENDERS = ("m", "f", "n")  # n: neuter, as Russian has it


def validate_genders(value: object) -> None:
    if not isinstance(value, dict) or any(
        language not in LANGUAGES or gender not in GENDERS for language, gender in value.items()
    ):
        raise ValidationError(_('Give a gender ("m", "f" or "n") per language code, e.g. {"fr": "m"}.'))


class Entity(models.Model):
    """A State, a territory or an organization that can be a member of a body or take part in a session."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        TERRITORY = "territory", _("Territory")
        ORGANIZATION = "organization", _("Organization")

    class OrganizationType(models.TextChoices):
        # The UN's attendance categories for organizations, in the order reports list them.
        INTERGOVERNMENTAL = "igo", _("Intergovernmental organization")
        UN_BODY = "un_body", _("United Nations organ, body or programme")
        SPECIALIZED_AGENCY = "specialized_agency", _("Specialized agency or related organization")
        NGO_GENERAL = "ngo_general", _("Non-governmental organization, general category")
        NGO_SPECIAL = "ngo_special", _("Non-governmental organization, special category")
        OTHER = "other", _("Other")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("ISO 3166-1 alpha-3 code for States and territories; a short code for organizations."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organization_type = models.CharField(
        _("organization type"), max_length=20, choices=OrganizationType.choices, blank=True
    )
    name = MultilingualField(_("name"), help_text=_("For States, the UNTERM short name."))
    acronym = MultilingualField(_("acronym"), blank=True)
    name_gender = models.JSONField(
        _("grammatical gender of the name"),
        default=dict,
        blank=True,
        validators=[validate_genders],
        help_text=_('Where articles agree with the name or acronym: {"fr": "f"} for "la CNUCED".'),
    )
    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, blank=True)
    m49 = models.PositiveSmallIntegerField(_("M49 code"), null=True, blank=True)
    # A secretariat's emblem, printed in its documents' masthead: a PNG or JPEG the secretariat uploads (none is
    # shipped). Kept in the database, which every worker reads and the backup holds.
    emblem = models.BinaryField(_("emblem"), blank=True, default=b"", editable=True)
    history = HistoricalRecords(excluded_fields=["emblem"])

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="organization", organization_type__gt="")
                | (~Q(kind="organization") & Q(organization_type="")),
                name="entity_organization_type_only_for_organizations",
            ),
        ]

    def __str__(self) -> str:
        return self.name_in(get_language() or "en") or self.code

    def name_in(self, language: str) -> str:
        return pick(self.name, language)

    @property
    def is_state(self) -> bool:
        return self.kind in (self.Kind.STATE, self.Kind.TERRITORY)


class Committee(models.Model):
    """A body: a board, commission, committee, group of experts, sub-committee or working group."""

    class Kind(models.TextChoices):
        BOARD = "board", _("Board")
        COMMISSION = "commission", _("Commission")
        COMMITTEE = "committee", _("Committee")
        EXPERT_GROUP = "expert_group", _("Group of experts")
        SUB_COMMITTEE = "sub_committee", _("Sub-committee")
        WORKING_GROUP = "working_group", _("Working group")
        OTHER = "other", _("Other body")

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    name = MultilingualField(_("name"))
    name_gender = models.JSONField(
        _("grammatical gender of the name"),
        default=dict,
        blank=True,
        validators=[validate_genders],
        help_text=_(
            'Where articles agree with the name: {"fr": "m"} for "le Groupe", {"fr": "f"} for "la Commission".'
        ),
    )
    name_genitive = MultilingualField(
        _("name after “of”"),
        blank=True,
        help_text=_(
            "For the languages that decline it, the name as it follows “of” (“Report of …”), e.g. in Russian "
            "«Группы экспертов». Blank: the name as it is."
        ),
    )
    short_name = MultilingualField(
        _("short name"),
        blank=True,
        help_text=_('How the report refers to it after the first mention, e.g. "the Group".'),
    )
    mandate = models.CharField(_("mandate reference"), max_length=200, blank=True, help_text=_("e.g. TD/B(S-XXXI)/2"))
    secretariat = models.ForeignKey(
        Entity,
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        related_name="secretariat_of",
        null=True,
        blank=True,
        limit_choices_to={"kind": Entity.Kind.ORGANIZATION},
        help_text=_("The organization that services the body, named in the report's masthead."),
    )
    symbol_series = models.CharField(
        _("symbol series"), max_length=60, blank=True, help_text=_("Prefix of its documents' symbols, e.g. TD/B/EDE/")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the body sits: the time zone of its meetings outside sessions, e.g. Europe/Zurich."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Anyone, signed in or not, sees its sessions, programme, agendas, documents of general distribution "
            "and calendar, as the UN publishes them. Drafts, comments and other documents stay with its people."
        ),
    )
    delegations_register_themselves = models.BooleanField(
        _("delegations register themselves"),
        default=False,
        help_text=_("Members may register their own delegation's delegates for its sessions."),
    )
    organizations_in_english_order = models.BooleanField(
        _("list organizations in English order"),
        default=False,
        help_text=_(
            "Keep organization lists in the English alphabetical order of their English names in every "
            "language, as UNCTAD's French reports do. Otherwise each language sorts by its own collation."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["code"]

    def __str__(self) -> str:
        return pick(self.name, get_language() or "en") or self.code

    def get_absolute_url(self) -> str:
        return reverse("programme:committee", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.name.get("fr") and not self.name_gender.get("fr"):
            raise ValidationError(
                {"name_gender": _('Give the gender of the French name, e.g. {"fr": "m"} for "le Groupe".')}
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A body cannot be its own ancestor.")})
            ancestor = ancestor.parent

    def with_descendants(self) -> list[int]:
        """The ids of this body and of every body below it (the hierarchy is small: read whole, once)."""
        parents = dict(Committee.objects.values_list("pk", "parent_id"))
        ids, frontier = [self.pk], {self.pk}
        while frontier:
            frontier = {pk for pk, parent in parents.items() if parent in frontier}
            ids.extend(frontier)
        return ids

    def ancestors(self) -> list["Committee"]:
        """Parent first, up to the top of the hierarchy."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Membership(models.Model):
    """An entity's membership of a body over a period."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associate member")
        OBSERVER = "observer", _("Observer")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships"
    )
    entity = models.ForeignKey(Entity, verbose_name=_("entity"), on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.MEMBER)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["committee_id", "entity__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="membership_dates_ordered",
            ),
            models.UniqueConstraint(fields=["committee", "entity"], name="membership_unique_entity"),
        ]

    def __str__(self) -> str:
        return f"{self.entity} — {self.committee}"

"""Who takes part in a session: delegations by category, their delegates, files waiting to be imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.bodies.models import Entity
from committee.kernel.multilingual import LANGUAGE_CHOICES, MultilingualField, pick
from meetings.programme.models import Courtesy, Meeting
from meetings.sessions.models import Session


class Participation(models.Model):
    """An entity's attendance at a session, in an attendance category, under the name it bore then."""

    class Category(models.TextChoices):
        # The order of the participation annex.
        MEMBER_STATE = "member_state", _("State member of the body")
        OTHER_STATE = "other_state", _("State member of the parent organization, not of the body")
        OBSERVER_STATE = "observer_state", _("Non-member observer State")
        INTERGOVERNMENTAL = "igo", _("Intergovernmental organization")
        UN_BODY = "un_body", _("United Nations organ, body or programme")
        SPECIALIZED_AGENCY = "specialized_agency", _("Specialized agency or related organization")
        NGO_GENERAL = "ngo_general", _("Non-governmental organization, general category")
        NGO_SPECIAL = "ngo_special", _("Non-governmental organization, special category")
        OTHER = "other", _("Other")

    STATE_CATEGORIES = frozenset({Category.MEMBER_STATE, Category.OTHER_STATE, Category.OBSERVER_STATE})

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participations"
    )
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.PROTECT, related_name="participations"
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    name = MultilingualField(
        _("name at the session"),
        blank=True,
        help_text=_("Only where it differs from the entity's current name, e.g. a State renamed since."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        ordering = ["session_id", "entity__code"]
        constraints = [models.UniqueConstraint(fields=["session", "entity"], name="participation_unique_entity")]

    def __str__(self) -> str:
        return self.name_in(get_language() or "en")

    def name_in(self, language: str) -> str:
        """The name the entity bore at the session, in `language`."""
        return pick(self.name, language, fallback=()) or self.entity.name_in(language)


class Delegate(models.Model):
    """A registered member of a delegation, with what the list of participants says of them."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        DEPUTY = "deputy", _("Deputy head of delegation")
        DELEGATE = "delegate", _("Delegate")
        ADVISER = "adviser", _("Adviser")

    participation = models.ForeignKey(
        Participation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="delegates"
    )
    role = models.CharField(_("role in the delegation"), max_length=10, choices=Role.choices, default=Role.DELEGATE)
    courtesy = models.CharField(_("courtesy title"), max_length=4, choices=Courtesy.choices, blank=True)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=100, blank=True, help_text=_("e.g. H.E., Dr."))
    function = models.CharField(_("function"), max_length=300, blank=True)
    organization = models.CharField(
        _("ministry or organization"), max_length=300, blank=True, help_text=_("e.g. Ministry of Trade")
    )
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language of correspondence"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The UN language in which notices of meetings are sent."),
    )
    meetings = models.ManyToManyField(
        Meeting, verbose_name=_("meetings attended"), related_name="attendees", blank=True
    )
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("An invented person, for a demonstration: not a real delegate.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(m2m_fields=[meetings])

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["participation_id", "position"]  # the head of delegation first, as registered

    def __str__(self) -> str:
        return self.name


class PendingImport(models.Model):
    """A registrations file that names States or organizations matching nothing, kept (in the database,
    for any worker to find) until the secretariat says which entity each name is, or leaves its rows out."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="pending_imports"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registrations file to resolve")
        verbose_name_plural = _("registrations files to resolve")
        ordering = ["session_id", "uploaded_at"]

    def __str__(self) -> str:
        return self.filename

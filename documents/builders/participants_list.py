"""The list of participants of a session, as a UN information document (e.g. TD/B/EDE/1/INF.1).

Masthead and title, then each attendance category in the order of the report's annex, each
State or organization under its category in the language's collation (under the name it bore at
the session), and under it its registered delegates: head of delegation first, then as registered.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import npgettext, pgettext
from docx.shared import Pt

from committee.kernel.multilingual import pick
from documents.builders.data import DocumentData, Text
from documents.builders.document import DJANGO_LANGUAGE, INDENT, UNDocument, category_heading
from documents.builders.language import report_language
from documents.builders.word import Run
from meetings.registration.attendance import NGO_CATEGORIES, attendance_by_category
from meetings.registration.models import Delegate, Participation

ROLE_ORDER = {role: index for index, role in enumerate(Delegate.Role.values)}


@dataclass(frozen=True)
class DelegateData:
    role: str
    courtesy: str
    name: str
    title: str = ""
    function: str = ""
    organization: str = ""


@dataclass(frozen=True)
class DelegationData:
    category: str
    name: Text  # the name borne at the session, completed with today's where the session gives none
    delegates: tuple[DelegateData, ...] = ()

    def name_in(self, language: str) -> str:
        return pick(self.name, language)


@dataclass(frozen=True)
class ParticipantsListData(DocumentData):
    delegations: tuple[DelegationData, ...] = ()


def build_participants_list(data: ParticipantsListData, *, language: str) -> bytes:
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return _ParticipantsList(data, report_language(language)).build()


class _ParticipantsList(UNDocument):
    data: ParticipantsListData

    def build(self) -> bytes:
        self.set_up()
        self.masthead()
        self.paragraph([(pgettext("report", "List of participants"), "")], size=Pt(16), bold=True, space_before=Pt(18))
        groups = attendance_by_category(
            self.data.delegations,
            language=self.lang.code,
            organizations_in_english_order=self.data.organizations_in_english_order,
        )
        if not groups:
            self.paragraph([(pgettext("report", "No participant is registered."), "")])
        ngo_heading_written = False
        for group in groups:
            count = len(group.participations)
            if group.category in NGO_CATEGORIES:
                if not ngo_heading_written:
                    total = sum(len(g.participations) for g in groups if g.category in NGO_CATEGORIES)
                    self.heading("", self.category_title(Participation.Category.NGO_GENERAL, total), 1)
                    ngo_heading_written = True
                self.heading("", category_heading(group.category), 2)
            else:
                self.heading("", self.category_title(group.category, count), 1)
            for delegation in group.participations:
                self.delegation(delegation)
        return self.finish()

    def delegation(self, delegation: DelegationData) -> None:
        self.paragraph(
            [(self.lang.typography(self.name(delegation.name_in(self.lang.code))), "bold")],
            keep_with_next=bool(delegation.delegates),
            space_before=Pt(6),
            space_after=Pt(2),
        )
        for index, delegate in enumerate(delegation.delegates):
            self.paragraph(
                self.delegate_runs(delegate),
                left_indent=INDENT,
                space_after=Pt(0),
                keep_with_next=index < len(delegation.delegates) - 1,
            )

    def delegate_runs(self, delegate: DelegateData) -> list[Run]:
        """ "H.E. Ms. Claire Exemple, Ambassador, Permanent Mission…, Head of delegation"."""
        runs: list[Run] = []
        if delegate.title.strip():
            runs.append((self.name(delegate.title.strip()) + "\u00a0", ""))
        courtesy = [(text, style) for text, style in self.lang.courtesy(delegate.courtesy) if text]
        if courtesy:
            runs.extend([*courtesy, ("\u00a0", "")])
        runs.append((self.name(delegate.name.strip()), ""))
        details = [self.name(text.strip()) for text in (delegate.function, delegate.organization) if text.strip()]
        role = self.role(delegate)
        if role:
            details.append(role)
        separator = pgettext("report list", ", ")  # "، " in Arabic
        runs.extend((separator + detail, "") for detail in details if detail)
        return [(self.lang.typography(text), style) for text, style in runs]

    def role(self, delegate: DelegateData) -> str:
        """The head and the deputy head of delegation are named as such, in the grammatical gender of their title."""
        names: dict[str, str]
        if delegate.courtesy == "ms":
            names = {
                Delegate.Role.HEAD: pgettext("report participants, feminine", "Head of delegation"),
                Delegate.Role.DEPUTY: pgettext("report participants, feminine", "Deputy head of delegation"),
            }
        else:
            names = {
                Delegate.Role.HEAD: pgettext("report participants", "Head of delegation"),
                Delegate.Role.DEPUTY: pgettext("report participants", "Deputy head of delegation"),
            }
        return names.get(delegate.role, "")

    def category_title(self, category: str, count: int) -> str:
        organization = self.text(self.data.organization_short)
        gender = self.data.organization_gender.get(self.lang.code)
        titles: dict[str, str] = {
            Participation.Category.MEMBER_STATE: npgettext(
                "report participants", "State member %(of_organization)s", "States members %(of_organization)s", count
            ),
            Participation.Category.OTHER_STATE: npgettext(
                "report participants",
                "State member of the Conference",
                "States members of the Conference",
                count,
            ),
            Participation.Category.OBSERVER_STATE: npgettext(
                "report participants", "Non-member observer State", "Non-member observer States", count
            ),
            Participation.Category.INTERGOVERNMENTAL: npgettext(
                "report participants", "Intergovernmental organization", "Intergovernmental organizations", count
            ),
            Participation.Category.UN_BODY: npgettext(
                "report participants",
                "United Nations organ, body or programme",
                "United Nations organs, bodies and programmes",
                count,
            ),
            Participation.Category.SPECIALIZED_AGENCY: npgettext(
                "report participants",
                "Specialized agency or related organization",
                "Specialized agencies and related organizations",
                count,
            ),
            Participation.Category.NGO_GENERAL: npgettext(
                "report participants", "Non-governmental organization", "Non-governmental organizations", count
            ),
            Participation.Category.OTHER: npgettext(
                "report participants", "Other participant", "Other participants", count
            ),
        }
        organization_phrase = self.lang.of(self.lang.organization(organization, gender))
        return "".join(text for text, _style in self.rich(titles[category], of_organization=organization_phrase))

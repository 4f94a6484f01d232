"""The secretariat's changes to a body's report scheme. Each locks the scheme, refuses a change made on a page
older than the scheme (two editors never overwrite each other), and refuses a scheme the report could not be
written from."""

import copy
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from committee.bodies.models import Committee
from committee.kernel.audit import audited
from committee.kernel.editing import EditError
from committee.roles.access import Permission, can
from documents.builders.schemes import PRESETS, Holds
from documents.schemes.models import ReportScheme
from documents.schemes.rules import preset_scheme, scheme_problems


def scheme_of(committee: Committee) -> ReportScheme:
    """The body's scheme; one not yet set is the first preset's, unsaved."""
    scheme: ReportScheme | None = getattr(committee, "report_scheme", None)  # missing: RelatedObjectDoesNotExist
    if scheme is not None:
        return scheme
    return from_dict(ReportScheme(committee=committee, revision=0), preset_scheme("unctad_expert_group"))


def from_dict(scheme: ReportScheme, values: dict[str, Any]) -> ReportScheme:
    """`scheme` with the values of a stored or exchanged scheme (report_scheme.schema.json), unsaved."""
    scheme.preset = values.get("preset", "")
    scheme.title_pattern = values.get("title_pattern", ReportScheme.Title.SESSION)
    scheme.attendance = values.get("attendance", ReportScheme.AttendanceStyle.LIST)
    scheme.rapporteur_line = values.get("rapporteur_line", False)
    scheme.agenda_item_line = values.get("agenda_item_line", False)
    scheme.statements = values.get("statements", False)
    scheme.masthead = values.get("masthead", ReportScheme.MastheadStyle.UN)
    scheme.parts = values["parts"]
    return scheme


def _change(committee: Committee, by: User, expected_revision: int | None, change) -> ReportScheme:
    """Apply `change` (a function of the scheme's dict, returning the new dict) to the locked scheme."""
    if not can(by, Permission.MANAGE, committee):
        raise EditError(_("Only the secretariat changes the report scheme."))
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()  # serializes the scheme's creation
        scheme = ReportScheme.objects.select_for_update().filter(committee=committee).first()
        current = scheme or scheme_of(committee)
        if expected_revision is not None and current.revision != expected_revision:
            raise EditError(_("The scheme was changed meanwhile: here it is as it stands now. Make your change again."))
        values = change(copy.deepcopy(current.as_dict()))
        problems = scheme_problems(values)
        if problems:
            raise EditError(" ".join(message for _path, message in problems))
        scheme = from_dict(scheme or ReportScheme(committee=committee), values)
        scheme.revision = current.revision + 1
        scheme.save()
    return scheme


@audited
def use_preset(*, committee: Committee, preset: str, by: User, expected_revision: int | None = None) -> ReportScheme:
    """Start the body's scheme again from a preset: its parts and titles are replaced."""
    if preset not in PRESETS:
        raise EditError(_("There is no such preset."))
    return _change(committee, by, expected_revision, lambda _values: preset_scheme(preset))


@audited
def change_settings(
    *, committee: Committee, values: dict[str, Any], by: User, expected_revision: int | None = None
) -> ReportScheme:
    """The report's title pattern, how it writes attendance, and whether it names the rapporteur under the title."""
    fields = ("title_pattern", "attendance", "rapporteur_line", "agenda_item_line", "statements", "masthead")
    return _change(committee, by, expected_revision, lambda scheme: {**scheme, **{f: values[f] for f in fields}})


def _parts_at(scheme: dict[str, Any], part: int, section: int | None) -> tuple[list[dict[str, Any]], int]:
    """The list holding the addressed part (the scheme's parts, or a chapter's sections) and its index there."""
    try:
        if section is None:
            scheme["parts"][part]  # noqa: B018 - the part must exist
            return scheme["parts"], part
        sections = scheme["parts"][part]["sections"]
        sections[section]  # noqa: B018
        return sections, section
    except (IndexError, KeyError):
        raise EditError(_("The scheme has no such part: it was changed meanwhile.")) from None


@audited
def retitle_part(
    *, committee: Committee, part: int, section: int | None = None, title: dict[str, str], by: User,
    expected_revision: int,
) -> ReportScheme:  # fmt: skip
    """Give a part (or a section of a chapter) its title per language; a language left blank takes the usual
    title of what it holds."""

    def change(scheme: dict[str, Any]) -> dict[str, Any]:
        siblings, index = _parts_at(scheme, part, section)
        written = {language: text.strip() for language, text in title.items() if text.strip()}
        if written:
            siblings[index]["title"] = written
        else:
            siblings[index].pop("title", None)
        return scheme

    return _change(committee, by, expected_revision, change)


@audited
def move_part(
    *, committee: Committee, part: int, section: int | None = None, step: int, by: User, expected_revision: int
) -> ReportScheme:
    """Move a part one place up (step -1) or down (+1) among its siblings; chapters stay before annexes."""

    def change(scheme: dict[str, Any]) -> dict[str, Any]:
        siblings, index = _parts_at(scheme, part, section)
        other = index + step
        if not 0 <= other < len(siblings) or siblings[other].get("annex", False) != siblings[index].get("annex", False):
            raise EditError(_("It is already at that end."))
        siblings[index], siblings[other] = siblings[other], siblings[index]
        return scheme

    return _change(committee, by, expected_revision, change)


@audited
def remove_part(
    *, committee: Committee, part: int, section: int | None = None, by: User, expected_revision: int
) -> ReportScheme:
    def change(scheme: dict[str, Any]) -> dict[str, Any]:
        siblings, index = _parts_at(scheme, part, section)
        del siblings[index]
        return scheme

    return _change(committee, by, expected_revision, change)


@audited
def add_part(
    *, committee: Committee, holds: str, annex: bool = False, into: int | None = None, by: User,
    expected_revision: int,
) -> ReportScheme:  # fmt: skip
    """Add a chapter or annex at the end of its kind, or (`into` a chapter of sections) a section at its end."""

    def change(scheme: dict[str, Any]) -> dict[str, Any]:
        if into is not None:
            siblings, index = _parts_at(scheme, into, None)
            if siblings[index]["holds"] != Holds.SECTIONS:
                raise EditError(_("Only a chapter of sections takes sections."))
            siblings[index].setdefault("sections", []).append({"holds": holds})
            return scheme
        new: dict[str, Any] = {"holds": holds, **({"annex": True} if annex else {})}
        if holds == Holds.SECTIONS:
            new["sections"] = []
        parts = scheme["parts"]
        at = len(parts) if annex else next((i for i, p in enumerate(parts) if p.get("annex")), len(parts))
        parts.insert(at, new)
        return scheme

    return _change(committee, by, expected_revision, change)

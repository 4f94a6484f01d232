"""The secretariat's page for a body's report scheme: start from a preset, set the title and attendance,
and give the chapters and annexes their order, titles and sections. Views only call the services."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.bodies.models import Committee
from committee.kernel.editing import carry_out, submitted_revision
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGES, WORKING_LANGUAGES
from committee.roles.access import Permission, get_committee_for_user
from documents.builders.language import roman_numeral
from documents.builders.schemes import Holds
from documents.schemes.forms import PART_CHOICES, SECTION_CHOICES, SchemeSettingsForm, usual_titles
from documents.schemes.models import ReportScheme
from documents.schemes.services import (
    add_part,
    change_settings,
    move_part,
    remove_part,
    retitle_part,
    scheme_of,
    use_preset,
)


@dataclass(frozen=True)
class TitleFields:
    """A part's title per language, as its form shows it: (language, the title set, the usual title shown
    greyed), the working languages first, the others folded unless one has a title."""

    working: list[tuple[str, str, str]]
    others: list[tuple[str, str, str]]

    @property
    def others_set(self) -> bool:
        return any(title for _language, title, _usual in self.others)


def _committee(request: AuthenticatedHttpRequest, code: str) -> Committee:
    return get_committee_for_user(request.user, code, need=Permission.MANAGE)


@login_required
def scheme_page(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = _committee(request, code)
    scheme = scheme_of(committee)
    usual = usual_titles()
    names = dict(PART_CHOICES) | dict(SECTION_CHOICES)
    chapters = annexes = 0
    parts = []
    for index, part in enumerate(scheme.parts):
        if part.get("annex"):
            annexes += 1
            number = _("Annex %(number)s") % {"number": roman_numeral(annexes)}
        else:
            chapters += 1
            number = _("Chapter %(number)s") % {"number": roman_numeral(chapters)}
        sections = [
            (position, section, names[section["holds"]], _title_fields(section, usual))
            for position, section in enumerate(part.get("sections", []))
        ]
        parts.append((index, part, number, names[part["holds"]], _title_fields(part, usual), sections))
    context = {
        "committee": committee,
        "scheme": scheme,
        "parts": parts,
        "settings_form": SchemeSettingsForm(instance=scheme),
        "presets": ReportScheme.Preset.choices,
        "part_choices": PART_CHOICES,
        "section_choices": SECTION_CHOICES,
        "sections_kind": Holds.SECTIONS,
    }
    return render(request, "schemes/scheme_page.html", context)


def _title_fields(part: dict, usual: tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]) -> TitleFields:
    by_kind, catalogue = usual
    fallback = catalogue.get(part.get("usual", ""), by_kind.get(part["holds"], {}))
    fields = [(language, part.get("title", {}).get(language, ""), fallback.get(language, "")) for language in LANGUAGES]
    return TitleFields(
        working=[field for field in fields if field[0] in WORKING_LANGUAGES],
        others=[field for field in fields if field[0] not in WORKING_LANGUAGES],
    )


def _back(committee: Committee) -> HttpResponse:
    return redirect("schemes:scheme", code=committee.code)


def _section(request: AuthenticatedHttpRequest) -> int | None:
    value = request.POST.get("section", "")
    return int(value) if value.isdigit() else None


@require_POST
@login_required
def preset_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = _committee(request, code)
    preset = request.POST.get("preset", "")
    carry_out(
        request,
        lambda: use_preset(
            committee=committee, preset=preset, by=request.user, expected_revision=submitted_revision(request)
        ),
        done=_("The scheme now follows the preset."),
    )
    return _back(committee)


@require_POST
@login_required
def settings_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    committee = _committee(request, code)
    form = SchemeSettingsForm(request.POST, instance=scheme_of(committee))
    if form.is_valid():
        carry_out(
            request,
            lambda: change_settings(
                committee=committee,
                values=form.cleaned_data,
                by=request.user,
                expected_revision=submitted_revision(request),
            ),
            done=_("The settings are saved."),
        )
    return _back(committee)


@require_POST
@login_required
def part_view(request: AuthenticatedHttpRequest, code: str, part: str, action: str) -> HttpResponse:
    """Retitle, move or remove a chapter or annex, or (with `section`) one of a chapter's sections."""
    committee = _committee(request, code)
    index, section, revision = int(part), _section(request), submitted_revision(request)
    if action == "title":
        title = {language: request.POST.get(f"title_{language}", "") for language in LANGUAGES}
        carry_out(
            request,
            lambda: retitle_part(
                committee=committee,
                part=index,
                section=section,
                title=title,
                by=request.user,
                expected_revision=revision,
            ),
            done=_("The title is saved."),
        )
    elif action in ("up", "down"):
        step = -1 if action == "up" else 1
        carry_out(
            request,
            lambda: move_part(
                committee=committee, part=index, section=section, step=step, by=request.user, expected_revision=revision
            ),
            done=_("Moved."),
        )
    else:
        carry_out(
            request,
            lambda: remove_part(
                committee=committee, part=index, section=section, by=request.user, expected_revision=revision
            ),
            done=_("Removed."),
        )
    return _back(committee)


@require_POST
@login_required
def add_part_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Add a chapter or an annex, or (with `into`) a section to a chapter of sections."""
    committee = _committee(request, code)
    holds, place = request.POST.get("holds", ""), request.POST.get("place", "chapter")
    into = request.POST.get("into", "")
    carry_out(
        request,
        lambda: add_part(
            committee=committee,
            holds=holds,
            annex=place == "annex",
            into=int(into) if into.isdigit() else None,
            by=request.user,
            expected_revision=submitted_revision(request),
        ),
        done=_("Added."),
    )
    return _back(committee)

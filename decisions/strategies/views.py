"""A strategy's monitoring: the matrix of measures by member, a member's reports, charts and imports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.jobs.views import start_for_request
from committee.kernel.forms import SpreadsheetForm
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.page_cache import cached_page
from committee.roles.access import Permission, can, check, get_committee_for_user
from decisions.follow_up.views import chart_image
from decisions.strategies.jobs import IMPORT_SPREADSHEET
from decisions.strategies.models import Strategy, reporting_members
from decisions.strategies.monitoring import member_history, strategy_charts, strategy_matrix


def _strategy(request: HttpRequest, code: str, slug: str) -> Strategy:
    committee = get_committee_for_user(request.user, code)
    return get_object_or_404(Strategy.objects.select_related("committee"), committee=committee, code=slug)


def _shown_area(request: HttpRequest) -> int | None:
    area = request.GET.get("area", "")
    return int(area) if area.isdigit() else None


@cached_page
def strategy_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """The measures by member, each cell its latest status in words and colour; filterable by area."""
    strategy = _strategy(request, code, slug)
    matrix = strategy_matrix(strategy, area=_shown_area(request))
    context = {
        "strategy": strategy,
        "committee": strategy.committee,
        "matrix": matrix,
        "all_areas": strategy.areas.all(),
        "charts": strategy_charts(matrix) if matrix.members and matrix.areas else [],
        "can_manage": can(request.user, Permission.MANAGE, strategy.committee),
        "area_query": f"?area={matrix.shown_area}" if matrix.shown_area else "",
    }
    return render(request, "strategies/strategy.html", context)


def member_page(request: HttpRequest, code: str, slug: str, member: str) -> HttpResponse:
    """One member's reports on each measure of the strategy, over time."""
    strategy = _strategy(request, code, slug)
    membership = get_object_or_404(reporting_members(strategy.committee).select_related("entity"), entity__code=member)
    context = {
        "strategy": strategy,
        "committee": strategy.committee,
        "member": membership.entity,
        "areas": member_history(strategy, membership.entity),
    }
    return render(request, "strategies/strategy_member.html", context)


def strategy_chart(request: HttpRequest, code: str, slug: str, key: str) -> HttpResponse:
    strategy = _strategy(request, code, slug)
    matrix = strategy_matrix(strategy, area=_shown_area(request))
    chart = next((c for c in strategy_charts(matrix) if c.key == key), None)
    return chart_image(chart)


@require_POST
@login_required
def strategy_import(request: AuthenticatedHttpRequest, code: str, slug: str, kind: str) -> HttpResponse:
    """Measures or members' statuses from the secretariat's spreadsheet, by a job: all of it, or nothing and every
    problem."""
    strategy = _strategy(request, code, slug)
    check(request.user, Permission.MANAGE, strategy.committee)
    form = SpreadsheetForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(map(str, form.errors["file"])))
        return redirect("strategies:strategy", code=code, slug=slug)
    upload = form.cleaned_data["file"]
    return start_for_request(
        request,
        IMPORT_SPREADSHEET,
        title=_("Importing %(file)s into %(strategy)s") % {"file": upload.name, "strategy": strategy},
        arguments={"strategy": strategy.pk, "kind": kind, "filename": upload.name},
        back_url=reverse("strategies:strategy", kwargs={"code": code, "slug": slug}),
        upload=upload,
    )

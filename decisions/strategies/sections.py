"""What strategy monitoring shows on the committee's page: a link to each of its strategies."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from committee.bodies.models import Committee
from meetings.programme.pages import committee_main


@committee_main.add(order=20)
def strategies(request: HttpRequest, committee: Committee) -> str:
    strategies = list(committee.strategies.all())
    if not strategies:
        return ""
    context = {"committee": committee, "strategies": strategies}
    return render_to_string("strategies/committee_strategies.html", context, request=request)

"""What the report schemes add to the committee page: the secretariat's link to the body's scheme."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committee.bodies.models import Committee
from meetings.programme.pages import committee_setup


@committee_setup.add(order=10)
def scheme_link(request: HttpRequest, committee: Committee) -> SafeString:
    return format_html(
        '<a class="btn btn-sm btn-outline-secondary" href="{}">{}</a>',
        reverse("schemes:scheme", kwargs={"code": committee.code}),
        _("Report scheme"),
    )

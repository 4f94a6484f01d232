from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from committee.kernel.http import healthz
from committee.roles import views as roles_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # One sign-in for the whole app, with its rate limits and two-factor authentication.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", admin.site.urls),
    # The Security page, with the person's API tokens, before allauth's own (same name: it wins both ways).
    path("accounts/2fa/", roles_views.security_page, name="mfa_index"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("committee.roles.urls")),
    path("", include("committee.setup.urls")),
    path("", include("meetings.sessions.urls")),
    path("", include("committee.notifications.urls")),
    path("", include("committee.jobs.urls")),
    path("", include("committee.files.urls")),
    path("", include("meetings.registration.urls")),
    path("", include("meetings.live.urls")),
    path("", include("meetings.proceedings.urls")),
    path("", include("decisions.outcomes.urls")),
    path("", include("decisions.follow_up.urls")),
    path("", include("decisions.strategies.urls")),
    path("", include("documents.registry.urls")),
    path("", include("documents.schemes.urls")),
    path("", include("documents.reports.urls")),
    path("", include("documents.translations.urls")),
    path("", include("documents.search.urls")),
    path("", include("documents.api.urls")),
    path("", include("meetings.programme.urls")),  # last: its session page takes any address under a session's
]

handler404 = "documents.api.views.not_found"

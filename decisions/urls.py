from django.urls import path, re_path

from decisions import views

app_name = "decisions"
urlpatterns = [
    path("committees/<str:code>/follow-up/", views.committee_follow_up, name="committee_follow_up"),
    path("committees/<str:code>/follow-up/<slug:key>.png", views.follow_up_chart, name="follow_up_chart"),
    path("committees/<str:code>/strategies/<slug:slug>/", views.strategy_page, name="strategy"),
    path("committees/<str:code>/strategies/<slug:slug>/members/<str:member>/", views.member_page, name="member"),
    path("committees/<str:code>/strategies/<slug:slug>/<slug:key>.png", views.strategy_chart, name="strategy_chart"),
    re_path(
        r"^committees/(?P<code>[^/]+)/strategies/(?P<slug>[-\w]+)/import/(?P<kind>measures|statuses)/$",
        views.strategy_import,
        name="strategy_import",
    ),
    path("sessions/<path:code>/decisions/", views.session_decisions, name="session_decisions"),
    path("sessions/<path:code>/decisions/<int:pk>/", views.paragraph_page, name="paragraph"),
    path("sessions/<path:code>/decisions/<int:pk>/actions/", views.add_action, name="add_action"),
    path("sessions/<path:code>/follow-up/actions/<int:pk>/progress/", views.report_view, name="report_progress"),
    path("sessions/<path:code>/follow-up/progress/<int:pk>/evidence/", views.evidence_file, name="evidence"),
    re_path(
        r"^sessions/(?P<code>.+)/follow-up/progress/(?P<pk>\d+)/(?P<step>publish|withdraw)/$",
        views.update_view,
        name="update",
    ),
]

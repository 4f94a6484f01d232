from django.urls import path, re_path

from decisions.follow_up import views

app_name = "follow_up"
urlpatterns = [
    path("committees/<str:code>/follow-up/", views.committee_follow_up, name="committee_follow_up"),
    path("committees/<str:code>/follow-up/<slug:key>.png", views.follow_up_chart, name="follow_up_chart"),
    path("sessions/<path:code>/decisions/", views.session_decisions, name="session_decisions"),
    path("sessions/<path:code>/decisions/<int:pk>/", views.paragraph_page, name="paragraph"),
    path("sessions/<path:code>/decisions/<int:pk>/actions/", views.add_action_view, name="add_action"),
    path("sessions/<path:code>/follow-up/actions/<int:pk>/progress/", views.report_view, name="report_progress"),
    path("sessions/<path:code>/follow-up/progress/<int:pk>/evidence/", views.evidence_file, name="evidence"),
    re_path(
        r"^sessions/(?P<code>.+)/follow-up/progress/(?P<pk>\d+)/(?P<step>publish|withdraw)/$",
        views.update_view,
        name="update",
    ),
]

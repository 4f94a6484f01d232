from django.urls import path

from meetings import calendar_views, live_views, programme_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("calendar/", calendar_views.calendars, name="calendars"),
    path("calendar/renew/", calendar_views.renew_calendar, name="renew_calendar"),
    path("calendar/<str:token>.ics", calendar_views.personal_calendar, name="personal_calendar"),
    path("committees/<str:code>/calendar.ics", calendar_views.committee_calendar, name="committee_calendar"),
    path("meetings/<int:pk>/", programme_views.edit_meeting, name="edit_meeting"),
    path("meetings/<int:pk>/live/", live_views.live_page, name="live"),
    path("meetings/<int:pk>/display/", live_views.live_page, {"display": True}, name="live_display"),
    path("meetings/<int:pk>/live/<slug:action>/", live_views.live_action, name="live_action"),
    path("meetings/<int:pk>/cancel/", programme_views.cancel_meeting_view, name="cancel_meeting"),
    path(
        "committees/<str:code>/meetings/new/",
        programme_views.new_meeting,
        {"outside_sessions": True},
        name="new_committee_meeting",
    ),
    path("sessions/<path:code>/meetings/new/", programme_views.new_meeting, name="new_meeting"),
    path("sessions/<path:code>/calendar.ics", calendar_views.session_calendar, name="session_calendar"),
    path("sessions/<path:code>/registration/", views.registration, name="registration"),
    path("sessions/<path:code>/registration/delegations/", views.add_delegation, name="add_delegation"),
    path("sessions/<path:code>/registration/delegations/<int:pk>/", views.delegation, name="delegation"),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/",
        views.save_delegate_view,
        name="add_delegate",
    ),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/<int:delegate_pk>/",
        views.save_delegate_view,
        name="save_delegate",
    ),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/<int:delegate_pk>/remove/",
        views.remove_delegate_view,
        name="remove_delegate",
    ),
    path("sessions/<path:code>/registration/import/", views.import_registrations, name="import_registrations"),
    path("sessions/<path:code>/registration/import/<int:pk>/", views.resolve_import, name="resolve_import"),
    path("sessions/<path:code>/registration/import/<int:pk>/discard/", views.discard_import, name="discard_import"),
    path("sessions/<path:code>/registration/attendance/<slug:key>/", views.attendance, name="attendance"),
    path("sessions/<path:code>/", views.session_detail, name="session"),
]

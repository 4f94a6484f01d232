from django.urls import path, re_path

from meetings.programme import agenda_views, calendar_views, programme_views, views

app_name = "programme"
urlpatterns = [
    path("", views.home, name="home"),
    path("committees/<str:code>/", views.committee_page, name="committee"),
    path("calendar/", calendar_views.calendars, name="calendars"),
    path("calendar/renew/", calendar_views.renew_calendar, name="renew_calendar"),
    path("calendar/<str:token>.ics", calendar_views.personal_calendar, name="personal_calendar"),
    path("committees/<str:code>/calendar.ics", calendar_views.committee_calendar, name="committee_calendar"),
    path("meetings/<int:pk>/", programme_views.edit_meeting, name="edit_meeting"),
    path("meetings/<int:pk>/cancel/", programme_views.cancel_meeting_view, name="cancel_meeting"),
    path(
        "committees/<str:code>/meetings/new/",
        programme_views.new_meeting,
        {"outside_sessions": True},
        name="new_committee_meeting",
    ),
    path("sessions/<path:code>/meetings/new/", programme_views.new_meeting, name="new_meeting"),
    path("sessions/<path:code>/calendar.ics", calendar_views.session_calendar, name="session_calendar"),
    path("sessions/<path:code>/agenda/", agenda_views.agenda_page, name="agenda"),
    re_path(
        r"^sessions/(?P<code>.+)/agenda/(?P<action>prepare|adopt)/$", agenda_views.agenda_action, name="agenda_action"
    ),
    path("sessions/<path:code>/agenda/items/<int:pk>/", agenda_views.edit_item_view, name="agenda_item"),
    re_path(
        r"^sessions/(?P<code>.+)/agenda/items/(?P<pk>\d+)/(?P<action>add|subitem|up|down|remove)/$",
        agenda_views.item_structure_view,
        name="agenda_item_structure",
    ),
    re_path(
        r"^sessions/(?P<code>.+)/agenda/(?P<kind>provisional|adopted|next_session)/half-days/$",
        agenda_views.half_day_view,
        name="half_day",
    ),
    path(
        "sessions/<path:code>/agenda/half-days/<int:pk>/remove/",
        agenda_views.remove_half_day_view,
        name="remove_half_day",
    ),
    # Last, and this app's routes last in config/urls.py: every other address under a session's is more specific.
    path("sessions/<path:code>/", views.session_detail, name="session"),
]

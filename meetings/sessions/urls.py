from django.urls import path

from meetings.sessions import views

app_name = "sessions"
urlpatterns = [
    path("committees/<str:code>/sessions/new/", views.new_session, name="new_session"),
    path("sessions/<path:code>/settings/", views.session_settings, name="session_settings"),
]

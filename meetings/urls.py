from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/<path:code>/", views.session_detail, name="session"),
]

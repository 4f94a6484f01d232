from django.urls import path

from committee.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
]

from django.urls import path

from meetings.live import views

app_name = "live"
urlpatterns = [
    path("meetings/<int:pk>/live/", views.live_page, name="live"),
    path("meetings/<int:pk>/display/", views.live_page, {"display": True}, name="live_display"),
    path("meetings/<int:pk>/live/<slug:action>/", views.live_action, name="live_action"),
]

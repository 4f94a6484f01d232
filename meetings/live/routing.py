from django.urls import path

from meetings.live.consumers import LiveMeetingConsumer

websocket_urlpatterns = [
    path("ws/meetings/<int:pk>/", LiveMeetingConsumer.as_asgi()),
]

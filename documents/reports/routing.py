from django.urls import path

from documents.reports.consumers import ReportReviewConsumer

websocket_urlpatterns = [
    path("ws/reports/<int:session>/", ReportReviewConsumer.as_asgi()),
]

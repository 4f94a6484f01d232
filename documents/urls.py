from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("sessions/<path:code>/report.<str:language>.docx", views.session_report, name="session_report"),
]

from django.urls import path

from documents.registry import views

app_name = "registry"
urlpatterns = [
    path("sessions/<path:code>/documents/", views.registry, name="registry"),
    path("documents/<path:symbol>/versions/", views.upload_version, name="upload_version"),
    path("documents/<path:symbol>/<str:language>/", views.document_file, name="document_file"),
]

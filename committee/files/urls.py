from django.urls import path

from committee.files import views

app_name = "files"
urlpatterns = [path("stored-files/<path:name>", views.stored_file, name="stored_file")]

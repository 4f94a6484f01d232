from django.urls import path

from documents.translations import views

app_name = "translations"
urlpatterns = [
    path("translations/<path:symbol>/", views.document_translations, name="document"),
]

from django.urls import path

from decisions.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("sessions/<path:code>/adoption/<int:pk>/", views.adoption_page, name="adoption"),
]

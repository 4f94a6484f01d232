from django.urls import path

from meetings.registration import views

app_name = "registration"
urlpatterns = [
    path("sessions/<path:code>/registration/", views.registration, name="registration"),
    path("sessions/<path:code>/registration/delegations/", views.add_delegation, name="add_delegation"),
    path("sessions/<path:code>/registration/delegations/<int:pk>/", views.delegation, name="delegation"),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/",
        views.save_delegate_view,
        name="add_delegate",
    ),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/<int:delegate_pk>/",
        views.save_delegate_view,
        name="save_delegate",
    ),
    path(
        "sessions/<path:code>/registration/delegations/<int:pk>/delegates/<int:delegate_pk>/remove/",
        views.remove_delegate_view,
        name="remove_delegate",
    ),
    path("sessions/<path:code>/registration/import/", views.import_registrations, name="import_registrations"),
    path(
        "sessions/<path:code>/registration/registrations.<str:kind>",
        views.registrations_download,
        name="registrations_download",
    ),
    path("sessions/<path:code>/registration/import/<int:pk>/", views.resolve_import, name="resolve_import"),
    path("sessions/<path:code>/registration/import/<int:pk>/discard/", views.discard_import, name="discard_import"),
    path("sessions/<path:code>/registration/attendance/<slug:key>/", views.attendance, name="attendance"),
]

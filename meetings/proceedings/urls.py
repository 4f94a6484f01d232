from django.urls import path

from meetings.proceedings import views

app_name = "proceedings"
urlpatterns = [
    path("sessions/<path:code>/proceedings/", views.proceedings_page, name="page"),
    path("sessions/<path:code>/proceedings/officers/", views.elect_officer_view, name="elect_officer"),
    path(
        "sessions/<path:code>/proceedings/officers/<int:pk>/remove/", views.remove_officer_view, name="remove_officer"
    ),
    path("sessions/<path:code>/proceedings/<slug:kind>/", views.record_step_view, name="record_step"),
    path("sessions/<path:code>/proceedings/<slug:kind>/withdraw/", views.withdraw_step_view, name="withdraw_step"),
]

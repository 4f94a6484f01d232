from django.urls import path

from committee.jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/<uuid:pk>/", views.job_page, name="job"),
    path("jobs/<uuid:pk>/status/", views.job_status, name="status"),
    path("jobs/<uuid:pk>/result/", views.job_result, name="result"),
    path("jobs/<uuid:pk>/retry/", views.retry, name="retry"),
]

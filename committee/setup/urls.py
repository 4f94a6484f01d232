from django.urls import path

from committee.setup import views

app_name = "setup"
urlpatterns = [
    path("new-committee/", views.new_committee, name="new_committee"),
    path("committees/<str:code>/settings/", views.committee_settings, name="committee_settings"),
    path("committees/<str:code>/membership/", views.membership, name="membership"),
    path("committees/<str:code>/membership/add/", views.save_membership_view, name="add_membership"),
    path("committees/<str:code>/membership/<int:pk>/", views.save_membership_view, name="change_membership"),
    path("committees/<str:code>/membership/<int:pk>/remove/", views.remove_membership_view, name="remove_membership"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<str:code>/", views.organization, name="organization"),
]

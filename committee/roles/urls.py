from django.urls import path

from committee.roles import views

app_name = "roles"
urlpatterns = [
    path("committees/<str:code>/invite/", views.invite_view, name="invite"),
    path("committees/<str:code>/roles/<int:pk>/remove/", views.revoke_role_view, name="revoke_role"),
    path(
        "committees/<str:code>/invitations/<int:pk>/withdraw/",
        views.withdraw_invitation_view,
        name="withdraw_invitation",
    ),
    path("invitations/<str:token>/", views.accept_invitation_view, name="accept_invitation"),
    path("accounts/tokens/", views.create_token_view, name="create_token"),
    path("accounts/tokens/<int:pk>/revoke/", views.revoke_token_view, name="revoke_token"),
]

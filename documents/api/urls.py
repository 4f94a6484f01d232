from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from documents.api import views

router = DefaultRouter()
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agendas", views.AgendaViewSet, basename="agenda")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("actions", views.ActionViewSet, basename="action")
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("delegations", views.DelegationViewSet, basename="delegation")

app_name = "api"
urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("api/search/", views.SearchView.as_view(), name="search"),
    path("api/", include(router.urls)),
]

from django.urls import path, re_path

from decisions.strategies import views

app_name = "strategies"
urlpatterns = [
    path("committees/<str:code>/strategies/<slug:slug>/", views.strategy_page, name="strategy"),
    path("committees/<str:code>/strategies/<slug:slug>/members/<str:member>/", views.member_page, name="member"),
    path("committees/<str:code>/strategies/<slug:slug>/<slug:key>.png", views.strategy_chart, name="strategy_chart"),
    re_path(
        r"^committees/(?P<code>[^/]+)/strategies/(?P<slug>[-\w]+)/import/(?P<kind>measures|statuses)/$",
        views.strategy_import,
        name="strategy_import",
    ),
]

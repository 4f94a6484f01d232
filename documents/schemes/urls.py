from django.urls import path, re_path

from documents.schemes import views

app_name = "schemes"
urlpatterns = [
    path("committees/<str:code>/report-scheme/", views.scheme_page, name="scheme"),
    path("committees/<str:code>/report-scheme/preset/", views.preset_view, name="preset"),
    path("committees/<str:code>/report-scheme/settings/", views.settings_view, name="settings"),
    path("committees/<str:code>/report-scheme/parts/add/", views.add_part_view, name="add_part"),
    re_path(
        r"^committees/(?P<code>[^/]+)/report-scheme/parts/(?P<part>\d+)/(?P<action>title|up|down|remove)/$",
        views.part_view,
        name="part",
    ),
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "documents.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from documents.search import index

        index.follow_changes()

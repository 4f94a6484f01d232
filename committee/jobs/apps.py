from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "committee.jobs"
    verbose_name = _("Long work done in the background: documents, finalizations, imports, notices")

    def ready(self) -> None:
        from committee.jobs.email import register_jobs

        register_jobs()

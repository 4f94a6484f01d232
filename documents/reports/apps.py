from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "documents.reports"
    verbose_name = _("Session reports")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from documents.reports import sections  # noqa: F401 - its sections join the session's page
        from documents.reports.generators import register_generators
        from documents.reports.jobs import register_jobs
        from documents.reports.services import open_draft_report
        from meetings.sessions.models import Session

        register_generators()
        register_jobs()
        post_save.connect(open_draft_report, sender=Session, dispatch_uid="every_session_has_a_report")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "meetings.registration"
    verbose_name = _("Registration and attendance")

    def ready(self) -> None:
        from committee.jobs.kinds import register
        from meetings.programme.signals import meeting_changed
        from meetings.registration import sections  # noqa: F401 - its sections join the pages below
        from meetings.registration.jobs import register_jobs
        from meetings.registration.notices import MEETING_NOTICES, meeting_notices, on_meeting_changed

        register(MEETING_NOTICES, meeting_notices)
        register_jobs()
        meeting_changed.connect(on_meeting_changed, dispatch_uid="registration.meeting_notices")

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from committee.jobs.models import Job
from committee.jobs.services import JobError, retry_job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """What the workers did and failed to do: for the administrators, who can try a failed job again."""

    list_display = ["title", "kind", "status", "progress", "attempts", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "error"]
    list_select_related = ["requested_by"]
    actions = ["try_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Try the failed jobs again"))
    def try_again(self, request, queryset):
        for job in queryset:
            try:
                retry_job(job)
            except JobError as refusal:
                self.message_user(request, f"{job}: {refusal}", messages.WARNING)

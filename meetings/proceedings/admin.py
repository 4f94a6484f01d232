from django.contrib import admin

from committee.kernel.admin import add_inlines
from meetings.proceedings.models import Proceeding
from meetings.programme.admin import SessionMeetingChoices
from meetings.sessions.models import Session


class ProceedingInline(SessionMeetingChoices, admin.TabularInline):
    model = Proceeding
    extra = 0
    meeting_field = "meeting"
    fields = ["kind", "meeting", "held_on", "rapporteur_authorized"]


add_inlines(Session, ProceedingInline)

"""What the programme tells the apps above it: a meeting was scheduled, changed (in what calendars show) or
cancelled. Registration answers with notices to the meeting's participants."""

from django.dispatch import Signal

SCHEDULED, CHANGED, CANCELLED = "scheduled", "changed", "cancelled"

meeting_changed = Signal()  # sent once the change is committed, with `meeting_id` and `change`

"""Signals of the kernel, which any app may send and any app above may follow."""

from django.dispatch import Signal

# Sent once a write in bulk has committed (it sends no post_save of its own: a session file imported, say), with
# `session_ids` and `committee_ids`: what it rewrote.
records_rewritten = Signal()

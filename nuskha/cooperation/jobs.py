"""Background jobs of cooperation: the daily e-mail reminders of agreements expiring
(scheduled by migration 0002_daily_reminders)."""

from __future__ import annotations

from django.utils import timezone

from nuskha.cooperation.reminders import due_reminders, send_due_reminders
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function


@job_function(max_attempts=3)
def send_agreement_reminders(progress: Progress) -> dict[str, list[str]]:
    """Send the reminders of agreements expiring in 180, 90, 30 or 7 days.

    Each goes once per agreement and threshold, however often this runs (see
    reminders.py), so running it again after a failure or by hand is harmless. An
    agreement nobody can be written to about is named in the result."""
    now = timezone.now()
    progress.set_total(len(due_reminders(now)))
    sent = send_due_reminders(now)
    progress.advance(len(sent))
    return {
        "sent": [f"{reminder.agreement.reference}: {reminder.days_before}" for reminder in sent],
        "nobody to write to": [
            due.agreement.reference for due in due_reminders(now) if not due.recipients
        ],
    }

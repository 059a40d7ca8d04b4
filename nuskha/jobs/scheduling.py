"""Scheduled jobs: each schedule's cron expression is read in its own time zone.

"Every night at 02:00" means 02:00 in Tehran for a schedule kept in Asia/Tehran, so
cronsim walks local wall-clock time and the result is stored in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from cronsim import CronSim
from django.utils import timezone

from nuskha.jobs.models import Job, Schedule
from nuskha.jobs.running import enqueue


def next_run(cron: str, time_zone: str, after: datetime) -> datetime:
    """The first time after `after` (aware) that the expression names, in UTC."""
    zone = ZoneInfo(time_zone)
    local = after.astimezone(zone).replace(second=0, microsecond=0)
    return next(CronSim(cron, local)).astimezone(UTC)


def enqueue_due_schedules(now: datetime | None = None) -> list[Job]:
    """Queue a job for every enabled schedule whose time has come; move each to its next time."""
    now = now or timezone.now()
    started = []
    for schedule in Schedule.objects.filter(is_enabled=True, next_run_at__isnull=True):
        Schedule.objects.filter(pk=schedule.pk, next_run_at__isnull=True).update(
            next_run_at=next_run(schedule.cron, schedule.time_zone, now)
        )
    for schedule in Schedule.objects.filter(is_enabled=True, next_run_at__lte=now):
        following = next_run(schedule.cron, schedule.time_zone, now)
        # Conditional update: when several workers look at once, one of them queues the run.
        taken = Schedule.objects.filter(pk=schedule.pk, next_run_at=schedule.next_run_at).update(
            next_run_at=following, last_run_at=now
        )
        if taken:
            started.append(enqueue(schedule.job_name, schedule.arguments, schedule=schedule))
    return started

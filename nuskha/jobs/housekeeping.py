"""Jobs that look after the job tables themselves."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nuskha.jobs.models import Job
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function


@job_function(max_attempts=2)
def prune_finished_jobs(progress: Progress, days: int = 90) -> dict[str, int]:
    """Delete finished jobs and task rows older than the given number of days."""
    cutoff = timezone.now() - timedelta(days=days)
    old_jobs = Job.objects.filter(
        status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED], finished_at__lt=cutoff
    )
    old_tasks = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    progress.set_total(2)
    jobs_deleted, _ = old_jobs.delete()
    progress.advance(message=f"{jobs_deleted} jobs")
    tasks_deleted, _ = old_tasks.delete()
    progress.advance(message=f"{tasks_deleted} task rows")
    return {"jobs": jobs_deleted, "tasks": tasks_deleted}

"""Jobs whose worker died: a running job not heard from within the lease is retried.

A worker killed mid-job (power cut, OOM killer, kill -9) leaves its job marked running
for ever; no exception is raised that record_failure() could see. Every worker calls
recover_lost_jobs() between tasks, so another worker picks the job up again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nuskha.jobs.models import Job
from nuskha.jobs.running import record_failure

try:  # Django 6 has the tasks API built in; on 5.2 it comes from the django-tasks backport
    from django.tasks.base import TaskResultStatus  # type: ignore[import-not-found]
except ImportError:
    from django_tasks.base import TaskResultStatus


def recover_lost_jobs(now: datetime | None = None) -> list[int]:
    """Retry (or fail, if out of attempts) every running job whose heartbeat has lapsed."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NUSKHA_JOB_LEASE_SECONDS)
    recovered = []
    for job in Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff):
        # The conditional update is the lock: of several workers, one recovers each job.
        taken = Job.objects.filter(
            pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(status=Job.Status.QUEUED)
        if not taken:
            continue
        _fail_task(job.task_result_id, now)
        last_heard = job.heartbeat_at.isoformat() if job.heartbeat_at else "never"
        record_failure(
            job, f"Worker {job.worker_id or '?'} stopped answering (last heard {last_heard})"
        )
        recovered.append(job.pk)
    return recovered


def _fail_task(task_result_id: str, now: datetime) -> None:
    """Close the dead attempt's task row, so the backend does not show it running for ever."""
    if task_result_id:
        DBTaskResult.objects.filter(pk=task_result_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="nuskha.jobs.recovery.WorkerLost",
            traceback="The worker running this task stopped answering.",
        )

"""Starting jobs and running their attempts: success, failure, and retry with backoff."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from nuskha.jobs.models import Job, Schedule
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import get_job_function

_MAX_BACKOFF = timedelta(hours=1)


def enqueue(
    name: str,
    arguments: dict[str, Any] | None = None,
    *,
    created_by: Any = None,
    schedule: Schedule | None = None,
) -> Job:
    """Record a job and queue its first attempt; the name must be a registered job function."""
    definition = get_job_function(name)
    with transaction.atomic():
        job = Job.objects.create(
            name=name,
            arguments=arguments or {},
            max_attempts=definition.max_attempts,
            created_by=created_by if getattr(created_by, "pk", None) else None,
            schedule=schedule,
        )
        queue_attempt(job, run_after=None)
    return job


def queue_attempt(job: Job, run_after: datetime | None) -> None:
    """Hand the next attempt of the job to the task backend."""
    from nuskha.jobs.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(
        task_result_id=str(result.id), next_attempt_at=run_after, status=Job.Status.QUEUED
    )
    job.task_result_id, job.next_attempt_at, job.status = (
        str(result.id),
        run_after,
        Job.Status.QUEUED,
    )


def backoff(attempts: int) -> timedelta:
    """Wait before attempt n+1: the base doubled for each failure so far, at most an hour."""
    base = timedelta(seconds=settings.NUSKHA_JOB_RETRY_BASE_SECONDS)
    return min(base * (2 ** max(0, attempts - 1)), _MAX_BACKOFF)


def execute(job_id: int, worker_id: str = "") -> None:
    """Run one attempt of a job. A failure is recorded and re-raised for the task backend."""
    job = _claim(job_id, worker_id)
    if job is None:
        return
    definition = get_job_function(job.name)
    progress = Progress(job)
    try:
        with heartbeat(job.pk):
            result = definition.function(progress, **job.arguments)
    except Exception as error:
        progress.flush()
        record_failure(job, error)
        raise
    progress.flush()
    # failure_reason stays: why an earlier attempt failed is worth knowing after success too.
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED,
        result=_jsonable(result),
        finished_at=timezone.now(),
        next_attempt_at=None,
    )


def _claim(job_id: int, worker_id: str) -> Job | None:
    """Mark the job running for a new attempt, unless it already finished or is running."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker_id=worker_id[:64],
        next_attempt_at=None,
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    job.attempts += 1
    return job


def record_failure(job: Job, error: BaseException | str) -> None:
    """Keep why the attempt failed; queue another after a backoff if attempts remain."""
    reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    trace = "" if isinstance(error, str) else "".join(traceback.format_exception(error))
    Job.objects.filter(pk=job.pk).update(failure_reason=reason[:5000], failure_traceback=trace)
    if job.attempts < job.max_attempts:
        queue_attempt(job, run_after=timezone.now() + backoff(job.attempts))
    else:
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, finished_at=timezone.now())


@contextmanager
def heartbeat(job_id: int) -> Iterator[None]:
    """While the job runs, say so every quarter lease, so a dead worker can be told apart."""
    stop = threading.Event()
    interval = max(0.2, settings.NUSKHA_JOB_LEASE_SECONDS / 4)

    def beat() -> None:
        try:
            while not stop.wait(interval):
                Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        close_old_connections()


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)

"""The one Django task the backend runs: one attempt of one nuskha job."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task(takes_context=True)
def run_job(context: Any, job_id: int) -> None:
    from nuskha.jobs.running import execute

    worker_ids = context.task_result.worker_ids
    execute(job_id, worker_id=worker_ids[-1] if worker_ids else "")

"""Running jobs: progress is reported, failures are recorded and retried with backoff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nuskha.jobs.models import Job
from nuskha.jobs.running import backoff, enqueue
from nuskha.jobs.worker import Worker

pytestmark = pytest.mark.django_db

SAMPLES = "nuskha.jobs.tests.sample_jobs"


def run_all(worker: Worker) -> int:
    ran = 0
    while worker.run_one():
        ran += 1
    return ran


def test_progress_is_reported_while_the_job_runs() -> None:
    job = enqueue(f"{SAMPLES}.reports_progress")
    assert run_all(Worker()) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == [1, 2, 3]
    assert (job.progress_done, job.progress_total, job.percent) == (3, 3, 100)


def test_a_job_runs_to_completion_with_its_arguments() -> None:
    job = enqueue(f"{SAMPLES}.count_to", {"to": 4})
    run_all(Worker())
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"reached": 4, "started_at": 0}
    assert job.attempts == 1 and job.finished_at is not None


def test_a_failed_attempt_is_recorded_and_retried_after_a_backoff(settings) -> None:
    settings.NUSKHA_JOB_RETRY_BASE_SECONDS = 60
    job = enqueue(f"{SAMPLES}.fails_once")
    worker = Worker()
    assert worker.run_one()
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.failure_reason == "ConnectionError: partner server did not answer"
    assert "ConnectionError" in job.failure_traceback
    assert job.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert not worker.run_one()  # not before its time

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=job.task_result_id).update(run_after=timezone.now())
    assert worker.run_one()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (Job.Status.SUCCEEDED, 2, "done")


def test_a_job_that_keeps_failing_stops_after_its_attempts_with_the_reason(settings) -> None:
    settings.NUSKHA_JOB_RETRY_BASE_SECONDS = 0
    job = enqueue(f"{SAMPLES}.always_fails")
    run_all(Worker())
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 2)
    assert job.failure_reason == "ValueError: the input file is not MARC"


def test_backoff_doubles_and_is_capped(settings) -> None:
    settings.NUSKHA_JOB_RETRY_BASE_SECONDS = 30
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == timedelta(hours=1)


def test_an_unknown_job_is_refused() -> None:
    with pytest.raises(ImportError):
        enqueue("nuskha.jobs.tests.sample_jobs.no_such_job")

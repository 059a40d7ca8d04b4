"""A worker that dies mid-job: its job is retried by another worker and finishes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nuskha.jobs.models import Job
from nuskha.jobs.recovery import recover_lost_jobs
from nuskha.jobs.running import enqueue
from nuskha.jobs.worker import Worker

SAMPLES = "nuskha.jobs.tests.sample_jobs"


@pytest.mark.django_db
def test_a_job_not_heard_from_within_the_lease_is_queued_again(settings) -> None:
    settings.NUSKHA_JOB_LEASE_SECONDS, settings.NUSKHA_JOB_RETRY_BASE_SECONDS = 60, 0
    job = enqueue(f"{SAMPLES}.count_to", {"to": 3})
    worker = Worker()
    claimed = worker._claim()  # the worker takes the task, then "dies" before running it
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, heartbeat_at=timezone.now() - timedelta(minutes=5)
    )
    assert recover_lost_jobs() == [job.pk]
    assert DBTaskResult.objects.get(pk=claimed.pk).status == "FAILED"
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and "stopped answering" in job.failure_reason
    assert recover_lost_jobs() == []  # recovered once only
    while worker.run_one():
        pass
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.SUCCEEDED, 2)


@pytest.mark.django_db
def test_a_job_still_heard_from_is_left_running(settings) -> None:
    settings.NUSKHA_JOB_LEASE_SECONDS = 60
    job = enqueue(f"{SAMPLES}.count_to")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=timezone.now())
    assert recover_lost_jobs() == []


def nuskha(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nuskha.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


def job_row(data_dir: Path, job_id: int) -> dict:
    with sqlite3.connect(data_dir / "nuskha.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return dict(db.execute("SELECT * FROM jobs_job WHERE id = ?", (job_id,)).fetchone())


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


@pytest.mark.slow
def test_a_job_killed_midway_is_retried_and_finishes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NUSKHA_DATA_DIR": str(tmp_path),
        "NUSKHA_JOB_LEASE_SECONDS": "2",
        "NUSKHA_JOB_RETRY_BASE_SECONDS": "0",
        "NUSKHA_DEBUG": "true",
    }
    log = tmp_path / "steps.log"
    nuskha(env, "migrate", "--verbosity", "0")
    queued = nuskha(
        env,
        "jobs",
        "run",
        f"{SAMPLES}.count_to",
        "--arguments",
        json.dumps({"to": 15, "delay": 0.15, "log": str(log)}),
    )
    job_id = int(queued.stdout.split()[2])

    first = subprocess.Popen(
        [sys.executable, "-m", "nuskha.cli", "worker", "--interval", "0.1"], env=env
    )
    wait_for(lambda: log.exists() and len(log.read_text().split()) >= 5)
    first.send_signal(signal.SIGKILL)  # no chance to clean up, as with a power cut
    first.wait()
    killed_at = len(log.read_text().split())
    assert job_row(tmp_path, job_id)["status"] == "running"

    second = subprocess.Popen(
        [sys.executable, "-m", "nuskha.cli", "worker", "--interval", "0.1"], env=env
    )
    try:
        wait_for(lambda: job_row(tmp_path, job_id)["status"] in ("succeeded", "failed"))
    finally:
        second.terminate()
        second.wait(timeout=30)

    row = job_row(tmp_path, job_id)
    assert row["status"] == "succeeded"
    assert row["attempts"] == 2
    assert "stopped answering" in row["failure_reason"]
    assert (row["progress_done"], row["progress_total"]) == (15, 15)
    steps = [int(s) for s in log.read_text().split()]
    assert steps[-1] == 15
    # The retry resumed from the last checkpoint: no step before the kill ran twice,
    # except at most the one in flight when the worker died.
    assert json.loads(row["result"])["started_at"] >= killed_at - 1
    assert len(steps) <= 16

    watched = nuskha(env, "jobs", "watch", str(job_id))
    assert f"Job {job_id} succeeded." in watched.stdout
    assert "15/15" in watched.stdout

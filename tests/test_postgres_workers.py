"""Several workers on one PostgreSQL database share the queue: every job runs exactly once."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ENQUEUE = """
from nuskha.jobs.running import enqueue
for n in range(12):
    enqueue("nuskha.jobs.tests.sample_jobs.count_to", {"to": 3, "delay": 0.2})
"""


def test_two_workers_share_one_postgresql_queue(postgres_url, tmp_path) -> None:
    env = {**os.environ, "DATABASE_URL": postgres_url, "NUSKHA_DATA_DIR": str(tmp_path)}
    nuskha = [sys.executable, "-m", "nuskha.cli"]
    subprocess.run([*nuskha, "migrate", "--verbosity", "0"], env=env, check=True, timeout=300)
    subprocess.run([*nuskha, "shell", "-c", ENQUEUE], env=env, check=True, timeout=60)

    workers = [
        subprocess.Popen(
            [*nuskha, "worker", "--once", "--worker-id", f"w{n}"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        worker.wait(timeout=120)

    with psycopg.connect(postgres_url) as db:
        rows = db.execute("SELECT status, attempts, worker_id FROM jobs_job").fetchall()
        task_runs = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
        ).fetchone()[0]
    assert len(rows) == 12
    assert {(status, attempts) for status, attempts, _ in rows} == {("succeeded", 1)}
    assert task_runs == 12  # no task was run twice
    assert {worker_id for _, _, worker_id in rows} == {"w1", "w2"}  # both took a share

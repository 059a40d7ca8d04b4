"""The worker: recovers lost jobs, starts scheduled ones, then runs one queued task.

run_one() is a single turn and says whether it found work; `nuskha worker` loops over it
and `nuskha worker --once` serves cron. Claiming a task uses django-tasks-db's own
locking, so several workers on one PostgreSQL database share the queue without running
a task twice (SELECT ... FOR UPDATE SKIP LOCKED there; an exclusive transaction on SQLite).
"""

from __future__ import annotations

import logging
import os
import socket

from django.db import close_old_connections
from django.db.utils import OperationalError
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from nuskha.jobs.recovery import recover_lost_jobs
from nuskha.jobs.scheduling import enqueue_due_schedules

logger = logging.getLogger(__name__)


class Worker:
    def __init__(self, queue_names: list[str] | None = None, worker_id: str = "") -> None:
        self.queue_names = queue_names or ["default"]
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self._runner = DatabaseWorker(
            queue_names=self.queue_names,
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )

    def run_one(self) -> bool:
        """Do one turn of work; True if a task was run."""
        close_old_connections()
        recover_lost_jobs()
        enqueue_due_schedules()
        task_result = self._claim()
        if task_result is None:
            return False
        self._runner.run_task(task_result)
        return True

    def _claim(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(
            backend_name="default", queue_name__in=self.queue_names
        )
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None
                raise
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

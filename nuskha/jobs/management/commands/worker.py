"""`nuskha worker`: run queued jobs until stopped (or once, for cron)."""

from __future__ import annotations

import signal
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nuskha.jobs.worker import Worker


class Command(BaseCommand):
    help = "Run background jobs: retries lost ones, starts scheduled ones, runs queued ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run every task that is ready now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when no work is ready (default 1).",
        )
        parser.add_argument(
            "--queue", default="default", help="Comma-separated queue names to take tasks from."
        )
        parser.add_argument(
            "--worker-id", default="", help="A name for this worker in job records."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(options["queue"].split(","), options["worker_id"])
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.stdout.write(f"Worker {worker.worker_id} started.")
        ran = 0
        while not self.stopping:
            if worker.run_one():
                ran += 1
            elif options["once"]:
                break
            else:
                time.sleep(options["interval"])
        self.stdout.write(f"Worker {worker.worker_id} stopped after {ran} tasks.")

    def _stop(self, signum: int, frame: Any) -> None:
        if self.stopping:  # a second Ctrl-C: stop now, the job will be retried
            sys.exit(1)
        self.stopping = True
        self.stderr.write(
            "Finishing the current task, then stopping (press Ctrl-C again to stop now)."
        )

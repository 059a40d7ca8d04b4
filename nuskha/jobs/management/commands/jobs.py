"""`nuskha jobs`: list jobs, start one, and watch its progress bar."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from nuskha.jobs.models import Job
from nuskha.jobs.registry import registered_jobs
from nuskha.jobs.running import enqueue


class Command(BaseCommand):
    help = "List background jobs, start one, or watch one's progress."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="The most recent jobs.")
        listing.add_argument("--limit", type=int, default=20, help="How many jobs to list.")
        actions.add_parser("functions", help="The job functions that can be started.")
        watch = actions.add_parser("watch", help="Show a job's progress bar until it ends.")
        watch.add_argument("job_id", type=int, help="The job's number.")
        run = actions.add_parser("run", help="Start a job, and watch it with --wait.")
        run.add_argument(
            "name", help="The job function's dotted name (see `nuskha jobs functions`)."
        )
        run.add_argument("--arguments", default="{}", help="Keyword arguments as a JSON object.")
        run.add_argument("--wait", action="store_true", help="Show its progress until it ends.")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)
        action = options["action"]
        if action == "list":
            self._list(console, options["limit"])
        elif action == "functions":
            for definition in registered_jobs():
                console.print(f"{definition.name}  [dim]{definition.title}[/dim]")
        elif action == "watch":
            self._watch(console, options["job_id"])
        elif action == "run":
            job = self._run(options["name"], options["arguments"])
            console.print(f"Queued job {job.pk} ({job.name}).")
            if options["wait"]:
                self._watch(console, job.pk)

    def _list(self, console: Console, limit: int) -> None:
        table = Table("id", "job", "status", "progress", "attempts", "failure")
        for job in Job.objects.all()[:limit]:
            done = (
                f"{job.progress_done}/{job.progress_total}"
                if job.progress_total
                else str(job.progress_done)
            )
            table.add_row(
                str(job.pk),
                job.name,
                job.status,
                done,
                f"{job.attempts}/{job.max_attempts}",
                job.failure_reason[:60],
            )
        console.print(table)

    def _run(self, name: str, arguments: str) -> Job:
        try:
            parsed = json.loads(arguments)
        except json.JSONDecodeError as error:
            raise CommandError(f"--arguments is not JSON: {error}") from None
        if not isinstance(parsed, dict):
            raise CommandError("--arguments must be a JSON object, e.g. '{\"days\": 30}'")
        try:
            return enqueue(name, parsed)
        except (ImportError, LookupError) as error:
            raise CommandError(f"No job function {name!r}: {error}") from None

    def _watch(self, console: Console, job_id: int) -> None:
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task(f"job {job_id}", total=None)
            while True:
                job = Job.objects.filter(pk=job_id).first()
                if job is None:
                    raise CommandError(f"There is no job {job_id}.")
                bar.update(
                    task,
                    completed=job.progress_done,
                    total=job.progress_total,
                    description=f"job {job_id} {job.status} {job.progress_message[:40]}",
                )
                if job.is_finished:
                    break
                time.sleep(0.5)
        if job.status == Job.Status.FAILED:
            raise CommandError(f"Job {job_id} failed: {job.failure_reason}")
        console.print(f"Job {job_id} {job.status}.")

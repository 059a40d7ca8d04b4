"""`nuskha harvest BASE_URL [--set SET]`: bring a partner's records up to date over OAI-PMH.

Incremental (from the last harvest's newest datestamp), idempotent, and safe to run again
after an interruption; deletions at the partner remove the copies here.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from nuskha.oai.harvesting import harvest


class Command(BaseCommand):
    help = "Harvest a partner's OAI-PMH repository (only what changed since the last time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("base_url", help="The partner's OAI-PMH base URL, e.g. …/oai")
        parser.add_argument("--set", default="", help="Harvest this set only.")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        columns = (SpinnerColumn(), TextColumn("{task.description}: {task.completed}"))
        quiet = options["verbosity"] == 0
        with Progress(*columns, console=console, transient=True, disable=quiet) as bar:
            task = bar.add_task(f"Harvesting {options['base_url']}", total=None)
            try:
                report = harvest(
                    options["base_url"], options["set"], on_record=lambda _i: bar.advance(task)
                )
            except Exception as error:  # the repository cannot be reached or read at all
                raise CommandError(f"{options['base_url']}: {error}") from None
        for error in report.errors:
            console.print(f"skipped {error}")
        console.print(f"{options['base_url']}: {report.summary()}.")
        if report.errors:
            raise CommandError(f"{len(report.errors)} record(s) could not be stored.")

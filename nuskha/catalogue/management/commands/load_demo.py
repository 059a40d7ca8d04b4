"""`nuskha load_demo`: add the demo collection to the catalogue (what is there stays)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from nuskha.catalogue.demo.loader import (
    DEMO_FILE,
    DemoDataError,
    count_records,
    load_collection,
    read_demo_file,
)


class Command(BaseCommand):
    help = "Load the demo collection; records that exist already are kept as they are."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEMO_FILE,
            help="A collection file in the demo's YAML form.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)
        try:
            data = read_demo_file(options["file"])
        except (OSError, ValueError) as error:
            raise CommandError(f"{options['file']}: {error}") from None
        with Progress(console=console, transient=True, disable=options["verbosity"] == 0) as bar:
            task = bar.add_task("Loading the demo collection", total=count_records(data))
            try:
                report = load_collection(data, on_record=lambda label: bar.advance(task))
            except DemoDataError as error:
                raise CommandError(f"{options['file']}: {error}") from None
        if options["verbosity"]:
            console.print(f"Demo collection: {report.summary()}.")
            description = (data.get("description") or {}).get("en")
            if description:
                console.print(description.strip(), style="dim")

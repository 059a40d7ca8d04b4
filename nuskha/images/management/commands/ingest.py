"""`nuskha ingest ITEM_ID PATH`: add page images (a folder, a zip or one file) to an item.

Runs in the foreground with a progress bar, or with --queue as a job a worker runs (as
the staff upload form does). Everything is checked before anything is kept: a refused
file is named with the reason, and nothing of the ingest remains.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from nuskha.catalogue.models import Item
from nuskha.images.ingest import IngestError, ingest


class Command(BaseCommand):
    help = "Ingest page images (a folder, a zip or one image) into an item's pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("item_id", type=int, help="The item's id.")
        parser.add_argument("path", type=Path, help="A folder, a zip, or one image file.")
        parser.add_argument(
            "--labels",
            choices=["folio", "page"],
            default="folio",
            help="Label pages as folios (1r, 1v, 2r…) or pages (1, 2, 3…); default folio.",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the ingest as a job for a worker instead of running it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        try:
            item = Item.objects.get(pk=options["item_id"])
        except Item.DoesNotExist:
            raise CommandError(f"No item {options['item_id']}") from None
        path = options["path"].resolve()
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        if options["queue"]:
            from nuskha.images.jobs import queue_ingest

            job = queue_ingest(item, path, labels=options["labels"])
            console.print(f"Queued as job {job.pk}: {job}")
            return
        with Progress(console=console, transient=True, disable=options["verbosity"] == 0) as bar:
            task = bar.add_task(f"Ingesting {path.name}", total=None)

            def report(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message)

            try:
                result = ingest(
                    item, path, user="nuskha ingest", scheme=options["labels"], report=report
                )
            except IngestError as error:
                raise CommandError(f"{path.name}: refused: {error}") from None
        console.print(result.summary())

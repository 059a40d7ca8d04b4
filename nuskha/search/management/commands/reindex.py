"""`nuskha reindex`: rebuild the search index (after an upgrade of the text rules)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from nuskha.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild every item's search entry from the catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="Items per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = reindex_all(options["batch"])
        self.stdout.write(f"Reindexed {count} items.")

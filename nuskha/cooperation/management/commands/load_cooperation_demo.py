"""`nuskha load_cooperation_demo`: add the demo agreements, activities and news (what is
there stays). Needs the demo institutions, so it runs after `nuskha load_demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nuskha.cooperation.demo import DEMO_FILE, DemoDataError, load_cooperation, read_demo_file


class Command(BaseCommand):
    help = "Load the demo cooperation; records that exist already are kept as they are."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEMO_FILE,
            help="A cooperation file in the demo's YAML form.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_cooperation(read_demo_file(options["file"]))
        except (OSError, ValueError) as error:
            raise CommandError(f"{options['file']}: {error}") from None
        except DemoDataError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        if options["verbosity"]:
            self.stdout.write(f"Demo cooperation: {report.summary()}.")

"""`nuskha import FILE --format …`: load a partner's records (MARC21, MARCXML, UNIMARC, TEI).

Each record goes in whole or not at all; a bad one is reported with its position and
reason and skipped, and the others go on. A record imported before (the same control
number at the same institution) is updated, not duplicated.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from nuskha.catalogue.exchange_formats import READ_FORMATS
from nuskha.catalogue.formats.record import FormatError, Parsed
from nuskha.catalogue.interchange import AgentIndex, ImportError_, store_record
from nuskha.catalogue.models import Institution, Item


class Command(BaseCommand):
    help = "Import catalogue records from a file; bad records are reported and skipped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The file of records.")
        parser.add_argument(
            "--format", required=True, choices=sorted(READ_FORMATS), help="The file's format."
        )
        parser.add_argument(
            "--institution",
            help="Code of the holding institution (default: the one each record names).",
        )
        parser.add_argument(
            "--status",
            choices=[Item.Status.PUBLISHED, Item.Status.DRAFT],
            default=Item.Status.PUBLISHED,
            help="Status of new items (default: published).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        started = time.monotonic()
        parsed = self._read(options["file"], options["format"])
        counts = {"created": 0, "updated": 0, "skipped": 0}
        agents = AgentIndex()
        with Progress(console=console, transient=True, disable=options["verbosity"] == 0) as bar:
            task = bar.add_task(f"Importing {options['file'].name}", total=len(parsed))
            for entry in parsed:
                outcome = self._import_one(entry, options, agents, console)
                counts[outcome] += 1
                bar.advance(task)
        seconds = time.monotonic() - started
        console.print(
            f"{options['file']}: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['skipped']} skipped, in {seconds:.1f} s."
        )
        if counts["skipped"]:
            raise CommandError(f"{counts['skipped']} record(s) skipped; see the reasons above.")

    def _read(self, path: Path, format_name: str) -> list[Parsed]:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        try:
            return list(READ_FORMATS[format_name].read(data))
        except FormatError as error:  # the file as a whole cannot be read
            raise CommandError(f"{path}: {error}") from None

    def _import_one(
        self, entry: Parsed, options: dict[str, Any], agents: AgentIndex, console: Console
    ) -> str:
        where = f"record {entry.position}" + (f" ({entry.label})" if entry.label else "")
        if entry.record is None:
            console.print(f"{where}: skipped: {entry.error}")
            return "skipped"
        try:
            institution = _institution(options["institution"] or entry.record.institution)
            stored = store_record(
                entry.record, institution, status=options["status"], agents=agents
            )
        except (ImportError_, FormatError, LookupError) as error:
            console.print(f"{where}: skipped: {error}")
            return "skipped"
        for warning in stored.warnings:
            console.print(f"{where}: note: {warning}", style="dim")
        return "created" if stored.created else "updated"


def _institution(code: str) -> Institution:
    if not code:
        raise LookupError("institution: the record names none; give --institution CODE")
    try:
        return Institution.objects.get(code=code)
    except Institution.DoesNotExist:
        raise LookupError(f"institution: there is no institution with the code {code}") from None

"""`nuskha export --format …`: records to stdout as MARC21, MARCXML, TEI, Dublin Core or JSON.

It lives beside the record URLs (/items/<id>/record.<format>): both write what the
crosswalks make of an item, and the JSON is the API's own record.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nuskha.api.records import item_record, with_record_relations
from nuskha.api.schemas import ItemSchema
from nuskha.catalogue.exchange_formats import WRITE_FORMATS, WriteFormat
from nuskha.catalogue.formats.record import FormatError, Record
from nuskha.catalogue.interchange import record_of, with_interchange_relations
from nuskha.catalogue.models import Item


class Command(BaseCommand):
    help = "Write records to standard output (every item, or the ones named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("item_ids", nargs="*", type=int, metavar="ITEM_ID", help="Items.")
        parser.add_argument(
            "--format",
            required=True,
            choices=[*sorted(WRITE_FORMATS), "json"],
            help="The format to write.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        items = Item.objects.order_by("pk")
        if options["item_ids"]:
            items = items.filter(pk__in=options["item_ids"])
            missing = set(options["item_ids"]) - set(items.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"There is no item {', '.join(map(str, sorted(missing)))}.")
        if options["format"] == "json":
            records = [
                ItemSchema.model_validate(item_record(item)).model_dump(mode="json")
                for item in with_record_relations(items)
            ]
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
            return
        export = WRITE_FORMATS[options["format"]]
        records = [
            (item.pk, record_of(item, settings.BASE_URL))
            for item in with_interchange_relations(items)
        ]
        writable = [record for pk, record in records if self._is_writable(export, pk, record)]
        self._write_bytes(export.write(writable))
        if len(writable) < len(records):
            raise CommandError(f"{len(records) - len(writable)} item(s) left out; see above.")

    def _is_writable(self, export: WriteFormat, item_id: int, record: Record) -> bool:
        """Whether the format can carry the record; if not, say which and why (on stderr,
        so the records on stdout stay a valid file)."""
        try:
            export.write([record])
        except (FormatError, ValueError) as error:
            self.stderr.write(f"item {item_id} ({record.shelfmark}): left out: {error}")
            return False
        return True

    def _write_bytes(self, data: bytes) -> None:
        """Bytes as they are to a real stdout; decoded (it is UTF-8) to a text stream."""
        stream = getattr(self.stdout, "_out", self.stdout)
        binary = getattr(stream, "buffer", None)
        if binary is not None:
            stream.flush()
            binary.write(data)
            binary.flush()
        else:
            stream.write(data.decode("utf-8"))

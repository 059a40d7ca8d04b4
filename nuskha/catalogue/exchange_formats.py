"""Which crosswalk reads and writes each format the commands and record URLs name.

Glue between the names people type (`--format marcxml`, `/items/7/record.tei`) and the
pure readers and writers in formats/. Each format's module is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module

from nuskha.catalogue.formats.record import Parsed, Record


@dataclass(frozen=True)
class ReadFormat:
    module: str
    reader: str
    source_format: str

    def read(self, data: bytes) -> Iterator[Parsed]:
        read: Callable[[bytes], Iterator[Parsed]] = getattr(import_module(self.module), self.reader)
        return read(data)


@dataclass(frozen=True)
class WriteFormat:
    module: str
    writer: str
    media_type: str
    extension: str

    def write(self, records: Iterable[Record]) -> bytes:
        write: Callable[[Iterable[Record]], bytes] = getattr(
            import_module(self.module), self.writer
        )
        return write(records)


_FORMATS = "nuskha.catalogue.formats."
READ_FORMATS = {
    "marc": ReadFormat(_FORMATS + "marc21", "read_marc", "marc21"),
    "marcxml": ReadFormat(_FORMATS + "marc21", "read_marcxml", "marc21"),
    "unimarc": ReadFormat(_FORMATS + "unimarc", "read_unimarc", "unimarc"),
    "tei": ReadFormat(_FORMATS + "tei", "read_tei", "tei"),
}
WRITE_FORMATS = {
    "marc": WriteFormat(_FORMATS + "marc21", "write_marc", "application/marc", "mrc"),
    "marcxml": WriteFormat(
        _FORMATS + "marc21", "write_marcxml", "application/marcxml+xml", "marcxml"
    ),
    "tei": WriteFormat(_FORMATS + "tei", "write_tei", "application/tei+xml", "tei"),
    "dc": WriteFormat(_FORMATS + "dublin_core", "write_dc", "application/xml", "dc"),
}
# The record URL's extension names the format: /items/<id>/record.mrc is MARC.
WRITE_FORMATS_BY_EXTENSION = {f.extension: f for f in WRITE_FORMATS.values()}
# The record as received (SourceRecord.format) is read again by these, for export.
SOURCE_READERS = {
    "marc21": READ_FORMATS["marc"],
    "unimarc": READ_FORMATS["unimarc"],
    "tei": READ_FORMATS["tei"],
}

"""Ingest of page images: a folder or zip of masters becomes an item's pages.

Everything is checked before anything is kept: the sources (sources.collect), each image's
header (a pixel limit against decompression bombs), duplicates, and a full decode while
the access copy is built (a truncated file fails there). Only then are the masters stored
as a new OCFL version (verified against the SHA-256 taken on arrival) and the pages
recorded in one transaction; if that fails, the version is taken back. So a failed ingest
leaves nothing behind, and running the same ingest again finds every file unchanged.
"""

from __future__ import annotations

import fcntl
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from nuskha.access import is_open_to_everyone
from nuskha.catalogue.models import Item
from nuskha.images.derivatives import (
    ImageError,
    ImageFacts,
    build_access_copy,
    build_thumbnail,
    inspect_image,
)
from nuskha.images.models import Page, derivative_dir, image_id_for, mark_public
from nuskha.images.rendering import cut_edge_tiles
from nuskha.images.sources import SourceError, SourceFile, collect, foliation_labels, natural_key
from nuskha.preservation.storage import MasterStore, StorageError, sha256_of

# Sent after an ingest's pages are recorded, with the ids of the pages added or
# replaced; OCR listens (images must not import ocr, which builds on it).
pages_ingested = Signal()

Report = Callable[[int, int, str], None]  # (done, total, message)


class IngestError(Exception):
    """The ingest was refused; the message names the file and the reason."""


@dataclass
class IngestResult:
    item_id: int
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    version: str | None = None

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.replaced)} replaced",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} system files skipped")
        stored = f", stored as {self.version}" if self.version else ", nothing stored"
        return f"item {self.item_id}: " + ", ".join(parts) + stored


@dataclass
class _Incoming:
    source: SourceFile
    facts: ImageFacts
    sha256: str
    replaces: Page | None = None
    built: Path | None = None  # the staged derivatives folder

    @property
    def logical_path(self) -> str:
        return master_logical_path(self.source.name)


def master_store() -> MasterStore:
    return MasterStore(Path(settings.DATA_DIR) / "preservation" / "ocfl")


def object_id_for(item: Item) -> str:
    return f"nuskha:item:{item.pk}"


def master_logical_path(name: str) -> str:
    return f"masters/{name}"


def ingest(
    item: Item,
    source: Path,
    *,
    user: str = "",
    scheme: str = "folio",
    report: Report | None = None,
) -> IngestResult:
    """Add the page images in source (a folder, a zip or one file) to item."""
    report = report or (lambda done, total, message: None)
    result = IngestResult(item_id=item.pk)
    with _item_lock(item), _staging() as staging:
        try:
            found = collect(source, staging / "unpacked", max_bytes=settings.INGEST_MAX_BYTES)
        except SourceError as error:
            raise IngestError(str(error)) from None
        result.skipped = found.skipped
        incoming = _examine(item, found.files, report)
        changed = _sort_out(item, incoming, result)
        for number, page in enumerate(changed, start=1):
            report(number, len(changed), f"Building the access copy of {page.source.name}")
            page.built = _build_derivatives(page, staging / "derivatives")
        if changed:
            result.version = _store_and_record(item, changed, user, scheme, source.name)
    if changed and result.version:
        paths = [page.logical_path for page in changed]
        page_ids = list(
            Page.objects.filter(item=item, master_path__in=paths).values_list("pk", flat=True)
        )
        pages_ingested.send(sender=Page, item=item, pages=page_ids)
    return result


def _examine(item: Item, files: list[SourceFile], report: Report) -> list[_Incoming]:
    incoming = []
    for number, source in enumerate(files, start=1):
        report(number, len(files), f"Checking {source.name}")
        try:
            facts = inspect_image(source.path, settings.INGEST_MAX_PIXELS)
        except ImageError as error:
            raise IngestError(_named(error, source)) from None
        incoming.append(_Incoming(source, facts, sha256_of(source.path)))
    _refuse_duplicates(item, incoming)
    return incoming


def _refuse_duplicates(item: Item, incoming: list[_Incoming]) -> None:
    seen: dict[str, str] = {}
    for page in incoming:
        if page.sha256 in seen:
            raise IngestError(
                f"{page.source.name}: the same image as {seen[page.sha256]} (a duplicate page); "
                "nothing was ingested"
            )
        seen[page.sha256] = page.source.name
    for existing in Page.objects.filter(item=item, master_sha256__in=seen):
        name = seen[existing.master_sha256]
        if master_logical_path(name) != existing.master_path:
            raise IngestError(
                f"{name}: the same image as page {existing.label or existing.position} "
                f"({existing.source_name}) already ingested; nothing was ingested"
            )


def _sort_out(item: Item, incoming: list[_Incoming], result: IngestResult) -> list[_Incoming]:
    """Which files are new, which replace a page of the same name, which are unchanged."""
    existing = {page.master_path: page for page in Page.objects.filter(item=item)}
    changed = []
    for page in incoming:
        current = existing.get(page.logical_path)
        if current is not None and current.master_sha256 == page.sha256:
            result.unchanged.append(page.source.name)
            continue
        page.replaces = current
        (result.replaced if current else result.added).append(page.source.name)
        changed.append(page)
    return changed


def _build_derivatives(page: _Incoming, staging: Path) -> Path:
    folder = staging / page.sha256
    folder.mkdir(parents=True)
    try:
        pyramid = build_access_copy(page.source.path, folder / "access.tif")
        build_thumbnail(folder / "access.tif", folder / "thumbnail.jpg")
        cut_edge_tiles(folder / "access.tif")
    except ImageError as error:
        raise IngestError(_named(error, page.source)) from None
    (folder / "levels").write_text(str(pyramid.levels))
    return folder


def _store_and_record(
    item: Item, changed: list[_Incoming], user: str, scheme: str, source_name: str
) -> str:
    store = master_store()
    object_id = object_id_for(item)
    files = {page.logical_path: page.source.path for page in changed}
    message = f"Ingest of {source_name}: {len(changed)} master(s) added or replaced"
    try:
        version = store.add_version(
            object_id,
            files,
            message=message,
            user=user,
            expected={page.logical_path: page.sha256 for page in changed},
        )
    except StorageError as error:
        raise IngestError(str(error)) from None
    if version is None:  # same content under the same names: nothing to record
        return ""
    try:
        with transaction.atomic():
            _record_pages(item, changed, version, scheme)
            _place_derivatives(item, changed)
    except BaseException:
        store.discard_head(object_id, version)
        for page in changed:
            shutil.rmtree(derivative_dir(image_id_for(item.pk, page.sha256)), ignore_errors=True)
        raise
    return version


def _record_pages(item: Item, changed: list[_Incoming], version: str, scheme: str) -> None:
    by_id = {page.pk: page for page in Page.objects.filter(item=item).order_by("position")}
    is_auto_labelled = [p.label for p in by_id.values()] == foliation_labels(
        len(by_id), scheme=scheme
    )
    added = []
    for incoming in changed:
        replaced = incoming.replaces
        page = by_id[replaced.pk] if replaced else Page(item=item, position=0)
        _fill(page, incoming, version, item)
        if replaced is None:
            added.append(page)
    pages = [*by_id.values(), *added]
    # New pages take their place among the others by the natural order of file names.
    pages.sort(key=lambda page: natural_key(page.source_name))
    labels = foliation_labels(len(pages), scheme=scheme)
    for position, page in enumerate(pages, start=1):
        page.position = position
        if is_auto_labelled or not page.label:
            page.label = labels[position - 1]
        page.save()


def _fill(page: Page, incoming: _Incoming, version: str, item: Item) -> None:
    assert incoming.built is not None
    page.image_id = image_id_for(item.pk, incoming.sha256)
    page.source_name = incoming.source.name
    page.master_path = incoming.logical_path
    page.master_version = version
    page.master_sha256 = incoming.sha256
    page.master_format = incoming.facts.format.removesuffix("load")
    page.master_bytes = incoming.source.path.stat().st_size
    page.width = incoming.facts.width
    page.height = incoming.facts.height
    page.bits_per_sample = incoming.facts.bits_per_sample
    page.has_icc_profile = incoming.facts.has_icc
    page.pyramid_levels = int((incoming.built / "levels").read_text())


def _place_derivatives(item: Item, changed: list[_Incoming]) -> None:
    for incoming in changed:
        assert incoming.built is not None
        target = derivative_dir(image_id_for(item.pk, incoming.sha256))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        (incoming.built / "levels").unlink()
        shutil.move(incoming.built, target)
        mark_public([image_id_for(item.pk, incoming.sha256)], is_open_to_everyone(item))
        if incoming.replaces is not None:
            old = derivative_dir(incoming.replaces.image_id)
            transaction.on_commit(lambda old=old: shutil.rmtree(old, ignore_errors=True))


def _named(error: Exception, source: SourceFile) -> str:
    """The error as staff know the file: by its name as delivered, not a staging path."""
    return str(error).replace(str(source.path), source.name)


@contextmanager
def _staging() -> Iterator[Path]:
    parent = Path(settings.DATA_DIR) / "staging"
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix="ingest-") as folder:
        (Path(folder) / "unpacked").mkdir()
        yield Path(folder)


@contextmanager
def _item_lock(item: Item) -> Iterator[None]:
    """One ingest at a time per item: two would race for the same OCFL version."""
    locks = Path(settings.DATA_DIR) / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    with (locks / f"ingest-item-{item.pk}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield

"""Image jobs: an ingest run by a worker (progress in the staff jobs list), and the access
copies of an item rebuilt from its masters (derived files are never backed up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nuskha.access import is_open_to_everyone
from nuskha.catalogue.models import Item
from nuskha.images import tile_cache
from nuskha.images.derivatives import build_access_copy, build_thumbnail
from nuskha.images.ingest import IngestError, ingest, master_store, object_id_for
from nuskha.images.models import Page, mark_public
from nuskha.images.rendering import cut_edge_tiles
from nuskha.jobs.models import Job
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function
from nuskha.jobs.running import enqueue


@job_function(max_attempts=1, title="Ingest page images")
def ingest_pages(
    progress: Progress, item_id: int, path: str, labels: str = "folio", user: str = ""
) -> dict[str, Any]:
    """Ingest page images"""
    item = Item.objects.get(pk=item_id)

    def report(done: int, total: int, message: str) -> None:
        progress.job.progress_done = done
        progress.set_total(total, message)

    try:
        result = ingest(item, Path(path), user=user, scheme=labels, report=report)
    except IngestError as error:
        # Refused input does not get better on a retry: say why, once.
        raise RuntimeError(f"Refused: {error}") from None
    return {
        "summary": result.summary(),
        "added": result.added,
        "replaced": result.replaced,
        "unchanged": result.unchanged,
        "version": result.version,
    }


def queue_ingest(item: Item, path: Path, *, labels: str = "folio", user: Any = None) -> Job:
    name = getattr(user, "get_username", lambda: "")()
    return enqueue(
        f"{ingest_pages.__module__}.{ingest_pages.__qualname__}",
        {"item_id": item.pk, "path": str(path), "labels": labels, "user": name},
        created_by=user,
    )


@job_function(max_attempts=3, title="Rebuild access copies from the masters")
def rebuild_derivatives(progress: Progress, item_id: int) -> dict[str, Any]:
    """Rebuild access copies from the masters"""
    item = Item.objects.get(pk=item_id)
    pages = list(Page.objects.filter(item=item))
    files = master_store().files(object_id_for(item))
    progress.set_total(len(pages))
    for page in pages:
        stored = files.get(page.master_path)
        if stored is None or stored.digest != page.master_sha256:
            raise RuntimeError(
                f"{page}: its master {page.master_path} is not in preservation storage "
                "as recorded; run the fixity audit"
            )
        page.derivative_dir().mkdir(parents=True, exist_ok=True)
        build_access_copy(stored.path, page.access_copy)
        build_thumbnail(page.access_copy, page.thumbnail)
        cut_edge_tiles(page.access_copy)
        mark_public([page.image_id], is_open_to_everyone(item))
        tile_cache.forget([page.image_id])
        progress.advance(message=f"Rebuilt {page}")
    return {"pages": len(pages)}

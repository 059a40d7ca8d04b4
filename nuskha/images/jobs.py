"""Image jobs: an ingest run by a worker, with its progress shown in the staff jobs list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nuskha.catalogue.models import Item
from nuskha.images.ingest import IngestError, ingest
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

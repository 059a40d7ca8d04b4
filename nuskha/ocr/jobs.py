"""OCR jobs: an item's pages read by a worker, with progress in the staff jobs list."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from nuskha.catalogue.models import Item
from nuskha.images.models import Page
from nuskha.jobs.models import Job
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function
from nuskha.jobs.running import enqueue


@job_function(max_attempts=2, title="Recognise the text of page images")
def recognise(
    progress: Progress, item_id: int, page_ids: list[int] | None = None, again: bool = False
) -> dict[str, Any]:
    """Recognise the text of page images"""
    from nuskha.ocr.recognition import recognise_item

    item = Item.objects.get(pk=item_id)
    pages = Page.objects.filter(item=item)
    if page_ids:
        pages = pages.filter(pk__in=page_ids)
    if not again:  # a page read since its master last changed is not read twice
        pages = pages.exclude(recognised__created_at__gte=F("updated_at"))

    def report(done: int, total: int, message: str) -> None:
        progress.job.progress_done = done
        progress.set_total(total, message)

    read = recognise_item(item, pages=list(pages), report=report)
    return {"pages": read}


def queue_recognition(
    item: Item, *, page_ids: list[int] | None = None, again: bool = False, user: Any = None
) -> Job:
    """Queue reading the item's pages (those given, or all); again reads pages read before."""
    return enqueue(
        f"{recognise.__module__}.{recognise.__qualname__}",
        {"item_id": item.pk, "page_ids": page_ids or [], "again": again},
        created_by=user,
    )

"""OCR follows ingest: printed and lithographed pages are read as soon as they arrive."""

from __future__ import annotations

from typing import Any

from nuskha.images.ingest import pages_ingested
from nuskha.search.indexing import register_text_source


def connect() -> None:
    from nuskha.ocr.recognition import page_texts

    pages_ingested.connect(_read_new_pages, dispatch_uid="nuskha.ocr.read_new_pages")
    register_text_source(page_texts)


def _read_new_pages(sender: Any, item: Any, pages: list[int], **kwargs: Any) -> None:
    from nuskha.ocr.jobs import queue_recognition
    from nuskha.ocr.recognition import READ_ON_INGEST

    if item.kind in READ_ON_INGEST:
        queue_recognition(item, page_ids=pages)

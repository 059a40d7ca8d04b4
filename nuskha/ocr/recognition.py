"""Reading an item's page images with Tesseract and keeping the text (Django glue).

The model follows the item's languages and scripts (languages.models_for). Tesseract runs
one process per core with OMP_THREAD_LIMIT=1 (tesseract.run_tesseract): its own threads
gain little on a page and cost much when several pages run at once. Each page is read
from its access copy's full-size level, in grey, never from the master. The text is
written to the page and the item reindexed in one transaction, so search finds it at once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyvips
from django.db import transaction

from nuskha.catalogue.models import Item
from nuskha.images.models import Page
from nuskha.ocr.hocr import PageText as RecognisedPage
from nuskha.ocr.hocr import parse_hocr
from nuskha.ocr.languages import MODELS, UnknownLanguageError, models_for
from nuskha.ocr.models import PageText
from nuskha.ocr.tesseract import run_tesseract, tesseract_version
from nuskha.search.indexing import index_items

# The script a language is written in when the item records several scripts.
_USUAL_SCRIPT = {
    "fa": "Arab",
    "ar": "Arab",
    "chg": "Arab",
    "ota": "Arab",
    "ru": "Cyrl",
    "en": "Latn",
}
# Kinds of item whose pages are read as soon as they are ingested: print reads well; a
# manuscript hand does not, and is read only on request.
READ_ON_INGEST = (Item.Kind.PRINTED_BOOK, Item.Kind.LITHOGRAPH)
SCAN_DPI = 300  # what Tesseract is told when a page does not say

Report = Callable[[int, int, str], None]


def language_pairs(item: Item) -> list[tuple[str, str]]:
    """(language, script) pairs of the item that a model reads, the main language first."""
    scripts = [script.code for script in item.scripts.all()]
    titles = list(item.titles.select_related("language", "script"))
    main_script = titles[0].script.code if titles else (scripts[0] if scripts else "")
    languages = [language.code for language in item.languages.all()]
    if titles and titles[0].language.code in languages:
        languages.remove(titles[0].language.code)
        languages.insert(0, titles[0].language.code)
    pairs = []
    for language in languages:
        usual = _USUAL_SCRIPT.get(language)
        script = usual if usual and (usual in scripts or not scripts) else main_script
        if (language, script) in MODELS:
            pairs.append((language, script))
    return pairs


def model_for_item(item: Item) -> str:
    pairs = language_pairs(item)
    if not pairs:
        raise UnknownLanguageError(
            f"item {item.pk} ({item.shelfmark}): no OCR model for its languages and scripts; "
            "record the languages and scripts of the item"
        )
    return models_for(pairs)


def recognise_pages(
    pages: Sequence[Page], *, model: str, workers: int | None = None, report: Report | None = None
) -> list[RecognisedPage]:
    """Read each page with Tesseract, several at once (one process per core)."""
    report = report or (lambda done, total, message: None)
    workers = workers or os.cpu_count() or 1
    done = 0
    results: list[RecognisedPage] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for page, read in zip(pages, pool.map(lambda p: _read(p, model), pages), strict=True):
            results.append(read)
            done += 1
            report(done, len(pages), f"Read page {page.label or page.position}")
    return results


def recognise_item(
    item: Item, *, pages: Sequence[Page] | None = None, workers: int | None = None,
    report: Report | None = None,
) -> int:  # fmt: skip
    """Read the item's pages (all, or those given), keep their text, reindex the item."""
    pages = list(pages if pages is not None else Page.objects.filter(item=item))
    if not pages:
        return 0
    model = model_for_item(item)
    read = recognise_pages(pages, model=model, workers=workers, report=report)
    engine = f"tesseract {tesseract_version()}"
    with transaction.atomic():
        for page, text in zip(pages, read, strict=True):
            _keep(page, text, model, engine)
        index_items([item.pk])
    return len(pages)


def _read(page: Page, model: str) -> RecognisedPage:
    with tempfile.TemporaryDirectory(prefix="nuskha-ocr-") as folder:
        image = Path(folder) / "page.tif"
        _grey_full_size(page.access_copy, image)
        return parse_hocr(run_tesseract(image, model, dpi=SCAN_DPI))


def _grey_full_size(access_copy: Path, target: Path) -> None:
    # Level 0 of the pyramid is the page at full size; Tesseract reads grey directly.
    level = pyvips.Image.new_from_file(str(access_copy), page=0, access="sequential")
    level.colourspace("b-w").tiffsave(str(target), compression="none")


def _keep(page: Page, text: RecognisedPage, model: str, engine: str) -> None:
    confidences = [word.confidence for word in text.words if word.confidence is not None]
    PageText.objects.update_or_create(
        page=page,
        defaults={
            "model": model,
            "engine": engine,
            "text": text.text,
            "words": text.to_dict(),
            "mean_confidence": sum(confidences) / len(confidences) if confidences else None,
        },
    )


def page_texts(item_ids: list[int]) -> dict[int, list[tuple[str, str, str | None]]]:
    """The search's text source (search.indexing.register_text_source): each item's
    recognised page text, in page order."""
    found: dict[int, list[tuple[str, str, str | None]]] = {}
    rows = PageText.objects.filter(page__item_id__in=item_ids).order_by(
        "page__item_id", "page__position"
    )
    for item_id, text in rows.values_list("page__item_id", "text"):
        if text:
            found.setdefault(item_id, []).append(("text", text, None))
    return found


def pages_matching(item_ids: list[int], query: str, *, at_most: int = 10) -> dict[int, list[str]]:
    """For each item, the labels of the pages whose recognised text the query finds
    (nuskha.text.matches: the search's own rule), in page order, at most at_most each."""
    from nuskha.text import matches

    found: dict[int, list[str]] = {}
    rows = PageText.objects.filter(page__item_id__in=item_ids).order_by(
        "page__item_id", "page__position"
    )
    for item_id, label, position, text in rows.values_list(
        "page__item_id", "page__label", "page__position", "text"
    ):
        labels = found.setdefault(item_id, [])
        if len(labels) < at_most and text and matches(query, text):
            labels.append(label or str(position))
    return {item_id: labels for item_id, labels in found.items() if labels}

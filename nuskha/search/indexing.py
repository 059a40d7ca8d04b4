"""Keeping the index in step with the catalogue, inside the caller's transaction.

index_items() rewrites the search entry and the full-text document of each item; it runs
in whatever transaction saved the record, so a saved record is findable at once and a
rolled-back save leaves no entry. deferred_indexing() collects the items a bulk load
touches and indexes each once, at the end of the block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

from django.db import connection

from nuskha.calendars import from_date
from nuskha.catalogue.models import Item
from nuskha.catalogue.search_text import searchable_texts
from nuskha.search.backends import backend
from nuskha.search.documents import build_document
from nuskha.search.models import SearchEntry

SORT_LANGUAGES = ("fa", "kk", "ru", "en")
_deferred = threading.local()


def index_items(item_ids: Iterable[int]) -> None:
    """Rewrite the index entries of these items (removing those of items that are gone)."""
    ids = sorted(set(item_ids))
    if getattr(_deferred, "pending", None) is not None:
        _deferred.pending.update(ids)
        return
    items = _items_with_texts(ids)
    engine = backend()
    with connection.cursor() as cursor:
        engine.delete(cursor, [i for i in ids if i not in items])
        for item in items.values():
            texts = [(t.field, t.text, t.lang) for t in searchable_texts(item)]
            engine.write(cursor, build_document(item.pk, texts))
            _write_entry(item)


def remove_items(item_ids: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        backend().delete(cursor, list(item_ids))
    SearchEntry.objects.filter(item_id__in=list(item_ids)).delete()


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Index each touched item once, when the block ends (for loads and imports)."""
    if getattr(_deferred, "pending", None) is not None:
        yield  # already deferring: the outer block indexes
        return
    _deferred.pending = set()
    try:
        yield
        pending = _deferred.pending
    finally:
        _deferred.pending = None
    index_items(pending)


def reindex_all(batch: int = 500) -> int:
    """Rebuild every entry (after an upgrade of the text rules); returns the count."""
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        index_items(ids[start : start + batch])
    return len(ids)


def _items_with_texts(ids: list[int]) -> dict[int, Item]:
    items = Item.objects.filter(pk__in=ids).prefetch_related("titles__language")
    return {item.pk: item for item in items}


def _write_entry(item: Item) -> None:
    earliest = item.date_earliest
    SearchEntry.objects.update_or_create(
        item=item,
        defaults={
            "institution_id": item.institution_id,
            "kind": item.kind,
            "material": item.material,
            "status": item.status,
            "access": item.access,
            "is_shareable": item.is_shareable,
            "date_earliest": earliest,
            "date_latest": item.date_latest,
            "century_ce": (earliest.year - 1) // 100 + 1 if earliest else None,
            "century_ah": _hijri_century(earliest),
            **{
                f"sort_{lang}": sort_key(display_title(item, lang), lang) for lang in SORT_LANGUAGES
            },
        },
    )


def _hijri_century(day: date | None) -> int | None:
    if day is None or day < date(622, 7, 19):
        return None
    year = from_date(day, "hijri")[0]
    return (year - 1) // 100 + 1


def display_title(item: Item, lang: str) -> str:
    """The item's title in the reader's language, else its first (uniform) title."""
    titles = list(item.titles.all())
    for title in titles:
        if title.language.code == lang:
            return title.text
    return titles[0].text if titles else item.shelfmark


@cache
def _collator(lang: str) -> Any:
    import icu

    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str) -> bytes:
    """ICU's collation key: Persian alphabetical order for fa, Kazakh for kk, and so on."""
    return bytes(_collator(lang).getSortKey(text))

"""Keeping the index in step with the catalogue, inside the caller's transaction.

index_items() rewrites the search entry and the full-text document of each item; it runs
in whatever transaction saved the record, so a saved record is findable at once and a
rolled-back save leaves no entry. deferred_indexing() collects the items a bulk load
touches and indexes each once, at the end of the block.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from nuskha.access import Door, can_see
from nuskha.calendars import from_date
from nuskha.catalogue.models import Item
from nuskha.catalogue.search_text import searchable_texts
from nuskha.search.backends import backend
from nuskha.search.documents import build_document
from nuskha.search.models import SearchEntry

SORT_LANGUAGES = ("fa", "kk", "ru", "en")
_deferred = threading.local()
# Apps that hold more text of an item than the catalogue does (nuskha.ocr: the pages'
# recognised text) register a source here, so search needs not import them.
TextSource = Callable[[list[int]], dict[int, list[tuple[str, str, str | None]]]]
_text_sources: list[TextSource] = []


def register_text_source(source: TextSource) -> None:
    """source(item ids) -> {item id: [(field group, text as written, language)]}."""
    if source not in _text_sources:
        _text_sources.append(source)


def index_items(item_ids: Iterable[int]) -> None:
    """Rewrite the index entries of these items (removing those of items that are gone)."""
    ids = sorted(set(item_ids))
    if getattr(_deferred, "pending", None) is not None:
        _deferred.pending.update(ids)
        return
    items = _items_with_texts(ids)
    more = _more_texts(list(items))
    engine = backend()
    with connection.cursor() as cursor:
        engine.delete(cursor, [i for i in ids if i not in items])
        for item in items.values():
            texts = [(t.field, t.text, t.lang) for t in searchable_texts(item)]
            texts += more.get(item.pk, [])
            entry = _write_entry(item)
            engine.write(cursor, build_document(item.pk, texts, filter_tokens(item, entry)))


def _more_texts(item_ids: list[int]) -> dict[int, list[tuple[str, str, str | None]]]:
    found: dict[int, list[tuple[str, str, str | None]]] = {}
    for source in _text_sources:
        for item_id, texts in source(item_ids).items():
            found.setdefault(item_id, []).extend(texts)
    return found


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


def drop_orphaned_index(**kwargs: Any) -> None:
    """Empty the full-text table when the entry table is empty (after a flush)."""
    if SearchEntry.objects.exists():
        return
    with connection.cursor() as cursor:
        backend().clear(cursor)


def reindex_all(batch: int = 500) -> int:
    """Rebuild every entry (after an upgrade of the text rules); returns the count."""
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        index_items(ids[start : start + batch])
    return len(ids)


def _items_with_texts(ids: list[int]) -> dict[int, Item]:
    items = Item.objects.filter(pk__in=ids).prefetch_related(
        "titles__language", "languages", "scripts", "subjects"
    )
    return {item.pk: item for item in items}


# Filter tokens: every item has ALL; the items the public may not see have HIDDEN, few
# as they are, so the public's "NOT hidden" costs the index little, where "AND public"
# would read the posting list of nearly every record. PUBLIC is there for the readers who
# see more than the public but not everything (a partner's, an institution's staff): they
# need "public OR shared=3 OR institution=5", which no NOT can say (service._visibility).
ALL = "all"
HIDDEN = "hidden"
PUBLIC = "public"


def shared_token(institution_id: int) -> str:
    """The token of the restricted records of this institution that it shares with the
    partners its catalogue-exchange agreements name (nuskha.access.visible_items)."""
    return f"shared={institution_id}"


def filter_tokens(item: Item, entry: SearchEntry) -> list[str]:
    """The item's filter tokens: whom it is visible to (nuskha.access decides: the
    public, or partners under an agreement) and its value for every facet, as the search
    service names them."""
    tokens = [ALL, PUBLIC] if can_see(AnonymousUser(), item, Door.SEARCH) else [ALL, HIDDEN]
    tokens += [shared_token(item.institution_id)] if is_shared(item) else []
    tokens += [f"institution={item.institution_id}", f"kind={item.kind}"]
    tokens += [f"material={item.material}"] if item.material else []
    tokens += [
        f"{name}={value}"
        for name, value in (("century_ah", entry.century_ah), ("century_ce", entry.century_ce))
        if value
    ]
    tokens += [f"language={language.pk}" for language in item.languages.all()]
    tokens += [f"script={script.pk}" for script in item.scripts.all()]
    tokens += [f"subject={subject.pk}" for subject in item.subjects.all()]
    return tokens


def is_shared(item: Item) -> bool:
    """Is this a record only partners see, and only under an agreement in force: published,
    restricted, marked shareable (nuskha.access.visible_items, door other than images)?"""
    return (
        item.status == Item.Status.PUBLISHED
        and item.access == Item.Access.RESTRICTED
        and item.is_shareable
    )


def _write_entry(item: Item) -> SearchEntry:
    earliest = item.date_earliest
    entry, _created = SearchEntry.objects.update_or_create(
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
    return entry


def _hijri_century(day: date | None) -> int | None:
    if day is None or day < date(622, 7, 19):
        return None
    year = from_date(day, "hijri")[0]
    return (year - 1) // 100 + 1


def display_title(item: Item, lang: str) -> str:
    """The item's title in the reader's language, else its first (uniform) title."""
    pairs = [(title.language.code, title.text) for title in item.titles.all()]
    return choose_title(pairs, lang) or item.shelfmark


def choose_title(titles: list[tuple[str, str]], lang: str) -> str:
    """From (language, text) pairs in catalogue order: the reader's language, else the first."""
    for code, text in titles:
        if code == lang:
            return text
    return titles[0][1] if titles else ""


@cache
def _collator(lang: str) -> Any:
    import icu

    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str) -> bytes:
    """ICU's collation key: Persian alphabetical order for fa, Kazakh for kk, and so on."""
    return bytes(_collator(lang).getSortKey(text))

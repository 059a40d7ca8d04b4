"""Incomplete lists (3.5): ListIdentifiers and ListRecords a page at a time, in
(datestamp, item id) order, items and tombstones merged, with their resumption tokens.

Django glue. A page costs a fixed number of queries however large the repository: the
keys of the next page of items and of tombstones, then the page's items with what their
records need. The complete list is counted once, for the first page, and its size rides
in the token (completeListSize), so later pages never count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from nuskha.catalogue.models import Item
from nuskha.oai import protocol, tokens
from nuskha.oai.models import Tombstone
from nuskha.oai.repository import items_in_set, served_items
from nuskha.oai.responses import Continuation
from nuskha.oai.resumption import Resumption, expiry

# Page sizes: records are heavier than headers. Tests patch these to page sooner.
RECORDS_PER_PAGE = 100
IDENTIFIERS_PER_PAGE = 250

Key = tuple[datetime, int]  # (datestamp, item id): the list's order, and a token's place
Entry = Item | Tombstone
Loader = Callable[[list[int]], QuerySet[Item]]


@dataclass(frozen=True)
class Selection:
    """A list request's arguments (from, until, set, metadataPrefix), as given."""

    verb: str
    metadata_prefix: str
    set_spec: str = ""
    start: str = ""
    end: str = ""

    @classmethod
    def of_request(cls, request: protocol.Request) -> Selection:
        return cls(
            request.verb,
            request.get("metadataPrefix"),
            request.get("set"),
            request.get("from"),
            request.get("until"),
        )

    @classmethod
    def of_resumption(cls, resumption: Resumption) -> Selection:
        return cls(
            resumption.verb,
            resumption.metadata_prefix,
            resumption.set_spec,
            resumption.start,
            resumption.end,
        )

    def page_size(self) -> int:
        return RECORDS_PER_PAGE if self.verb == "ListRecords" else IDENTIFIERS_PER_PAGE


@dataclass
class Page:
    selection: Selection
    entries: list[Entry]
    continuation: Continuation | None  # None: the list was complete in one response


def first_page(selection: Selection, load: Loader, now: datetime) -> Page:
    entries, keys, has_more = _page(selection, None, load)
    if not has_more:
        return Page(selection, entries, None)
    size = max(count(selection), len(keys) + 1)
    return Page(selection, entries, _continue(selection, keys[-1], 0, len(keys), size, now))


def next_page(resumption: Resumption, load: Loader, now: datetime) -> Page:
    selection = Selection.of_resumption(resumption)
    entries, keys, has_more = _page(selection, resumption.after, load)
    cursor, sent = resumption.cursor, resumption.cursor + len(keys)
    # completeListSize is an estimate (3.5): records changed during the harvest come
    # round again at the end. Keep it no smaller than what has been sent.
    size = max(resumption.complete_list_size, sent + (1 if has_more else 0))
    if not has_more:
        return Page(selection, entries, Continuation("", "", size, cursor))
    return Page(selection, entries, _continue(selection, keys[-1], cursor, sent, size, now))


def _continue(
    selection: Selection, last: Key, cursor: int, sent: int, size: int, now: datetime
) -> Continuation:
    expires = expiry(now)
    resumption = Resumption(
        selection.verb,
        selection.metadata_prefix,
        selection.set_spec,
        selection.start,
        selection.end,
        last,
        sent,
        size,
        expires,
    )
    return Continuation(tokens.issue(resumption), protocol.format_datestamp(expires), size, cursor)


def count(selection: Selection) -> int:
    items, tombstones = _selected(selection)
    return items.count() + tombstones.count()


def _selected(selection: Selection) -> tuple[QuerySet[Item], QuerySet[Tombstone]]:
    """Items and tombstones that the set, from and until let in (2.7)."""
    items, tombstones = served_items(), Tombstone.objects.all()
    if selection.set_spec:
        spec = protocol.parse_set_spec(selection.set_spec)
        if spec is None:
            return items.none(), tombstones.none()
        items = items_in_set(items, spec)
        tombstones = tombstones.in_set(spec.institution, spec.collection)
    start = protocol.lower_bound(protocol.parse_datestamp(selection.start))
    end = protocol.upper_bound(protocol.parse_datestamp(selection.end))
    return _between(items, "updated_at", start, end), _between(tombstones, "datestamp", start, end)


def _between(
    found: QuerySet[Any], datestamp: str, start: datetime | None, end: datetime | None
) -> QuerySet[Any]:
    if start is not None:
        found = found.filter(**{f"{datestamp}__gte": start})
    if end is not None:
        found = found.filter(**{f"{datestamp}__lt": end})
    return found


def _after(found: QuerySet[Any], datestamp: str, item_id: str, key: Key) -> QuerySet[Any]:
    # (datestamp, id) > key, written so that an index on (datestamp, id) serves it.
    return found.filter(**{f"{datestamp}__gte": key[0]}).exclude(
        **{datestamp: key[0], f"{item_id}__lte": key[1]}
    )


def _page(
    selection: Selection, after: Key | None, load: Loader
) -> tuple[list[Entry], list[Key], bool]:
    """The next page's entries in list order, their keys, and whether more follow."""
    size = selection.page_size()
    items, tombstones = _selected(selection)
    if after is not None:
        items = _after(items, "updated_at", "pk", after)
        tombstones = _after(tombstones, "datestamp", "item_id", after)
    item_keys = items.order_by("updated_at", "pk").values_list("updated_at", "pk")[: size + 1]
    stones = tombstones.order_by("datestamp", "item_id")[: size + 1]
    merged = _merged(list(item_keys), list(stones))
    page = merged[:size]
    loaded = {item.pk: item for item in load([key[1] for key, stone in page if stone is None])}
    # An item deleted since its key was read is left out: its tombstone comes later.
    entries = [stone or loaded.get(key[1]) for key, stone in page]
    keys = [key for key, _ in page]
    return [e for e in entries if e is not None], keys, len(merged) > size


def _merged(item_keys: list[Key], stones: list[Tombstone]) -> list[tuple[Key, Tombstone | None]]:
    """Items' keys and tombstones in one list order; an item id is never both."""
    pairs: list[tuple[Key, Tombstone | None]] = [(key, None) for key in item_keys]
    pairs += [((stone.datestamp, stone.item_id), stone) for stone in stones]
    return sorted(pairs, key=lambda pair: pair[0])

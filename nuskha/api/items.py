"""/api/v1/items: the items a reader may see, filtered and paged by cursor, and one item's
full record (records.py), the same as /items/{id}/record.json."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router

from nuskha.access import Door, decide, told_why, visible_items
from nuskha.api.errors import ERRORS, ApiError, not_found
from nuskha.api.paging import PageParameters, page_of, paged
from nuskha.api.records import item_record, with_record_relations
from nuskha.api.schemas import ItemPage, ItemSchema
from nuskha.catalogue.models import Item

router = Router(tags=["items"])


class ItemFilters(PageParameters):
    institution: str | None = Field(None, description="Institution code, e.g. IR-NLAI.")
    kind: Item.Kind | None = None
    language: str | None = Field(None, description="BCP 47 tag, e.g. fa.")
    script: str | None = Field(None, description="ISO 15924 code, e.g. Arab.")
    subject: str | None = Field(None, description="Subject code.")
    status: Item.Status | None = Field(
        None, description="Staff only: readers see published items whatever they ask."
    )


FILTER_LOOKUPS = {
    "institution": "institution__code",
    "kind": "kind",
    "language": "languages__code",
    "script": "scripts__code",
    "subject": "subjects__code",
    "status": "status",
}


def filtered(items: QuerySet[Item], filters: ItemFilters) -> QuerySet[Item]:
    # One value per filter, so a many-to-many join matches each item at most once.
    wanted = {
        lookup: getattr(filters, name)
        for name, lookup in FILTER_LOOKUPS.items()
        if getattr(filters, name) is not None
    }
    return items.filter(**wanted)


@router.get("", response={200: ItemPage, **ERRORS}, summary="List items")
def list_items(request: HttpRequest, filters: Query[ItemFilters]) -> dict[str, Any]:
    """Items the reader may see, in id order, a page at a time."""
    items = filtered(visible_items(request.user, Door.API), filters)
    page, next_cursor = page_of(with_record_relations(items), filters.cursor, filters.limit)
    return paged([item_record(item) for item in page], next_cursor)


def visible_item(request: HttpRequest, item_id: int) -> Item:
    """The item, if the reader may see it; otherwise a 404 that says no more than that,
    or, to a partner, a 403 that says why (nuskha.access.told_why)."""
    item = with_record_relations(Item.objects.filter(pk=item_id)).first()
    if item is None:
        raise not_found(f"There is no item {item_id}.")
    decision = decide(request.user, item, Door.API)
    if not decision.is_granted:
        message = told_why(request.user, decision)
        if message is None:
            raise not_found(f"There is no item {item_id}.")
        raise ApiError(403, message)
    return item


@router.get("/{int:item_id}", response={200: ItemSchema, **ERRORS}, summary="One item")
def get_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    """The item's full record."""
    return item_record(visible_item(request, item_id))

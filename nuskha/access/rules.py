"""The access rule itself: public readers see published items that are not restricted;
staff see every record of the catalogue.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet

from nuskha.catalogue.models import Item


class Door(StrEnum):
    """The way a reader comes to a record; agreements may open some doors and not others."""

    WEB = "web"
    API = "api"
    IMAGES = "images"
    OAI = "oai"
    SEARCH = "search"


def _is_staff(reader: Any) -> bool:
    return bool(
        reader is not None and reader.is_authenticated and reader.is_active and reader.is_staff
    )


def can_see(reader: Any, item: Item, door: Door = Door.WEB) -> bool:
    """May this reader (a user, or AnonymousUser) see this item's record through this door?"""
    if _is_staff(reader):
        return True
    return item.status == Item.Status.PUBLISHED and item.access != Item.Access.RESTRICTED


def sees_everything(reader: Any, door: Door) -> bool:
    """Does this reader see every record through this door (staff do)? Indexes that store
    can_see(AnonymousUser(), item, door) per item use this to know when to apply it."""
    return _is_staff(reader)


def visible_items(reader: Any, door: Door = Door.WEB) -> QuerySet[Item]:
    """The items can_see() lets this reader see, as a queryset (for lists and counts)."""
    items = Item.objects.all()
    if _is_staff(reader):
        return items
    return items.filter(status=Item.Status.PUBLISHED).exclude(access=Item.Access.RESTRICTED)


def image_size_limit(reader: Any, item: Item) -> int | None:
    """The longest side, in pixels, this reader may see of the item's page images; None
    when there is no limit. can_see(reader, item, Door.IMAGES) decides whether at all."""
    if _is_staff(reader):
        return None
    if item.access == Item.Access.OPEN_REDUCED:
        return item.max_image_pixels or None
    return None


def is_open_to_everyone(item: Item) -> bool:
    """Can anyone at all see the item's images whole? Only then may responses be cached
    publicly (by browsers, proxies and nuskha's own public tile cache)."""
    return item.status == Item.Status.PUBLISHED and item.access == Item.Access.OPEN

"""Signals that keep the public tile cache (tile_cache.py) within the access rule.

FastTiles serves the public half of the cache, and the stored tiles of images flagged
public (models.mark_public), without asking nuskha.access, so when an item stops being
open to everyone its flags are cleared and (restricted, reduced, withdrawn, back to draft) its
public tiles go at once, and a deleted page's tiles go with it. Each removal runs again
after the transaction commits: a request that read the item as still open may have
stored a tile in between (views._rendered checks again after storing, for the same race).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from nuskha.access import is_open_to_everyone
from nuskha.catalogue.models import Item
from nuskha.images import tile_cache
from nuskha.images.models import Page, mark_public


def _forget_now_and_on_commit(image_ids: list[str], *, public_only: bool) -> None:
    if not image_ids:
        return
    tile_cache.forget(image_ids, public_only=public_only)
    transaction.on_commit(lambda: tile_cache.forget(image_ids, public_only=public_only))


def _item_saved(sender: Any, instance: Item, **kwargs: Any) -> None:
    image_ids = list(Page.objects.filter(item_id=instance.pk).values_list("image_id", flat=True))
    if is_open_to_everyone(instance):
        transaction.on_commit(lambda: mark_public(image_ids, True))  # once it is so
        return
    mark_public(image_ids, False)
    transaction.on_commit(lambda: mark_public(image_ids, False))
    _forget_now_and_on_commit(image_ids, public_only=True)


def _page_deleted(sender: Any, instance: Page, **kwargs: Any) -> None:
    _forget_now_and_on_commit([instance.image_id], public_only=False)


def connect() -> None:
    post_save.connect(_item_saved, sender=Item, dispatch_uid="images-item-saved")
    # Deleting an item deletes its pages, each through this signal.
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="images-page-deleted")

"""A tombstone for every deleted item whose home is this instance.

The tombstone is worked out before the delete (the item's harvested record, if any, is
deleted with it, first) and written after it, in the same transaction. A harvested
item leaves none: its deletion is its home repository's to report.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone

from nuskha.catalogue.models import Item
from nuskha.oai import protocol
from nuskha.oai.models import HarvestedRecord, Tombstone

_PENDING = "_oai_tombstone"


def connect() -> None:
    pre_delete.connect(_item_deleting, sender=Item, dispatch_uid="oai-tombstone-pre")
    post_delete.connect(_item_deleted, sender=Item, dispatch_uid="oai-tombstone-post")


def _item_deleting(sender: Any, instance: Item, **kwargs: Any) -> None:
    if HarvestedRecord.objects.filter(item_id=instance.pk).exists():
        return
    setattr(instance, _PENDING, tombstone_of(instance))


def _item_deleted(sender: Any, instance: Item, **kwargs: Any) -> None:
    pending: Tombstone | None = getattr(instance, _PENDING, None)
    if pending is None:
        return
    Tombstone.objects.update_or_create(
        item_id=pending.item_id,
        defaults={
            "institution_code": pending.institution_code,
            "collection_code": pending.collection_code,
            "oai_identifier": pending.oai_identifier,
            "set_specs": pending.set_specs,
            "datestamp": timezone.now(),
        },
    )


def tombstone_of(item: Item) -> Tombstone:
    """The tombstone the item would leave (unsaved): its identifier and sets as /oai
    gives them while it lives."""
    institution = item.institution.code
    collection = item.collection.code if item.collection_id else ""
    spec = protocol.SetSpec(institution, collection)
    return Tombstone(
        item_id=item.pk,
        institution_code=institution,
        collection_code=collection,
        oai_identifier=protocol.make_identifier(settings.OAI_REPOSITORY_ID, institution, item.pk),
        set_specs=" ".join(str(s) for s in spec.ancestors()),
    )

"""What this repository serves over OAI-PMH, read from the catalogue: its items (never
harvested ones), their tombstones, headers, sets and earliest datestamp.

Django glue. Whether a reader sees an item's record is nuskha.access's decision alone:
an item the reader may not see (a draft, a withdrawn or restricted item) is reported
as deleted, with a header and no metadata, like a tombstone (2.5.1).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Min, QuerySet

from nuskha.access import Door, can_see
from nuskha.catalogue.models import Collection, Institution, Item
from nuskha.oai import protocol
from nuskha.oai.models import Tombstone
from nuskha.oai.responses import Header, SetDescription

# The earliest datestamp of an empty repository: any instant before its first record.
_BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


def served_items() -> QuerySet[Item]:
    """Every item whose home is this instance, visible or not (harvested items are not)."""
    return Item.objects.filter(harvested_record__isnull=True)


def items_in_set(items: QuerySet[Item], spec: protocol.SetSpec) -> QuerySet[Item]:
    items = items.filter(institution__code=spec.institution)
    return items.filter(collection__code=spec.collection) if spec.collection else items


def identifier_of(institution: str, item_id: int) -> str:
    return protocol.make_identifier(settings.OAI_REPOSITORY_ID, institution, item_id)


def item_set_specs(item: Item) -> tuple[str, ...]:
    collection = item.collection.code if item.collection_id else ""
    spec = protocol.SetSpec(item.institution.code, collection)
    return tuple(str(s) for s in spec.ancestors())


def is_deleted(reader: Any, item: Item) -> bool:
    return not can_see(reader, item, Door.OAI)


def item_header(reader: Any, item: Item) -> Header:
    return Header(
        identifier_of(item.institution.code, item.pk),
        protocol.format_datestamp(item.updated_at),
        item_set_specs(item),
        is_deleted(reader, item),
    )


def tombstone_header(tombstone: Tombstone) -> Header:
    return Header(
        identifier_of(tombstone.institution_code, tombstone.item_id),
        protocol.format_datestamp(tombstone.datestamp),
        tombstone.set_spec_list(),
        is_deleted=True,
    )


def sample_identifier() -> str:
    """An identifier of this repository for Identify: a record's, when there is one."""
    item = served_items().select_related("institution").order_by("pk").first()
    if item is None:
        return identifier_of("IR-NLAI", 1)
    return identifier_of(item.institution.code, item.pk)


def find(identifier: str) -> Item | Tombstone | None:
    """The item, or the tombstone of the deleted item, an identifier names."""
    parsed = protocol.parse_identifier(settings.OAI_REPOSITORY_ID, identifier)
    if parsed is None:
        return None
    institution, item_id = parsed
    items = served_items().select_related("institution", "collection")
    found = items.filter(pk=item_id, institution__code=institution).first()
    if found is not None:
        return found
    return Tombstone.objects.filter(item_id=item_id, institution_code=institution).first()


def earliest_datestamp() -> datetime:
    """The lower limit of every datestamp, a deletion's included (4.2)."""
    candidates = [
        served_items().aggregate(first=Min("updated_at"))["first"],
        Tombstone.objects.aggregate(first=Min("datestamp"))["first"],
    ]
    return min((c for c in candidates if c is not None), default=_BEGINNING)


def home_institutions() -> QuerySet[Institution]:
    """The institutions with records here: partners whose records were only harvested
    have their own repository."""
    homes = served_items().values("institution_id")
    return Institution.objects.filter(pk__in=homes).prefetch_related("names__language")


def set_descriptions() -> list[SetDescription]:
    """Every set (4.6): each home institution's, then each of its collections with
    records here, named in English where a name is given in it."""
    collections = Collection.objects.filter(pk__in=served_items().values("collection_id"))
    by_institution: dict[int, list[Collection]] = {}
    for collection in collections.prefetch_related("names__language"):
        by_institution.setdefault(collection.institution_id, []).append(collection)
    found = []
    for institution in home_institutions():
        spec = protocol.SetSpec(institution.code)
        found.append(SetDescription(str(spec), institution.name("en") or institution.code))
        for collection in by_institution.get(institution.pk, []):
            sub = protocol.SetSpec(institution.code, collection.code)
            found.append(SetDescription(str(sub), collection.name("en") or collection.code))
    return found


def repository_name() -> str:
    names = [institution.name("en") or institution.code for institution in home_institutions()]
    return f"nuskha: {', '.join(names)}" if names else "nuskha"

"""Builders of Page rows for tests that need an item's pages but not their pixels
(manifests, viewers): the rows ingest would write, without masters or access copies.
"""

from __future__ import annotations

import hashlib

from nuskha.catalogue.models import Item
from nuskha.images.iiif import pyramid_levels
from nuskha.images.models import Page, image_id_for

# A folio of a manuscript scanned at 400 ppi: about 15 x 20 cm.
FOLIO_WIDTH, FOLIO_HEIGHT = 2400, 3200


def make_page(
    item: Item,
    position: int,
    label: str = "",
    *,
    width: int = FOLIO_WIDTH,
    height: int = FOLIO_HEIGHT,
    tile_size: int = 512,
    name: str | None = None,
) -> Page:
    """A page as ingest records it; name is the file as delivered (default 0001.tif...)."""
    name = name or f"{position:04d}.tif"
    sha256 = hashlib.sha256(f"{item.pk}/{name}".encode()).hexdigest()
    return Page.objects.create(
        item=item,
        position=position,
        label=label,
        image_id=image_id_for(item.pk, sha256),
        source_name=name,
        master_path=f"masters/{name}",
        master_version="v1",
        master_sha256=sha256,
        master_format="tiff",
        master_bytes=width * height * 3,
        width=width,
        height=height,
        bits_per_sample=8,
        tile_size=tile_size,
        pyramid_levels=len(pyramid_levels(width, height, tile_size)),
    )


def make_pages(item: Item, labels: list[str]) -> list[Page]:
    """Pages in reading order, labelled as foliated (1r, 1v, 2r...)."""
    return [make_page(item, position, label) for position, label in enumerate(labels, start=1)]

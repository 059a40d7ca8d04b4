"""Page images: one Page per image of an item, in reading order.

The master is the file as delivered, kept unchanged in the item's OCFL object
(nuskha.preservation.storage); a Page records where (logical path and version), its
SHA-256 and what the image is. The access copy (a pyramidal TIFF in 8-bit sRGB) and the
thumbnail are derived from it and live under the data dir (derivative_dir()).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import Item


class Page(models.Model):
    """One page image of an item: a canvas of its IIIF manifest."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="pages", verbose_name=_("item"))
    position = models.PositiveIntegerField(_("order"))
    label = models.CharField(
        _("label"),
        max_length=32,
        blank=True,
        help_text=_("Foliation (1r, 1v, 2r…) or pagination (1, 2, 3…), as readers cite it."),
    )
    # Stable while the master is the same: it names the IIIF image and its cached tiles,
    # so a replaced master is a new image and no stale tile can be served for it.
    image_id = models.CharField(_("image identifier"), max_length=80, unique=True)
    source_name = models.CharField(_("file name as delivered"), max_length=255)
    master_path = models.CharField(_("path in preservation storage"), max_length=300)
    master_version = models.CharField(_("storage version"), max_length=16)
    master_sha256 = models.CharField(_("SHA-256 of the master"), max_length=64)
    master_format = models.CharField(_("master format"), max_length=16)
    master_bytes = models.PositiveBigIntegerField(_("master size (bytes)"))
    width = models.PositiveIntegerField(_("width (pixels)"))
    height = models.PositiveIntegerField(_("height (pixels)"))
    bits_per_sample = models.PositiveSmallIntegerField(_("bits per sample"))
    has_icc_profile = models.BooleanField(_("has an ICC profile"), default=False)
    tile_size = models.PositiveSmallIntegerField(_("tile size"), default=512)
    pyramid_levels = models.PositiveSmallIntegerField(_("pyramid levels"), default=1)
    created_at = models.DateTimeField(_("ingested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("page image")
        verbose_name_plural = _("page images")
        constraints = [
            models.UniqueConstraint(fields=["item", "master_path"], name="page_master_unique"),
        ]
        indexes = [models.Index(fields=["item", "position"], name="page_order")]

    def __str__(self) -> str:
        return f"{self.item.shelfmark} {self.label or self.position}"

    def derivative_dir(self) -> Path:
        return derivative_dir(self.image_id)

    @property
    def access_copy(self) -> Path:
        return self.derivative_dir() / "access.tif"

    @property
    def thumbnail(self) -> Path:
        return self.derivative_dir() / "thumbnail.jpg"


def mark_public(image_ids: list[str], is_public: bool) -> None:
    """Set or clear the flag beside each image's access copy that says "open to everyone":
    tile_cache.FastTiles serves such an image's stored tiles without asking Django, so
    the flag follows the access rule (images/signals.py, ingest.py)."""
    for image_id in image_ids:
        flag = derivative_dir(image_id) / PUBLIC_FLAG
        if is_public and flag.parent.is_dir():
            flag.touch()
        elif not is_public:
            flag.unlink(missing_ok=True)


PUBLIC_FLAG = "public"


def derivative_dir(image_id: str) -> Path:
    # Two levels of fan-out keep folders small in a collection of millions of pages.
    return Path(settings.DATA_DIR) / "images" / image_id[-2:] / image_id


def image_id_for(item_id: int, sha256: str) -> str:
    return f"{item_id}-{sha256[:20]}"

"""What search keeps beside the full-text index: the columns it filters, counts and sorts by.

One row per item, written in the same transaction as the item (indexing.py), so a saved
record is findable at once and a failed save leaves nothing behind. The full-text part
lives in a backend table (SQLite FTS5 or a PostgreSQL tsvector), keyed by the item's id.
"""

from __future__ import annotations

from django.db import models

from nuskha.catalogue.models import Item


class SearchEntry(models.Model):
    item = models.OneToOneField(Item, models.CASCADE, primary_key=True, related_name="search_entry")
    institution_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=24, db_index=True)
    material = models.CharField(max_length=16, blank=True, db_index=True)
    status = models.CharField(max_length=16)
    access = models.CharField(max_length=16)
    is_shareable = models.BooleanField(default=False)
    date_earliest = models.DateField(null=True)
    date_latest = models.DateField(null=True)
    century_ce = models.SmallIntegerField(null=True, db_index=True)
    century_ah = models.SmallIntegerField(null=True, db_index=True)
    # ICU collation keys of the title in each reader's language, for alphabetical order.
    sort_fa = models.BinaryField(default=b"")
    sort_kk = models.BinaryField(default=b"")
    sort_ru = models.BinaryField(default=b"")
    sort_en = models.BinaryField(default=b"")

    class Meta:
        indexes = [
            models.Index(fields=["status", "access"]),
            models.Index(fields=["date_earliest"]),
        ]

    def __str__(self) -> str:
        return f"search entry of item {self.item_id}"

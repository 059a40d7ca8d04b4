"""OAI-PMH records: tombstones of deleted items, and the sources the union catalogue
harvests with the items each brought in.

A `Tombstone` keeps a deleted item's header for good (deletedRecord "persistent", 2.5.1
of the protocol), so harvesters learn of the deletion however late they come back.
`HarvestSource` and `HarvestedRecord` belong to the harvester; the provider reads them
only to leave harvested items out: /oai serves the records whose home is this instance.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import Item


class TombstoneQuerySet(models.QuerySet["Tombstone"]):
    def in_set(self, institution: str, collection: str = "") -> TombstoneQuerySet:
        found = self.filter(institution_code=institution)
        return found.filter(collection_code=collection) if collection else found


class Tombstone(models.Model):
    """The header of a deleted item, as it was when the item was deleted."""

    item_id = models.PositiveBigIntegerField(_("item id"), unique=True)
    institution_code = models.CharField(_("institution code"), max_length=32)
    collection_code = models.CharField(_("collection code"), max_length=64, blank=True)
    oai_identifier = models.CharField(_("OAI identifier"), max_length=255, db_index=True)
    set_specs = models.TextField(
        _("set specs"), blank=True, help_text=_("The sets the item was in, space-separated.")
    )
    datestamp = models.DateTimeField(_("deleted"))

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["datestamp", "item_id"]
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        indexes = [
            # Lists page through (datestamp, item id), as they do through items.
            models.Index(fields=["datestamp", "item_id"], name="oai_tombstone_list_order"),
            models.Index(fields=["institution_code", "collection_code"], name="oai_tombstone_set"),
        ]

    def __str__(self) -> str:
        return self.oai_identifier

    def set_spec_list(self) -> tuple[str, ...]:
        return tuple(self.set_specs.split())


class HarvestSource(models.Model):
    """A partner's OAI-PMH endpoint that the union catalogue harvests, incrementally
    from the last datestamp it saw."""

    base_url = models.URLField(_("base URL"))
    set_spec = models.CharField(_("set"), max_length=255, blank=True)
    metadata_prefix = models.CharField(_("metadata prefix"), max_length=64, default="marc21")
    credential = models.CharField(
        _("credential"),
        max_length=200,
        blank=True,
        help_text=_(
            "The key the partner issued to this library, sent with every request of the "
            "harvest, so it gets what the partner's agreements grant."
        ),
    )
    last_datestamp = models.DateTimeField(_("last datestamp harvested"), null=True, blank=True)
    last_harvest_at = models.DateTimeField(_("last harvested"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["base_url"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")
        constraints = [
            # One partner may be harvested whole, or set by set.
            models.UniqueConstraint(fields=["base_url", "set_spec"], name="harvest_source_unique")
        ]

    def __str__(self) -> str:
        return f"{self.base_url} {self.set_spec}".strip()


class HarvestedRecord(models.Model):
    """An item that came from a partner's repository: read-only here, and never served
    back over OAI-PMH (design.md, deployment model)."""

    item = models.OneToOneField(
        Item, models.CASCADE, related_name="harvested_record", verbose_name=_("item")
    )
    # PROTECT: dropping a source while its records stay would turn them into records
    # of this instance, served over /oai as its own. Delete the items first.
    source = models.ForeignKey(
        HarvestSource, models.PROTECT, related_name="records", verbose_name=_("source")
    )
    oai_identifier = models.CharField(_("OAI identifier"), max_length=255, unique=True)
    datestamp = models.DateTimeField(_("datestamp at the source"))
    home_url = models.URLField(_("record at its home"), blank=True)

    class Meta:
        ordering = ["oai_identifier"]
        verbose_name = _("harvested record")
        verbose_name_plural = _("harvested records")

    def __str__(self) -> str:
        return self.oai_identifier


class HarvestRun(models.Model):
    """One harvest of a source: when, what it changed, and what it could not store."""

    source = models.ForeignKey(
        HarvestSource, models.CASCADE, related_name="runs", verbose_name=_("source")
    )
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(_("records created"), default=0)
    updated = models.PositiveIntegerField(_("records updated"), default=0)
    deleted = models.PositiveIntegerField(_("records deleted"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    failure = models.TextField(
        _("failure"), blank=True, help_text=_("Why the harvest stopped, if it did.")
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("harvest")
        verbose_name_plural = _("harvests")

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def error_count(self) -> int:
        return len(self.errors)

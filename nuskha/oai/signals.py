"""A tombstone for every deleted item whose home is this instance; a new datestamp for
every item whose record an authority change alters.

The tombstone is worked out before the delete (the item's harvested record, if any, is
deleted with it, first) and written after it, in the same transaction. A harvested
item leaves none: its deletion is its home repository's to report.

An item's record carries its agents' and works' names (MARC 1XX/7XX/880, TEI, DC): when
an authority changes, the items that use it take a new datestamp (their updated_at), so
an incremental harvest brings the change to the partners.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from nuskha.catalogue.models import Agent, AgentName, Item, Subject, SubjectLabel, Work, WorkTitle
from nuskha.oai import protocol
from nuskha.oai.models import HarvestedRecord, Tombstone

_PENDING = "_oai_tombstone"


def connect() -> None:
    pre_delete.connect(_item_deleting, sender=Item, dispatch_uid="oai-tombstone-pre")
    post_delete.connect(_item_deleted, sender=Item, dispatch_uid="oai-tombstone-post")
    for model in _AUTHORITY_USES:
        for signal in (post_save, post_delete):
            signal.connect(
                _authority_changed, sender=model, dispatch_uid=f"oai-{model.__name__}-{signal}"
            )


def _agent_uses(agent_id: int) -> Q:
    return (
        Q(agents__agent_id=agent_id)
        | Q(contents__scribe_id=agent_id)
        | Q(contents__work__author_id=agent_id)
    )


# For each authority model: which items' records show it, given the authority's id.
_AUTHORITY_USES = {
    Agent: _agent_uses,
    AgentName: _agent_uses,
    Work: lambda work_id: Q(contents__work_id=work_id),
    WorkTitle: lambda work_id: Q(contents__work_id=work_id),
    Subject: lambda subject_id: Q(subjects__id=subject_id),
    SubjectLabel: lambda subject_id: Q(subjects__id=subject_id),
}
_AUTHORITY_ID = {AgentName: "agent_id", WorkTitle: "work_id", SubjectLabel: "subject_id"}


def _authority_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    authority_id = getattr(instance, _AUTHORITY_ID.get(sender, "pk"))
    uses = Item.objects.filter(_AUTHORITY_USES[sender](authority_id))
    ids = list(uses.values_list("pk", flat=True).distinct())
    Item.objects.filter(pk__in=ids).update(updated_at=timezone.now())


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

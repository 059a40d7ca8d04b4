"""Signals that keep the search index in step with every change to a record.

A change to an item or any row under it (titles, agents, contents, parts, provenance,
former shelfmarks, languages, scripts, subjects) reindexes the item; a change to an
authority record (an agent's name forms, a work's titles, a subject's labels) reindexes
every item that uses it. All of it runs in the saving transaction (indexing.py).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from nuskha.catalogue import models as catalogue
from nuskha.search.indexing import index_items, remove_items

_ITEM_ROWS = [
    catalogue.Title,
    catalogue.FormerShelfmark,
    catalogue.ItemAgent,
    catalogue.ItemPart,
    catalogue.ContentItem,
    catalogue.Provenance,
]


# Items being deleted: the rows deleted with them must not index them again on the way.
_deleting = threading.local()


def _item_deleting(sender: Any, instance: catalogue.Item, **kwargs: Any) -> None:
    _being_deleted().add(instance.pk)


def _being_deleted() -> set[int]:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids  # type: ignore[no-any-return]


def _item_saved(sender: Any, instance: catalogue.Item, **kwargs: Any) -> None:
    index_items([instance.pk])


def _item_deleted(sender: Any, instance: catalogue.Item, **kwargs: Any) -> None:
    remove_items([instance.pk])
    _being_deleted().discard(instance.pk)


def _row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.item_id in _being_deleted():
        return
    if catalogue.Item.objects.filter(pk=instance.item_id).exists():
        index_items([instance.item_id])


def _items_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and isinstance(instance, catalogue.Item):
        index_items([instance.pk])


def _agent_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    agent_id = getattr(instance, "agent_id", None) or instance.pk
    uses = Q(agents__agent_id=agent_id) | Q(contents__scribe_id=agent_id)
    uses |= Q(contents__work__author_id=agent_id)
    index_items(catalogue.Item.objects.filter(uses).values_list("pk", flat=True).distinct())


def _work_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    work_id = getattr(instance, "work_id", None) or instance.pk
    index_items(
        catalogue.Item.objects.filter(contents__work_id=work_id).values_list("pk", flat=True)
    )


def _subject_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    subject_id = getattr(instance, "subject_id", None) or instance.pk
    index_items(catalogue.Item.objects.filter(subjects__id=subject_id).values_list("pk", flat=True))


def connect() -> None:
    post_save.connect(_item_saved, sender=catalogue.Item, dispatch_uid="search-item-saved")
    pre_delete.connect(_item_deleting, sender=catalogue.Item, dispatch_uid="search-item-deleting")
    post_delete.connect(_item_deleted, sender=catalogue.Item, dispatch_uid="search-item-deleted")
    for model in _ITEM_ROWS:
        for signal in (post_save, post_delete):
            signal.connect(
                _row_changed, sender=model, dispatch_uid=f"search-{model.__name__}-{signal}"
            )
    for through in (
        catalogue.Item.languages.through,
        catalogue.Item.scripts.through,
        catalogue.Item.subjects.through,
    ):
        m2m_changed.connect(
            _items_changed, sender=through, dispatch_uid=f"search-{through.__name__}"
        )
    for model, handler in (
        (catalogue.Agent, _agent_changed),
        (catalogue.AgentName, _agent_changed),
        (catalogue.Work, _work_changed),
        (catalogue.WorkTitle, _work_changed),
        (catalogue.Subject, _subject_changed),
        (catalogue.SubjectLabel, _subject_changed),
    ):
        for signal in (post_save, post_delete):
            signal.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-{signal}")

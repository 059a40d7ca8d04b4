"""A record's history as one timeline: the record itself and every inline row under it.

django-simple-history keeps a historical table per model; this module reads those tables
for an item (or an agent, or a work) and its inline rows, and turns each historical row
into an entry saying who changed what and when, with old and new values as a person
reads them (choice labels, related records' names, not ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from nuskha.catalogue import models as catalogue

# Inline rows whose history belongs on their parent's record, by parent model.
INLINE_HISTORY: dict[type[models.Model], list[tuple[type[models.Model], str]]] = {
    catalogue.Item: [
        (catalogue.Title, "item"),
        (catalogue.FormerShelfmark, "item"),
        (catalogue.ItemAgent, "item"),
        (catalogue.ItemPart, "item"),
        (catalogue.ContentItem, "item"),
        (catalogue.Provenance, "item"),
    ],
    catalogue.Agent: [(catalogue.AgentName, "agent")],
    catalogue.Work: [(catalogue.WorkTitle, "work")],
}

_HIDDEN_FIELDS = {"id", "created_at", "updated_at"}
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    label: str
    action: str
    changes: list[Change] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}[
            self.action
        ]


def record_timeline(record: models.Model) -> list[HistoryEntry]:
    """Every change to the record and its inline rows, newest first."""
    entries = _entries(type(record), type(record).history.filter(id=record.pk), parent=None)
    for model, parent_field in INLINE_HISTORY.get(type(record), []):
        rows = model.history.filter(**{f"{parent_field}_id": record.pk})
        entries.extend(_entries(model, rows, parent=parent_field))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _entries(model: type[models.Model], rows: Any, parent: str | None) -> list[HistoryEntry]:
    rows = rows.select_related("history_user").order_by("history_date")
    entries = []
    for row in rows:
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else _("system"),
                what=str(model._meta.verbose_name),
                label=str(row.instance),
                action=_ACTIONS[row.history_type],
                changes=_changes(model, row, parent),
            )
        )
    return entries


def _changes(model: type[models.Model], row: Any, parent: str | None) -> list[Change]:
    hidden = _HIDDEN_FIELDS | ({parent} if parent else set())
    if row.history_type == "-":
        return []
    previous = row.prev_record
    if row.history_type == "+" or previous is None:
        return [
            Change(_label(model, name), "", _display(model, name, _value(row, name)))
            for name in _field_names(model)
            if name not in hidden and _value(row, name) not in (None, "", [])
        ]
    delta = row.diff_against(previous)
    return [
        Change(
            _label(model, change.field),
            _display(model, change.field, change.old),
            _display(model, change.field, change.new),
        )
        for change in delta.changes
        if change.field not in hidden
    ]


def _field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


def _value(row: Any, name: str) -> Any:
    field_object = type(row.instance)._meta.get_field(name)
    return getattr(row, field_object.attname)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the change was made
        return name


def _display(model: type[models.Model], name: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        field_object = model._meta.get_field(name)
    except Exception:
        return str(value)
    if field_object.many_to_many:
        return _display_many(field_object, value)
    if field_object.is_relation:
        related = field_object.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field_object.choices:
        return str(dict(field_object.flatchoices).get(value, value))
    return str(value)


def _display_many(field_object: Any, value: Any) -> str:
    """simple-history gives many-to-many values as a list of through-table rows."""
    target = field_object.related_model
    key = f"{target._meta.model_name}"
    ids = [row.get(key) for row in value] if value and isinstance(value[0], dict) else value
    names = [str(o) for o in target._default_manager.filter(pk__in=ids)]
    return ", ".join(sorted(names))

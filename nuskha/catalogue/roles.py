"""Staff roles as Django groups, kept in step with the models after every migrate.

A role is a group of model permissions; which institution's records a member may
change is decided separately, in catalogue/permissions.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

CATALOGUERS = "Cataloguers"

# Items are withdrawn, not deleted: a deleted record would vanish from partners'
# union catalogues without a trace, so cataloguers get no delete permission on Item.
_CATALOGUER_PERMISSIONS = {
    "catalogue": {
        "item": ["view", "add", "change"],
        "title": ["view", "add", "change", "delete"],
        "formershelfmark": ["view", "add", "change", "delete"],
        "itemagent": ["view", "add", "change", "delete"],
        "itempart": ["view", "add", "change", "delete"],
        "contentitem": ["view", "add", "change", "delete"],
        "provenance": ["view", "add", "change", "delete"],
        "agent": ["view", "add", "change"],
        "agentname": ["view", "add", "change", "delete"],
        "work": ["view", "add", "change"],
        "worktitle": ["view", "add", "change", "delete"],
        "subject": ["view"],
        "subjectlabel": ["view"],
        "institution": ["view"],
        "collection": ["view", "add", "change"],
        "collectionname": ["view", "add", "change", "delete"],
        "language": ["view"],
        "script": ["view"],
    },
    "jobs": {"job": ["view"], "schedule": ["view"]},
}


def ensure_roles(**kwargs: Any) -> None:
    """Create or update each role's group with exactly its permissions."""
    group, _created = Group.objects.get_or_create(name=CATALOGUERS)
    group.permissions.set(permissions_of(_CATALOGUER_PERMISSIONS))


def permissions_of(spec: dict[str, dict[str, list[str]]]) -> list[Permission]:
    codenames = [
        (app, f"{action}_{model}")
        for app, models in spec.items()
        for model, actions in models.items()
        for action in actions
    ]
    found = Permission.objects.filter(
        content_type__app_label__in=spec.keys(), codename__in=[c for _a, c in codenames]
    ).select_related("content_type")
    wanted = set(codenames)
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]

"""The International relations staff role, kept in step with the models after every
migrate (as catalogue/roles.py keeps the cataloguers'): those who run the partnership
record agreements, activities, news and partners' credentials."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from nuskha.catalogue.roles import permissions_of

INTERNATIONAL_RELATIONS = "International relations"

_EDIT = ["view", "add", "change", "delete"]
_PERMISSIONS = {
    "cooperation": {
        **{
            model: _EDIT
            for model in (
                "contact",
                "agreement",
                "agreementtext",
                "party",
                "clause",
                "clausescope",
                "activity",
                "participant",
                "attachment",
                "newsitem",
                "newsversion",
            )
        },  # fmt: skip
        # Keys are issued and revoked, never edited or deleted: their use is on record.
        "credential": ["view", "add", "change"],
        "remindersent": ["view"],
        "accessevent": ["view"],
    },
    "catalogue": {"institution": ["view"], "language": ["view"]},
    "jobs": {"job": ["view"], "schedule": ["view"]},
}


def ensure_roles(**kwargs: Any) -> None:
    group, _created = Group.objects.get_or_create(name=INTERNATIONAL_RELATIONS)
    group.permissions.set(permissions_of(_PERMISSIONS))

"""Connects the access epoch (epoch.py) to every change the access rule (rules.py) reads:
items (status, access, size limit, shareable), users (active, staff, superuser), their
groups, permissions and institution, signing out, and the cooperation records the rule
reads for partners (agreements, their parties, clauses and scopes, partners' credentials).
An agreement that lapses at midnight needs no signal: passes end with the grant (the
views cap a pass at Decision.until). Django glue; connected by the images app (apps.py),
whose image passes the epoch ends.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model, user_logged_out
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from nuskha.access.epoch import advance_on_signal
from nuskha.catalogue.models import Item, StaffProfile
from nuskha.cooperation.models import Agreement, Clause, ClauseScope, Credential, Party


def connect() -> None:
    user_model = get_user_model()
    cooperation = (Agreement, Party, Clause, ClauseScope, Credential)
    for model in (Item, user_model, Group, StaffProfile, *cooperation):
        label = model._meta.label_lower
        post_save.connect(advance_on_signal, sender=model, dispatch_uid=f"epoch-saved-{label}")
        post_delete.connect(advance_on_signal, sender=model, dispatch_uid=f"epoch-gone-{label}")
    for relation in (user_model.groups, user_model.user_permissions, Group.permissions):
        through = relation.through
        m2m_changed.connect(
            advance_on_signal, sender=through, dispatch_uid=f"epoch-{through._meta.label_lower}"
        )
    user_logged_out.connect(advance_on_signal, dispatch_uid="epoch-signed-out")

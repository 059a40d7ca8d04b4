"""Cooperation app: partners, agreements, activities, reminders and news."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "nuskha.cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from nuskha.cooperation.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="nuskha-cooperation-roles")

"""App configuration: after every migrate, the staff roles get the permissions they need."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "nuskha.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from nuskha.catalogue.roles import ensure_roles

        # Not limited to this app's signal: the roles name other apps' permissions
        # (jobs), which exist only once those apps have migrated too.
        post_migrate.connect(ensure_roles, dispatch_uid="nuskha-ensure-roles")

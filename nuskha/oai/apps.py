"""OAI app: the provider at /oai; signals.py keeps a tombstone of every deleted item."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    name = "nuskha.oai"
    verbose_name = _("OAI-PMH")

    def ready(self) -> None:
        from nuskha.oai import signals

        signals.connect()

"""Cooperation app: partners, agreements, activities, reminders and news."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "nuskha.cooperation"
    verbose_name = _("Cooperation")

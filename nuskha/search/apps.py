"""Search app: keeps the index in step with the catalogue (signals.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "nuskha.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from nuskha.search import signals

        signals.connect()

"""Search app: keeps the index in step with the catalogue (signals.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "nuskha.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from nuskha.search import signals
        from nuskha.search.indexing import drop_orphaned_index

        signals.connect()
        # A flush (tests) empties Django's tables but not the backend's own: clear it too.
        post_migrate.connect(drop_orphaned_index, sender=self, dispatch_uid="search-orphans")

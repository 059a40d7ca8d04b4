"""Images app: page images of items, their derivatives, the IIIF Image and Presentation APIs."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "nuskha.images"
    verbose_name = _("Images")

    def ready(self) -> None:
        from nuskha.access import signals as access_signals
        from nuskha.images import signals

        # Public tiles go when their item stops being open to everyone (signals.py).
        signals.connect()
        # Image passes end when anything the access rule reads changes. nuskha.access is
        # no app of its own (its package imports the catalogue's models), so its users
        # connect it; connecting twice is harmless (dispatch_uid).
        access_signals.connect()

"""Images app: page images of items, their derivatives, the IIIF Image and Presentation APIs."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "nuskha.images"
    verbose_name = _("Images")

    def ready(self) -> None:
        from nuskha.images import signals

        # Public tiles go when their item stops being open to everyone (signals.py).
        signals.connect()

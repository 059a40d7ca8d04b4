"""OCR app: recognised text of page images, in the search index and IIIF Content Search."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcrConfig(AppConfig):
    name = "nuskha.ocr"
    verbose_name = _("OCR")

    def ready(self) -> None:
        from nuskha.ocr import signals

        signals.connect()

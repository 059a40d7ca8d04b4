"""The recognised text of a page image: its words with their boxes, as Tesseract read them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nuskha.images.models import Page
from nuskha.ocr.hocr import PageText as RecognisedPage


class PageText(models.Model):
    page = models.OneToOneField(
        Page, models.CASCADE, related_name="recognised", verbose_name=_("page image")
    )
    model = models.CharField(_("Tesseract model"), max_length=64)
    engine = models.CharField(_("engine"), max_length=64)
    text = models.TextField(_("text"), blank=True)
    # hocr.PageText.to_dict(): lines of words with boxes in the image's full-size pixels.
    words = models.JSONField(_("words with their boxes"))
    mean_confidence = models.FloatField(_("mean word confidence"), null=True, blank=True)
    created_at = models.DateTimeField(_("recognised"), auto_now=True)

    class Meta:
        verbose_name = _("recognised text")
        verbose_name_plural = _("recognised texts")

    def __str__(self) -> str:
        return f"{self.page}: {self.model}"

    def recognised_page(self) -> RecognisedPage:
        return RecognisedPage.from_dict(self.words)

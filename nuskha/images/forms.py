"""The staff upload form: page images (a zip, or several files) for one item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import Item


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(file, initial) for file in data]
        return [single(data, initial)]


class IngestForm(forms.Form):
    item = forms.ModelChoiceField(
        Item.objects.select_related("institution"),
        label=_("Item"),
        widget=forms.NumberInput,
        help_text=_("The item's number, as in its address: /items/<number>."),
    )
    files = MultipleFileField(
        label=_("Page images"),
        help_text=_(
            "TIFF, JPEG, PNG or JPEG 2000 files, or one zip of them. Pages are ordered by "
            "file name (page2 before page10)."
        ),
    )
    labels = forms.ChoiceField(
        label=_("Labels"),
        choices=[("folio", _("folios: 1r, 1v, 2r…")), ("page", _("pages: 1, 2, 3…"))],
        initial="folio",
    )

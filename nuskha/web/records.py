"""How the site names records: the title or name form in the reader's language, a record's
date in the reader's calendars, and an item's permalink.

Glue: these take catalogue model instances (with their forms prefetched) and the interface
language, and give the page what to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from nuskha import calendars
from nuskha.catalogue.models import DatedMixin, Item, Title
from nuskha.web.labels import interface_language

Form = TypeVar("Form")


def in_language(forms: Iterable[Form], language: str) -> Form | None:
    """The first form (title, name) in the language, else the first one: the preferred."""
    forms = list(forms)
    for form in forms:
        if form.language.code == language:  # type: ignore[attr-defined]
            return form
    return forms[0] if forms else None


def item_title(item: Item, language: str | None = None) -> Title | None:
    return in_language(item.titles.all(), language or interface_language())


@dataclass(frozen=True)
class WrittenDate:
    """A record's date: as written (in its own script and calendar), then its equivalents
    in the reader's language and calendars. The page isolates the first from the second
    (<bdi>), so a Persian colophon date does not reorder the English equivalents around it."""

    original: str
    equivalents: str

    def __str__(self) -> str:
        return " ".join(part for part in (self.original, self.equivalents) if part)

    def __bool__(self) -> bool:
        return bool(self.original or self.equivalents)

    def as_html(self) -> SafeString:
        """For templates: {{ date.as_html }} (Django's {{ }} would give str(date))."""
        if not self.original:
            return conditional_escape(self.equivalents)
        if not self.equivalents:
            return format_html("<bdi>{}</bdi>", self.original)
        return format_html("<bdi>{}</bdi> {}", self.original, self.equivalents)


def written_date(record: DatedMixin, language: str | None = None) -> WrittenDate:
    """The date as written, then its equivalents in the reader's calendars (empty if undated)."""
    original = record.date_as_written.strip()
    span = record.date_span()
    if span is None:
        return WrittenDate(original, "")
    text = calendars.format(span, language or interface_language())
    if original and text.startswith(original):
        return WrittenDate(original, text[len(original) :].strip())
    return WrittenDate("", text)


def permalink(item: Item) -> str:
    """The item's public address, under NUSKHA_BASE_URL (the address readers use)."""
    return settings.BASE_URL + reverse("web:item-detail", args=[item.pk])

"""The text of a catalogue record that search indexes, field by field, with its language.

Every field a reader may search is listed here once, with the language to fold it in
(a title's own language, a content entry's, the agent name form's), so the search index
(and anything else that needs a record's words) reads the record one way. Each text comes
with its folded tokens from nuskha.text, the keys the search compares.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from nuskha.catalogue.models import Item
from nuskha.text import tokenize


@dataclass(frozen=True)
class SearchableText:
    """One field's text as written, its language (BCP 47, or None), and its folded tokens.

    `field` is the search's field group: title, author, agent, work, shelfmark, incipit,
    explicit, colophon, subject or note."""

    field: str
    text: str
    lang: str | None
    keys: list[str] = field(default_factory=list, compare=False)


def searchable_texts(item: Item) -> list[SearchableText]:
    """Every searchable text of the item, with folded keys, in a stable order."""
    return [
        SearchableText(name, text, lang, tokenize(text, lang))
        for name, text, lang in _fields(item)
        if text and text.strip()
    ]


def _fields(item: Item) -> Iterator[tuple[str, str, str | None]]:
    yield "shelfmark", item.shelfmark, None
    for former in item.former_shelfmarks.all():
        yield "shelfmark", former.shelfmark, None
    for title in item.titles.select_related("language"):
        yield "title", title.text, title.language.code
    for role in item.agents.select_related("agent").prefetch_related("agent__names__language"):
        group = "author" if role.role == "author" else "agent"
        yield group, role.name_as_written, None
        for name in role.agent.names.all():
            yield group, name.text, name.language.code
    for content in item.contents.select_related("language", "work", "scribe"):
        lang = content.language.code if content.language else None
        yield "title", content.title_as_written, lang
        yield "incipit", content.incipit, lang
        yield "explicit", content.explicit, lang
        yield "colophon", content.colophon, lang
        yield "note", content.note, None
        if content.scribe is not None:
            for name in content.scribe.names.select_related("language"):
                yield "agent", name.text, name.language.code
        if content.work is not None:
            for title in content.work.titles.select_related("language"):
                yield "work", title.text, title.language.code
            if content.work.author is not None:
                for name in content.work.author.names.select_related("language"):
                    yield "author", name.text, name.language.code
    for subject in item.subjects.prefetch_related("labels__language"):
        for label in subject.labels.all():
            yield "subject", label.text, label.language.code
    for mark in item.provenance.all():
        yield "note", mark.text, None
    yield "note", item.notes, None
    yield "note", item.place_as_written, None

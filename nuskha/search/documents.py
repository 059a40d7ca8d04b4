"""What the index holds for an item: its words by field group, in four keyed variants.

Pure Python over plain values (catalogue.search_text gives the texts). For each field
group (title, author, …) the index keeps four aligned word lists, one entry per word:

- the folded key (fold): what most queries compare;
- the plain key (ascii_key), only where it differs: for queries typed in plain ASCII;
- the cross-script key, tagged with the word's script (c: Cyrillic, a: Arabic-script
  Kazakh), and "_" for a word without one: Kazakh across scripts;
- the plain form of that cross-script key, only where it differs.

Tagging keeps the cross-script key from matching within one script (Қайрат must not find
Қаират), and the "_" placeholders keep phrase positions aligned with the folded list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from nuskha.text import ascii_key, cross_script_key, tokens
from nuskha.text.folding import is_kazakh_arabic

GROUPS = (
    "title", "author", "agent", "work", "shelfmark",
    "incipit", "explicit", "colophon", "subject", "note",
    "text",  # the recognised text of the pages (nuskha.ocr), lowest of all
)  # fmt: skip
VARIANTS = ("", "_plain", "_cross", "_crossplain")
# The last column holds filter tokens (public, kind=manuscript, institution=3…), so a
# facet filter or the public's visibility is one more term of the full-text match.
FILTERS = "filters"
COLUMNS = (*(group + variant for group in GROUPS for variant in VARIANTS), FILTERS)
# Field weights for ranking: titles, names and shelfmarks above contents, notes last.
GROUP_WEIGHTS = {
    "title": 10.0, "author": 8.0, "agent": 5.0, "work": 8.0, "shelfmark": 8.0,
    "incipit": 3.0, "explicit": 2.0, "colophon": 2.0, "subject": 4.0, "note": 1.0,
    "text": 0.5,
}  # fmt: skip
SCRIPT_TAGS = {"Cyrl": "c:", "Arab": "a:"}
NO_CROSS_KEY = "_"
# A gap between two texts of one group, so a phrase never runs from one into the next.
TEXT_GAP = "_ _"


@dataclass
class Document:
    """The index entry of one item: space-separated words per column."""

    item_id: int
    columns: dict[str, str] = field(default_factory=dict)


def build_document(
    item_id: int, texts: Iterable[tuple[str, str, str | None]], filters: Iterable[str] = ()
) -> Document:
    """texts: (group, text as written, language) for every searchable field of the item;
    filters: the item's filter tokens."""
    per_column: dict[str, list[str]] = {column: [] for column in COLUMNS}
    for group, text, lang in texts:
        words = keyed_words(text, lang)
        if not words:
            continue
        for variant, values in zip(VARIANTS, zip(*words, strict=True), strict=True):
            column = per_column[group + variant]
            if column:
                column.append(TEXT_GAP)
            column.extend(values)
    columns = _compact(per_column)
    columns[FILTERS] = " ".join(filters)
    return Document(item_id, columns)


def keyed_words(text: str, lang: str | None) -> list[tuple[str, str, str, str]]:
    """(key, plain, tagged cross key, plain tagged cross key) for each word of a text."""
    kazakh = is_kazakh_arabic(text, lang)
    words = []
    for token in tokens(text, "kk" if kazakh else lang):
        cross = cross_script_key(token.key, token.script, kazakh)
        tag = SCRIPT_TAGS.get(token.script)
        tagged = tag + cross if tag and cross else NO_CROSS_KEY
        words.append((token.key, ascii_key(token.key), tagged, ascii_key(tagged)))
    return words


def _compact(per_column: dict[str, list[str]]) -> dict[str, str]:
    """Drop variants that add nothing: a plain list equal to the key list, a cross list of
    placeholders only, a plain cross list equal to the cross list."""
    columns = {}
    for group in GROUPS:
        key, plain, cross, cross_plain = (per_column[group + v] for v in VARIANTS)
        columns[group] = " ".join(key)
        columns[group + "_plain"] = " ".join(plain) if plain != key else ""
        has_cross = any(w not in (NO_CROSS_KEY, "_ _") for w in cross)
        columns[group + "_cross"] = " ".join(cross) if has_cross else ""
        columns[group + "_crossplain"] = (
            " ".join(cross_plain) if has_cross and cross_plain != cross else ""
        )
    return columns

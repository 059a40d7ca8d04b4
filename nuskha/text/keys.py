"""The two further keys a folded word has: diacritic-free, and Kazakh across scripts.

Pure Python. fold() keeps Latin diacritics (they are letters in Kazakh and in ALA-LC
romanisation: ä is not a); ascii_key() drops them, for queries typed in plain ASCII
(Hafiz finds Ḥāfiẓ). cross_script_key() writes Kazakh in the 2021 Latin alphabet, so
Астана, Astana and استانا meet; it is compared only between words of different scripts.
"""

from __future__ import annotations

import unicodedata

from nuskha.text.transliteration import kazakh_latin_key

# Latin letters with no decomposition to a base letter.
_SPECIAL_LATIN = {
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
    "þ": "th", "ð": "d", "ŋ": "n", "ƣ": "gh", "ə": "e", "ɵ": "o", "ß": "ss",
}  # fmt: skip
# Marks of romanisation that a plain keyboard does not have: ayn, hamza, prime, ties.
_ROMANISATION_MARKS = "'ʾʿʹʺʼʻ\u0361"
_LATIN_RANGES = [(0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF)]


def _ascii_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _ROMANISATION_MARKS}
    table.update({c: None for c in range(0x0300, 0x0370)})  # combining diacritics
    for start, end in _LATIN_RANGES:
        for code in range(start, end + 1):
            base = "".join(
                c for c in unicodedata.normalize("NFKD", chr(code)) if c.isascii() and c.isalpha()
            )
            if base:
                table[code] = base.lower()
    table.update({ord(letter): plain for letter, plain in _SPECIAL_LATIN.items()})
    return table


_ASCII_TABLE = _ascii_table()


def ascii_key(folded: str) -> str:
    """A folded string without Latin diacritics or romanisation marks: ḥāfiẓ -> hafiz."""
    if folded.isascii():
        return folded.replace("'", "")
    return folded.translate(_ASCII_TABLE)


def cross_script_key(key: str, script: str, kazakh: bool) -> str | None:
    """The word in the Kazakh 2021 Latin alphabet: Cyrillic always, Arabic script when the
    text is Kazakh, Latin as it is; None for words the Kazakh alphabet does not reach."""
    if script == "Latn":
        return key
    if script == "Cyrl" or (script == "Arab" and kazakh):
        return kazakh_latin_key(key)
    return None

"""Which script a word is written in (ISO 15924 codes), by its letters. Pure Python."""

from __future__ import annotations

import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\u02b0-\u02ff]")
_LETTER = re.compile(r"[^\W\d_]")


def script_of(word: str) -> str:
    """ "Arab", "Cyrl" or "Latn" by the word's first letter; "Zyyy" with no letter (a number),
    "Zzzz" for any other script."""
    letter = _LETTER.search(word)
    if letter is None:
        return "Zyyy"
    character = letter.group()
    for code, pattern in (("Arab", _ARABIC), ("Cyrl", _CYRILLIC), ("Latn", _LATIN)):
        if pattern.match(character):
            return code
    return "Zzzz"


def is_plain_ascii(text: str) -> bool:
    """A query typed in plain ASCII is compared on the diacritic-free key."""
    return text.isascii()

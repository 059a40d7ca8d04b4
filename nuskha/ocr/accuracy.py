"""How well OCR read a page: the character error rate against a known transcription.

Pure Python, no dependency. CER is the Levenshtein distance (insertions, deletions and
substitutions of one code point each) divided by the length of the expected text, both
texts first brought to one form by `normalise`:

- "none": the code points as given. Every ZWNJ, yeh variant and combining mark counts.
- "nfc" (the default): NFC, runs of whitespace as one space, ends trimmed. What a
  reader sees: ي for ی is an error, a line broken elsewhere is not.
- "search": the words nuskha.text.tokenize() finds (in `lang`), one space between. What
  the search sees: Arabic ي and ك for Persian ی and ک, ZWNJ, a space or nothing
  between the parts of a compound, digits in any system, case, diacritics and
  punctuation are not errors, because the search compares these keys and a reader's
  query finds the word either way.

normalize() (the display form) is not offered: it changes too little to say whether a
word is found, and "nfc" already says what a reader sees.

Distances are over code points, not grapheme clusters: a vowel mark Tesseract drops is
one error, as it is one keystroke for the person correcting the page. The distance is
computed bit-parallel (Myers 1999, in Hyyrö's form for whole strings), one Python
integer holding a column of the edit matrix: a page of 2,000 characters takes about
2,000 integer steps rather than four million table cells.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from nuskha.text import tokenize

Normalisation = Literal["none", "nfc", "search"]
_WHITESPACE = re.compile(r"\s+")


def character_error_rate(
    expected: str,
    recognised: str,
    *,
    normalise: Normalisation = "nfc",
    lang: str | None = None,
) -> float:
    """Edit distance over the expected length (0.0 is perfect; above 1.0 is possible).

    An empty expected text gives 0.0 when nothing was recognised and 1.0 otherwise.
    """
    expected = normalised(expected, normalise, lang)
    recognised = normalised(recognised, normalise, lang)
    if not expected:
        return 0.0 if not recognised else 1.0
    return levenshtein(expected, recognised) / len(expected)


def normalised(text: str, normalise: Normalisation = "nfc", lang: str | None = None) -> str:
    """`text` in the form character_error_rate() compares (see the module docstring)."""
    if normalise == "none":
        return text
    if normalise == "nfc":
        text = unicodedata.normalize("NFC", text)
    elif normalise == "search":
        return " ".join(tokenize(text, lang))
    else:
        raise ValueError(f"normalise must be 'none', 'nfc' or 'search', not {normalise!r}")
    return _WHITESPACE.sub(" ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """The edit distance between a and b, in code points."""
    if len(a) < len(b):
        a, b = b, a  # the shorter string is the one held in bits: smaller integers
    if not b:
        return len(a)
    return _bit_parallel_distance(pattern=b, text=a)


def _bit_parallel_distance(pattern: str, text: str) -> int:
    # Bit i of each vector describes row i+1 of the current column of the edit matrix:
    # pv/mv say the cell is one more/one less than the cell above it.
    positions: dict[str, int] = {}
    for i, character in enumerate(pattern):
        positions[character] = positions.get(character, 0) | (1 << i)
    mask = (1 << len(pattern)) - 1
    last = 1 << (len(pattern) - 1)
    pv, mv, distance = mask, 0, len(pattern)
    for character in text:
        eq = positions.get(character, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & last:
            distance += 1
        elif mh & last:
            distance -= 1
        # Shifting in a 1: the top row of the matrix grows by one per text character,
        # which makes this the distance between whole strings, not a substring search.
        ph = (ph << 1) | 1
        mh = mh << 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv & mask
    return distance

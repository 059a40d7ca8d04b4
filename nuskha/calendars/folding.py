"""Folding: the one canonical spelling parse() compares, and Persian digits for display.

Pure: no Django. Catalogues write the same date with Persian (۰–۹), Arabic-Indic (٠–٩)
or ASCII digits, with Arabic or Persian letter forms (ي/ی, ك/ک, ة/ه), with or without
diacritics, tatweel, zero-width joiners and the ayn of romanisation (Rabiʿ, Shaʿban).
fold() removes all those differences, so the vocabulary is written once. It is applied
to the vocabulary too, so a word always compares with its own folded form.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf
        "ة": "ه",  # teh marbuta
        "ە": "ه",  # left of ۀ (heh with yeh above) once its hamza is decomposed away
        "ہ": "ه",
        "ھ": "ه",
        "ٱ": "ا",  # alef wasla
        "ـ": None,  # tatweel, as in هـ.ق
        "\u200d": None,  # zero-width joiner, as in ه‍.ق
        "\u200e": None,  # direction marks
        "\u200f": None,
        "\u061c": None,
        "\u200c": " ",  # zero-width non-joiner: ربیع‌الاول reads as ربیع الاول
        "ʿ": None,  # ayn and hamza of romanisation, and apostrophes standing for them
        "ʾ": None,
        "ʻ": None,
        "ʼ": None,
        "'": None,
        "’": None,
        "‘": None,
        "`": None,
        "´": None,
        "،": ",",
        "؟": "?",
        "‐": "-",  # the dashes: hyphen, non-breaking hyphen, figure, en, em, bar, minus
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)

# A full stop ends an abbreviation (A.H., в., ж.) unless it separates digits (15.06.2012).
_ABBREVIATION_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")


def fold(text: str) -> str:
    """Lower-case text with ASCII digits, one form of each letter and no marks."""
    text = unicodedata.normalize("NFKD", text.translate(_DIGITS).casefold())
    # NFKD splits accents, madda and hamza from their letters; dropping the marks
    # leaves the bare letter (آ → ا, أ → ا, ī → i, ё → е).
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_LETTERS)
    return _ABBREVIATION_DOT.sub(" ", text)


def compact(text: str) -> str:
    """The folded text without spaces, dots or hyphens: the key of a vocabulary entry."""
    return re.sub(r"[\s.\-]+", "", fold(text))


def to_persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)

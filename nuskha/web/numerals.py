"""Numbers as readers of each interface language write them: Persian digits, Roman
numerals, English ordinals, and the labels of Hijri and Common Era centuries.

Pure: no Django. The site's template filters (templatetags/nuskha_web.py) and the search
facets' labels (facets.py) call these with the interface language.
"""

from __future__ import annotations

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

# How each language writes "the 11th century" of each era: Russian and Kazakh catalogues
# use Roman numerals ("XI в. х."), Persian ones "قرن ۱۱ ق" (ق: lunar Hijri, م: Common Era).
_CENTURY_FORMATS = {
    ("en", "ah"): "{ordinal} century AH",
    ("en", "ce"): "{ordinal} century",
    ("fa", "ah"): "قرن {number} ق",
    ("fa", "ce"): "قرن {number} م",
    ("kk", "ah"): "{roman} ғ. (х.)",
    ("kk", "ce"): "{roman} ғ.",
    ("ru", "ah"): "{roman} в. х.",
    ("ru", "ce"): "{roman} в.",
}


def to_persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def localise_digits(text: str, language: str) -> str:
    """ASCII digits as Persian ones in the Persian interface; unchanged in the others."""
    return to_persian_digits(text) if language == "fa" else text


def roman(number: int) -> str:
    """11 -> "XI"; numbers below 1 stay Arabic numerals (there is no Roman zero)."""
    if number < 1:
        return str(number)
    written = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        written.append(letters * count)
    return "".join(written)


def ordinal(number: int) -> str:
    """11 -> "11th", 21 -> "21st", 2 -> "2nd"."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def century_label(century: int, era: str, language: str) -> str:
    """The century (counted from 1) of an era ("ah" or "ce") as the language writes it."""
    pattern = _CENTURY_FORMATS.get((language, era)) or _CENTURY_FORMATS[("en", era)]
    text = pattern.format(number=century, ordinal=ordinal(century), roman=roman(century))
    return localise_digits(text, language)

"""Loci: where in a volume a text stands ("ff. 1v–45r", "f. 12r", "pp. 3–120").

Pure: no Django. A manuscript is counted in leaves (folios), each with a recto (r) and a
verso (v) side; printed books are counted in pages. Persian and Arabic catalogues often
write a and b for recto and verso ("1b–45a"), so those are read too. Digits in Persian or
Arabic-Indic form are accepted. The text as the cataloguer wrote it is stored unchanged;
parse_locus() only checks it and gives the numbers for ordering and range checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SIDE = {"r": 0, "a": 0, "v": 1, "b": 1}

_FOLIO_PREFIX = r"(?:ff?|fol|fols|folios?)\.?"
_PAGE_PREFIX = r"(?:pp?|pages?)\.?"
_FOLIO = r"(\d+)\s*([rvab])"
_PAGE = r"(\d+)"
_DASH = r"\s*[-–—‒]\s*"

_FOLIO_RE = re.compile(rf"^{_FOLIO_PREFIX}\s*{_FOLIO}(?:{_DASH}{_FOLIO})?$", re.IGNORECASE)
_PAGE_RE = re.compile(rf"^{_PAGE_PREFIX}\s*{_PAGE}(?:{_DASH}{_PAGE})?$", re.IGNORECASE)


# English messages by code; catalogue/models.py gives the same codes translated.
MESSAGES = {
    "empty": "A locus is empty.",
    "unreadable": "“{locus}” is not a locus: write leaves as “ff. 1v–45r” or “f. 12r”, "
    "pages as “pp. 3–120”.",
    "backwards": "“{locus}”: the range ends before it begins.",
    "zero": "“{locus}”: leaves and pages are numbered from 1.",
    "beyond_leaves": "“{locus}”: leaf {last} is beyond the volume's {count} leaves.",
    "beyond_pages": "“{locus}”: page {last} is beyond the volume's {count} pages.",
}


class LocusError(ValueError):
    """The text is not a locus nuskha can read, or does not fit the volume.

    `code` names the reason (a key of MESSAGES) and `params` fills its message, so a
    user interface can say it in the reader's language.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code].format(**params))


@dataclass(frozen=True)
class Locus:
    """A span of a volume: unit is "folio" or "page"; positions count sides or pages from 1."""

    unit: str
    start: int
    end: int
    first_leaf: int
    last_leaf: int


def parse_locus(text: str) -> Locus:
    """Read a locus such as "ff. 1v–45r" or "pp. 3–120"; raise LocusError if it is not one."""
    cleaned = text.translate(_DIGITS).strip()
    if not cleaned:
        raise LocusError("empty", locus=text)
    if match := _FOLIO_RE.match(cleaned):
        return _folio_locus(text, *match.groups())
    if match := _PAGE_RE.match(cleaned):
        return _page_locus(text, *match.groups())
    raise LocusError("unreadable", locus=text)


def _folio_locus(
    text: str, leaf: str, side: str, end_leaf: str | None, end_side: str | None
) -> Locus:
    start = _folio_position(int(leaf), side)
    if end_leaf is None:
        end, last = start, int(leaf)
    else:
        end, last = _folio_position(int(end_leaf), end_side or "r"), int(end_leaf)
    _check_order(text, start, end, int(leaf))
    return Locus("folio", start, end, int(leaf), last)


def _page_locus(text: str, first: str, last: str | None) -> Locus:
    start = int(first)
    end = int(last) if last is not None else start
    _check_order(text, start, end, start)
    return Locus("page", start, end, start, end)


def _folio_position(leaf: int, side: str) -> int:
    return 2 * leaf - 1 + _SIDE[side.lower()]


def _check_order(text: str, start: int, end: int, first_number: int) -> None:
    if first_number < 1:
        raise LocusError("zero", locus=text)
    if end < start:
        raise LocusError("backwards", locus=text)


def check_within_volume(text: str, leaves: int | None, pages: int | None) -> None:
    """Raise LocusError if the locus is unreadable or lies beyond the volume's leaves or pages."""
    locus = parse_locus(text)
    if locus.unit == "folio" and leaves and locus.last_leaf > leaves:
        raise LocusError("beyond_leaves", locus=text, last=locus.last_leaf, count=leaves)
    if locus.unit == "page" and pages and locus.end > pages:
        raise LocusError("beyond_pages", locus=text, last=locus.end, count=pages)

"""Calendars of the collections: lunar Hijri, Solar Hijri, Julian and Gregorian.

Pure: no Django, nothing of nuskha outside this package. convert() and its helpers move
a date between calendars; parse() reads a date as catalogues and colophons write it into
a DateSpan; format() writes a span back with its equivalents for a reader's locale.
docs/reference/calendars.md describes the conventions.
"""

from __future__ import annotations

from nuskha.calendars.conversion import (
    CALENDARS,
    CalendarError,
    convert,
    days_in_month,
    from_date,
    to_date,
)
from nuskha.calendars.formatting import format, format_date
from nuskha.calendars.parsing import DateParseError, parse
from nuskha.calendars.spans import CERTAINTIES, DateSpan

__all__ = [
    "CALENDARS",
    "CERTAINTIES",
    "CalendarError",
    "DateParseError",
    "DateSpan",
    "convert",
    "days_in_month",
    "format",
    "format_date",
    "from_date",
    "parse",
    "to_date",
]

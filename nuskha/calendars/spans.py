"""DateSpan, and the day ranges of years, months, decades and centuries in each calendar.

Pure: no Django. A span is kept as its earliest and latest day in the proleptic Gregorian
calendar (Python's datetime.date), so spans from any calendar sort and compare together.

Besides the four calendars of conversion.py, the functions here accept "european": the
historical reading of a date written without a calendar marker, or with AD, CE, م, г. or
ж. A European date before 15 October 1582 is a Julian date, one from that day on is a
Gregorian date, as historians and catalogues quote them. So the year 1582 runs from
1 January 1582 (Julian) to 31 December 1582 (Gregorian).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nuskha.calendars.conversion import (
    FIRST_DAY,
    REFORM,
    CalendarError,
    check_calendar,
    days_in_month,
    jdn_to_date,
    to_jdn,
)

CERTAINTIES = ("exact", "approximate", "inferred", "uncertain")

# The first and last year of each part of a century, counted from its first year (x01).
CENTURY_PARTS = {
    "": (0, 99),
    "early": (0, 32),
    "mid": (33, 65),
    "late": (66, 99),
    "first half": (0, 49),
    "second half": (50, 99),
}


@dataclass(frozen=True)
class DateSpan:
    """A date as a catalogue records it: the days it may fall on, and how it was written.

    earliest and latest are proleptic Gregorian days; calendar is the calendar the text
    was written in (one of conversion.CALENDARS); original is the text unchanged; certainty
    is one of CERTAINTIES.
    """

    earliest: datetime.date
    latest: datetime.date
    calendar: str
    original: str
    certainty: str = "exact"

    def __post_init__(self) -> None:
        check_calendar(self.calendar)
        if self.certainty not in CERTAINTIES:
            raise ValueError(f"certainty {self.certainty!r} is not one of {CERTAINTIES}")
        if self.latest < self.earliest:
            raise ValueError(
                f"a span cannot end ({self.latest}) before it begins ({self.earliest})"
            )


def is_julian_in_europe(year: int, month: int, day: int) -> bool:
    """Whether a European date (see the module docstring) is read in the Julian calendar."""
    return (year, month, day) < (REFORM.year, REFORM.month, REFORM.day)


def european_calendar(year: int, month: int, day: int) -> str:
    return "julian" if is_julian_in_europe(year, month, day) else "gregorian"


def _actual(calendar: str, year: int, month: int, day: int) -> str:
    return european_calendar(year, month, day) if calendar == "european" else calendar


def day_number(year: int, month: int, day: int, calendar: str) -> int:
    """The JDN of a date, reading "european" dates by the reform rule."""
    return to_jdn(year, month, day, _actual(calendar, year, month, day))


def month_length(year: int, month: int, calendar: str) -> int:
    # The European October 1582 begins in the Julian calendar but ends on the 31st
    # of the Gregorian one, so a month's last day is read from its end.
    return days_in_month(year, month, _actual(calendar, year, month, 28))


Fields = tuple[int, int, int]


def month_bounds(year: int, month: int, calendar: str) -> tuple[Fields, Fields]:
    """The first and last day of a month, as (year, month, day)."""
    return (year, month, 1), (year, month, month_length(year, month, calendar))


def year_bounds(first: int, last: int, calendar: str) -> tuple[Fields, Fields]:
    """The first day of year `first` and the last day of year `last`."""
    return (first, 1, 1), month_bounds(last, 12, calendar)[1]


def century_years(century: int, part: str = "") -> tuple[int, int]:
    """The years of a century or of a part of it: the 10th century is 901–1000, its late
    third 967–1000 (early, mid and late are thirds; first and second half are halves)."""
    start, end = CENTURY_PARTS[part]
    base = (century - 1) * 100 + 1
    return base + start, base + end


def make_span(
    first: tuple[Fields, str], last: tuple[Fields, str], original: str, certainty: str
) -> DateSpan:
    """A DateSpan from its first and last day, each as (year, month, day) and calendar."""
    first_day, last_day = day_number(*first[0], first[1]), day_number(*last[0], last[1])
    if first_day < FIRST_DAY["gregorian"]:
        raise CalendarError("the span begins before 1 January AD 1 (Gregorian), the first day held")
    if last_day < first_day:
        raise CalendarError("the span ends before it begins")
    return DateSpan(
        earliest=jdn_to_date(first_day),
        latest=jdn_to_date(last_day),
        # A European span is in the calendar its first day was read in: "14 October 1582"
        # is a Julian date although that day is also 24 October 1582 (Gregorian).
        calendar=_actual(first[1], *first[0]),
        original=original,
        certainty=certainty,
    )

"""Conversion between the Gregorian, Julian, Solar Hijri and lunar Hijri calendars.

Pure: no Django. Every date is turned into its Julian Day Number (JDN, the integer count
of days used by astronomers and by convertdate, ICU and jdcal) and back, so any pair of
calendars converts through one pivot. jdatetime does the Solar Hijri ("jalali") arithmetic,
the 33-year rule Iranian software uses; convertdate does the Julian calendar and the tabular
("civil") lunar Hijri calendar with the Friday epoch, 16 July 622 Julian, which is what
manuscript catalogues use. Python's datetime does the proleptic Gregorian calendar.

nuskha supports the days from 1 January AD 1 (Julian) to 31 December 2300 (Gregorian);
in the Hijri calendars from their first day in 622.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import jdatetime  # type: ignore[import-untyped]
from convertdate import islamic, julian  # type: ignore[import-untyped]

CALENDARS = ("gregorian", "julian", "jalali", "hijri")

# A proleptic Gregorian ordinal (datetime.date.toordinal) plus this is a JDN.
ORDINAL_TO_JDN = 1_721_425

# The first day of each calendar's year 1, and the last day nuskha supports.
FIRST_DAY = {
    "gregorian": 1_721_426,  # 1 January AD 1 Gregorian
    "julian": 1_721_424,  # 1 January AD 1 Julian
    "jalali": 1_948_320,  # 1 Farvardin 1 = 21 March 622 Gregorian (18 March Julian)
    "hijri": 1_948_440,  # 1 Muharram 1 = 16 July 622 Julian
}
LAST_DAY = datetime.date(2300, 12, 31).toordinal() + ORDINAL_TO_JDN

# The Gregorian reform: 4 October 1582 (Julian) was followed by 15 October 1582 (Gregorian).
REFORM = datetime.date(1582, 10, 15)
REFORM_DAY = REFORM.toordinal() + ORDINAL_TO_JDN

_JULIAN_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class CalendarError(ValueError):
    """A date that does not exist in its calendar, an unknown calendar, or a year nuskha
    does not support. The message names the calendar and the date."""


def check_calendar(calendar: str) -> None:
    if calendar not in CALENDARS:
        raise CalendarError(
            f"{calendar!r} is not a calendar nuskha knows: expected one of {', '.join(CALENDARS)}"
        )


def _is_gregorian_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _gregorian_month_length(year: int, month: int) -> int:
    if month == 2 and _is_gregorian_leap(year):
        return 29
    return _JULIAN_MONTH_DAYS[month - 1]


def _julian_month_length(year: int, month: int) -> int:
    return int(julian.month_length(year, month))


def _jalali_month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _hijri_month_length(year: int, month: int) -> int:
    return int(islamic.month_length(year, month))


_MONTH_LENGTH: dict[str, Callable[[int, int], int]] = {
    "gregorian": _gregorian_month_length,
    "julian": _julian_month_length,
    "jalali": _jalali_month_length,
    "hijri": _hijri_month_length,
}


def _gregorian_to_jdn(year: int, month: int, day: int) -> int:
    return datetime.date(year, month, day).toordinal() + ORDINAL_TO_JDN


def _julian_to_jdn(year: int, month: int, day: int) -> int:
    # convertdate counts Julian Dates from noon: x.5 is the midnight that starts day x + 1.
    return int(julian.to_jd(year, month, day) + 0.5)


def _jalali_to_jdn(year: int, month: int, day: int) -> int:
    return int(jdatetime.date(year, month, day).togregorian().toordinal()) + ORDINAL_TO_JDN


def _hijri_to_jdn(year: int, month: int, day: int) -> int:
    return int(islamic.to_jd(year, month, day) + 0.5)


def _gregorian_from_jdn(jdn: int) -> tuple[int, int, int]:
    day = datetime.date.fromordinal(jdn - ORDINAL_TO_JDN)
    return day.year, day.month, day.day


def _julian_from_jdn(jdn: int) -> tuple[int, int, int]:
    year, month, day = julian.from_jd(jdn - 0.5)
    return int(year), int(month), int(day)


def _jalali_from_jdn(jdn: int) -> tuple[int, int, int]:
    day = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(jdn - ORDINAL_TO_JDN))
    return int(day.year), int(day.month), int(day.day)


def _hijri_from_jdn(jdn: int) -> tuple[int, int, int]:
    year, month, day = islamic.from_jd(jdn - 0.5)
    return int(year), int(month), int(day)


_TO_JDN: dict[str, Callable[[int, int, int], int]] = {
    "gregorian": _gregorian_to_jdn,
    "julian": _julian_to_jdn,
    "jalali": _jalali_to_jdn,
    "hijri": _hijri_to_jdn,
}
_FROM_JDN: dict[str, Callable[[int], tuple[int, int, int]]] = {
    "gregorian": _gregorian_from_jdn,
    "julian": _julian_from_jdn,
    "jalali": _jalali_from_jdn,
    "hijri": _hijri_from_jdn,
}

# The last year each calendar reaches before LAST_DAY ends: years beyond it are refused
# before any arithmetic, so a typo such as 19391 gets a clear message.
MAX_YEAR = {calendar: _FROM_JDN[calendar](LAST_DAY)[0] for calendar in CALENDARS}


def _describe(year: int, month: int, day: int, calendar: str) -> str:
    return f"{year}-{month:02d}-{day:02d} in the {calendar} calendar"


def _check_year(year: int, calendar: str) -> None:
    if not 1 <= year <= MAX_YEAR[calendar]:
        raise CalendarError(
            f"year {year} is outside the years nuskha supports in the {calendar} calendar "
            f"(1–{MAX_YEAR[calendar]})"
        )


def _check_month(year: int, month: int, calendar: str) -> None:
    if not 1 <= month <= 12:
        raise CalendarError(
            f"{month} is not a month of {year} in the {calendar} calendar (it has 12 months)"
        )


def days_in_month(year: int, month: int, calendar: str) -> int:
    """How many days month `month` of `year` has in `calendar` (1–12 counts from the
    first month: January, Farvardin or Muharram)."""
    check_calendar(calendar)
    _check_year(year, calendar)
    _check_month(year, month, calendar)
    return _MONTH_LENGTH[calendar](year, month)


def check_date(year: int, month: int, day: int, calendar: str) -> None:
    """Raise CalendarError unless the date exists in the calendar and nuskha supports it."""
    length = days_in_month(year, month, calendar)
    if not 1 <= day <= length:
        raise CalendarError(
            f"{day} is not a day of month {month} of {year} in the {calendar} calendar "
            f"(it has {length} days)"
        )


def to_jdn(year: int, month: int, day: int, calendar: str) -> int:
    """The Julian Day Number of a date, after checking that the date exists."""
    check_date(year, month, day, calendar)
    jdn = _TO_JDN[calendar](year, month, day)
    if jdn > LAST_DAY:
        raise CalendarError(
            f"{_describe(year, month, day, calendar)} is after 31 December 2300, "
            "the last day nuskha supports"
        )
    return jdn


def from_jdn(jdn: int, calendar: str) -> tuple[int, int, int]:
    """The (year, month, day) of a Julian Day Number in a calendar."""
    check_calendar(calendar)
    if jdn < FIRST_DAY[calendar]:
        raise CalendarError(f"day {jdn} (JDN) falls before year 1 of the {calendar} calendar")
    if jdn > LAST_DAY:
        raise CalendarError(f"day {jdn} (JDN) is after 31 December 2300, the last day supported")
    return _FROM_JDN[calendar](jdn)


def convert(year: int, month: int, day: int, src: str, dst: str) -> tuple[int, int, int]:
    """The date (year, month, day) of calendar `src` as (year, month, day) in `dst`."""
    check_calendar(dst)
    jdn = to_jdn(year, month, day, src)
    if jdn < FIRST_DAY[dst]:
        raise CalendarError(
            f"{_describe(year, month, day, src)} falls before year 1 of the {dst} calendar"
        )
    return from_jdn(jdn, dst)


def to_date(year: int, month: int, day: int, calendar: str) -> datetime.date:
    """The date as a (proleptic Gregorian) datetime.date."""
    jdn = to_jdn(year, month, day, calendar)
    if jdn < FIRST_DAY["gregorian"]:
        raise CalendarError(
            f"{_describe(year, month, day, calendar)} falls before 1 January AD 1 (Gregorian), "
            "the first day Python's datetime.date can hold"
        )
    return datetime.date.fromordinal(jdn - ORDINAL_TO_JDN)


def from_date(date: datetime.date, calendar: str) -> tuple[int, int, int]:
    """The (year, month, day) of a datetime.date in `calendar`."""
    return from_jdn(date.toordinal() + ORDINAL_TO_JDN, calendar)


def jdn_to_date(jdn: int) -> datetime.date:
    return datetime.date.fromordinal(jdn - ORDINAL_TO_JDN)


def date_to_jdn(date: datetime.date) -> int:
    return date.toordinal() + ORDINAL_TO_JDN

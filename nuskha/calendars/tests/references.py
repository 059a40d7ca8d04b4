"""Independent references for the conversion tests: ICU, jdcal, convertdate and hijridate.

Each function gives the Julian Day Number (JDN) of a date by a library other than the one
nuskha uses at runtime for that calendar (or, for convertdate's Hijri and Persian, the same
library by another route), so a test can check nuskha against two of them. ICU is used only
here; the JULIAN_DAY field of an ICU calendar is the JDN.
"""

from __future__ import annotations

import datetime

import icu  # type: ignore[import-untyped]
import jdcal  # type: ignore[import-untyped]
from convertdate import islamic, persian  # type: ignore[import-untyped]
from hijridate import Hijri

FIELDS = icu.UCalendarDateFields
_GMT = icu.TimeZone.getGMT()
# ICU's GregorianCalendar is Julian before its change date (15 October 1582 by default);
# moving the change date to either end of time gives a pure Julian or Gregorian calendar.
_END_OF_TIME = 8.64e15  # milliseconds, the largest date ICU accepts


def _icu_jdn(calendar: icu.Calendar, year: int, month: int, day: int) -> int:
    calendar.clear()
    calendar.set(FIELDS.EXTENDED_YEAR, year)
    calendar.set(FIELDS.MONTH, month - 1)
    calendar.set(FIELDS.DATE, day)
    return int(calendar.get(FIELDS.JULIAN_DAY))


def _icu_calendar(name: str) -> icu.Calendar:
    calendar = icu.Calendar.createInstance(_GMT, icu.Locale(f"en@calendar={name}"))
    assert calendar.getType() == name, f"ICU has no {name} calendar"
    return calendar


def _icu_gregorian(change: float) -> icu.GregorianCalendar:
    calendar = icu.GregorianCalendar(_GMT)
    calendar.setGregorianChange(change)
    return calendar


_PERSIAN = _icu_calendar("persian")
_ISLAMIC_CIVIL = _icu_calendar("islamic-civil")
_JULIAN = _icu_gregorian(_END_OF_TIME)
_GREGORIAN = _icu_gregorian(-_END_OF_TIME)


def icu_persian(year: int, month: int, day: int) -> int:
    return _icu_jdn(_PERSIAN, year, month, day)


def icu_islamic_civil(year: int, month: int, day: int) -> int:
    return _icu_jdn(_ISLAMIC_CIVIL, year, month, day)


def icu_julian(year: int, month: int, day: int) -> int:
    return _icu_jdn(_JULIAN, year, month, day)


def icu_gregorian(year: int, month: int, day: int) -> int:
    return _icu_jdn(_GREGORIAN, year, month, day)


def _from_jd(jd: float) -> int:
    # Julian Dates count from noon: x.5 is the midnight that starts day x + 1.
    return int(jd + 0.5)


def jdcal_julian(year: int, month: int, day: int) -> int:
    return _from_jd(sum(jdcal.jcal2jd(year, month, day)))


def jdcal_gregorian(year: int, month: int, day: int) -> int:
    return _from_jd(sum(jdcal.gcal2jd(year, month, day)))


def datetime_gregorian(year: int, month: int, day: int) -> int:
    return datetime.date(year, month, day).toordinal() + 1_721_425


def convertdate_islamic(year: int, month: int, day: int) -> int:
    return _from_jd(islamic.to_jd(year, month, day))


def convertdate_persian(year: int, month: int, day: int) -> int:
    """The astronomical Solar Hijri calendar (Nowruz from the March equinox at Tehran)."""
    return _from_jd(persian.to_jd(year, month, day))


def umm_al_qura(year: int, month: int, day: int) -> int:
    """Saudi Arabia's Umm al-Qura calendar (AH 1343–1500), an observed-style calendar."""
    gregorian = Hijri(year, month, day).to_gregorian()
    return datetime_gregorian(gregorian.year, gregorian.month, gregorian.day)

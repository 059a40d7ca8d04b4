"""convert() and its helpers, on historical anchors checked against two other libraries each."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nuskha.calendars import (
    CALENDARS,
    CalendarError,
    convert,
    days_in_month,
    from_date,
    to_date,
)
from nuskha.calendars.conversion import FIRST_DAY, to_jdn
from nuskha.calendars.tests import references

Date = tuple[int, int, int]

# (calendar, date in it, the same day in the proleptic Gregorian calendar, what it is).
ANCHORS: list[tuple[str, Date, Date, str]] = [
    # Lunar Hijri, tabular civil arithmetic with the Friday epoch.
    ("hijri", (1, 1, 1), (622, 7, 19), "the epoch: 16 July 622 Julian, a Friday"),
    ("hijri", (2, 9, 17), (624, 3, 16), "battle of Badr, 13 March 624 Julian"),
    ("hijri", (100, 1, 1), (718, 8, 7), "first day of AH 100"),
    ("hijri", (500, 1, 1), (1106, 9, 9), "first day of AH 500"),
    ("hijri", (807, 8, 17), (1405, 2, 27), "death of Timur, 18 February 1405 Julian"),
    ("hijri", (857, 5, 20), (1453, 6, 7), "fall of Constantinople, 29 May 1453 Julian"),
    ("hijri", (900, 1, 1), (1494, 10, 11), "first day of AH 900"),
    ("hijri", (1000, 1, 1), (1591, 10, 19), "the Hijri millennium"),
    ("hijri", (1010, 3, 1), (1601, 8, 30), "1 Rabiʿ I 1010"),
    ("hijri", (1010, 9, 1), (1602, 2, 23), "1 Ramadan 1010"),
    ("hijri", (1010, 12, 29), (1602, 6, 20), "last day of AH 1010, a common year"),
    ("hijri", (1011, 12, 30), (1603, 6, 10), "30 Dhu al-Hijja of the leap year 1011"),
    ("hijri", (1038, 5, 24), (1629, 1, 19), "death of Shah ʿAbbas I, 19 January 1629"),
    ("hijri", (1100, 1, 1), (1688, 10, 26), "first day of AH 1100"),
    ("hijri", (1300, 1, 1), (1882, 11, 12), "first day of AH 1300"),
    ("hijri", (1400, 1, 1), (1979, 11, 21), "first day of AH 1400"),
    ("hijri", (1420, 9, 24), (2000, 1, 1), "1 January 2000"),
    ("hijri", (1446, 1, 1), (2024, 7, 8), "AH 1446 (Umm al-Qura: 7 July)"),
    ("hijri", (1500, 12, 29), (2077, 11, 16), "last day of AH 1500"),
    # Solar Hijri, jdatetime's 33-year arithmetic.
    ("jalali", (1, 1, 1), (622, 3, 21), "the epoch: 18 March 622 Julian"),
    ("jalali", (100, 1, 1), (721, 3, 21), "Nowruz of SH 100"),
    ("jalali", (979, 1, 1), (1600, 3, 20), "Nowruz of SH 979"),
    ("jalali", (980, 6, 8), (1601, 8, 30), "the first day of Rabiʿ I 1010"),
    ("jalali", (1178, 1, 1), (1799, 3, 21), "Nowruz of SH 1178"),
    ("jalali", (1300, 1, 1), (1921, 3, 21), "Nowruz of SH 1300"),
    ("jalali", (1304, 1, 11), (1925, 3, 31), "the calendar law of 11 Farvardin 1304"),
    ("jalali", (1357, 11, 22), (1979, 2, 11), "22 Bahman 1357"),
    ("jalali", (1378, 10, 11), (2000, 1, 1), "1 January 2000"),
    ("jalali", (1391, 1, 1), (2012, 3, 20), "Nowruz 1391"),
    ("jalali", (1391, 3, 26), (2012, 6, 15), "26 Khordad 1391"),
    ("jalali", (1399, 12, 30), (2021, 3, 20), "30 Esfand of the leap year 1399"),
    ("jalali", (1400, 1, 1), (2021, 3, 21), "Nowruz 1400"),
    ("jalali", (1403, 12, 30), (2025, 3, 20), "30 Esfand of the leap year 1403"),
    ("jalali", (1404, 1, 1), (2025, 3, 21), "Nowruz 1404"),
    ("jalali", (1500, 12, 29), (2122, 3, 20), "last day of SH 1500"),
    # Julian.
    ("julian", (1, 1, 3), (1, 1, 1), "1 January AD 1 (Gregorian)"),
    ("julian", (800, 12, 25), (800, 12, 29), "coronation of Charlemagne"),
    ("julian", (1066, 10, 14), (1066, 10, 20), "battle of Hastings"),
    ("julian", (1500, 2, 29), (1500, 3, 10), "a Julian leap day the Gregorian lacks"),
    ("julian", (1582, 10, 4), (1582, 10, 14), "the last Julian day in Rome"),
    ("julian", (1582, 10, 5), (1582, 10, 15), "the Gregorian reform"),
    ("julian", (1616, 4, 23), (1616, 5, 3), "death of Shakespeare"),
    ("julian", (1642, 12, 25), (1643, 1, 4), "birth of Newton"),
    ("julian", (1700, 2, 29), (1700, 3, 11), "the Julian 29 February 1700"),
    ("julian", (1752, 9, 2), (1752, 9, 13), "the last Julian day in Britain"),
    ("julian", (1917, 10, 25), (1917, 11, 7), "the October revolution"),
    ("julian", (1918, 1, 31), (1918, 2, 13), "the last Julian day in Russia"),
    ("julian", (2100, 2, 29), (2100, 3, 14), "a Julian leap day in 2100"),
    # Gregorian.
    ("gregorian", (1, 1, 1), (1, 1, 1), "the first day Python holds"),
    ("gregorian", (1582, 10, 15), (1582, 10, 15), "the Gregorian reform"),
    ("gregorian", (1600, 2, 29), (1600, 2, 29), "a leap day of a century divisible by 400"),
    ("gregorian", (2000, 2, 29), (2000, 2, 29), "a leap day of a century divisible by 400"),
    ("gregorian", (2300, 12, 31), (2300, 12, 31), "the last day nuskha supports"),
]

# Two other libraries for each calendar.
REFERENCES: dict[str, tuple[Callable[[int, int, int], int], ...]] = {
    "hijri": (references.icu_islamic_civil, references.convertdate_islamic),
    "jalali": (references.icu_persian,),  # and the astronomical one, tested apart below
    "julian": (references.jdcal_julian, references.icu_julian),
    "gregorian": (references.datetime_gregorian, references.jdcal_gregorian),
}

# The anchor years in which convertdate's astronomical Nowruz falls a day from jdatetime's.
ASTRONOMICAL_NOWRUZ_DIFFERS = {1, 100, 979}


def _id(anchor: tuple[str, Date, Date, str]) -> str:
    return anchor[3]


@pytest.mark.parametrize("anchor", ANCHORS, ids=_id)
def test_it_converts_the_anchor_to_the_gregorian_calendar_and_back(
    anchor: tuple[str, Date, Date, str],
) -> None:
    calendar, day, gregorian, _ = anchor
    assert convert(*day, calendar, "gregorian") == gregorian
    assert convert(*gregorian, "gregorian", calendar) == day
    assert to_date(*day, calendar) == datetime.date(*gregorian)


@pytest.mark.parametrize("anchor", ANCHORS, ids=_id)
def test_two_other_libraries_agree_on_the_anchor(anchor: tuple[str, Date, Date, str]) -> None:
    calendar, day, _, _ = anchor
    ours = to_jdn(*day, calendar)
    assert [reference(*day) for reference in REFERENCES[calendar]] == [ours] * len(
        REFERENCES[calendar]
    )


@pytest.mark.parametrize("anchor", [a for a in ANCHORS if a[0] == "jalali"], ids=_id)
def test_the_astronomical_calendar_is_at_most_a_day_off_and_only_in_the_listed_years(
    anchor: tuple[str, Date, Date, str],
) -> None:
    _, day, _, _ = anchor
    difference = references.convertdate_persian(*day) - to_jdn(*day, "jalali")
    if day[0] in ASTRONOMICAL_NOWRUZ_DIFFERS:
        assert abs(difference) == 1
    else:
        assert difference == 0


@pytest.mark.parametrize(
    ("source", "day", "target", "expected"),
    [
        ("hijri", (1, 1, 1), "julian", (622, 7, 16)),
        ("jalali", (1, 1, 1), "julian", (622, 3, 18)),
        ("hijri", (1010, 3, 1), "jalali", (980, 6, 8)),
        ("jalali", (1391, 3, 26), "hijri", (1433, 7, 25)),
        ("julian", (1453, 5, 29), "hijri", (857, 5, 20)),
        ("gregorian", (1582, 10, 15), "julian", (1582, 10, 5)),
        ("julian", (1, 1, 1), "julian", (1, 1, 1)),
    ],
)
def test_it_converts_between_any_two_calendars(
    source: str, day: Date, target: str, expected: Date
) -> None:
    assert convert(*day, source, target) == expected


def test_tabular_hijri_is_within_two_days_of_umm_al_qura() -> None:
    # The tabular calendar is arithmetic; observed calendars move a day or two either way.
    differences = {
        to_jdn(year, month, 1, "hijri") - references.umm_al_qura(year, month, 1)
        for year in range(1356, 1501)
        for month in range(1, 13)
    }
    assert differences <= {-2, -1, 0, 1, 2}


@pytest.mark.parametrize(
    ("year", "month", "calendar", "days"),
    [
        (1010, 12, "hijri", 29),
        (1011, 12, "hijri", 30),
        (1010, 9, "hijri", 30),
        (1010, 2, "hijri", 29),
        (1391, 1, "jalali", 31),
        (1391, 7, "jalali", 30),
        (1391, 12, "jalali", 30),
        (1392, 12, "jalali", 29),
        (1500, 2, "julian", 29),
        (1500, 2, "gregorian", 28),
        (1600, 2, "gregorian", 29),
        (2012, 6, "gregorian", 30),
    ],
)
def test_days_in_month(year: int, month: int, calendar: str, days: int) -> None:
    assert days_in_month(year, month, calendar) == days


def test_from_date_gives_the_day_in_each_calendar() -> None:
    day = datetime.date(2012, 6, 15)
    assert [from_date(day, calendar) for calendar in CALENDARS] == [
        (2012, 6, 15),
        (2012, 6, 2),
        (1391, 3, 26),
        (1433, 7, 25),
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            (1010, 12, 30, "hijri", "gregorian"),
            "30 is not a day of month 12 of 1010 in the hijri calendar (it has 29 days)",
        ),
        (
            (1391, 13, 1, "jalali", "gregorian"),
            "13 is not a month of 1391 in the jalali calendar (it has 12 months)",
        ),
        (
            (1391, 7, 31, "jalali", "gregorian"),
            "31 is not a day of month 7 of 1391 in the jalali calendar (it has 30 days)",
        ),
        (
            (1700, 2, 29, "gregorian", "julian"),
            "29 is not a day of month 2 of 1700 in the gregorian calendar (it has 28 days)",
        ),
        ((1391, 1, 1, "persian", "gregorian"), "'persian' is not a calendar nuskha knows"),
        ((1391, 1, 1, "jalali", "coptic"), "'coptic' is not a calendar nuskha knows"),
        ((0, 1, 1, "hijri", "gregorian"), "year 0 is outside the years nuskha supports"),
        ((19391, 1, 1, "jalali", "gregorian"), "year 19391 is outside the years"),
        ((600, 1, 1, "gregorian", "hijri"), "falls before year 1 of the hijri calendar"),
        ((622, 3, 20, "gregorian", "jalali"), "falls before year 1 of the jalali calendar"),
        ((1, 1, 1, "julian", "gregorian"), "falls before year 1 of the gregorian calendar"),
        ((2300, 12, 31, "julian", "gregorian"), "after 31 December 2300"),
    ],
)
def test_it_rejects_dates_that_do_not_exist_naming_calendar_and_date(
    arguments: tuple[int, int, int, str, str], message: str
) -> None:
    with pytest.raises(CalendarError, match=message.replace("(", r"\(").replace(")", r"\)")):
        convert(*arguments)


def test_calendar_error_is_a_value_error() -> None:
    assert issubclass(CalendarError, ValueError)


def test_to_date_refuses_days_before_the_first_python_date() -> None:
    with pytest.raises(CalendarError, match="before 1 January AD 1"):
        to_date(1, 1, 1, "julian")


# Round trips on random days ------------------------------------------------------------

YEARS = {"hijri": (1, 1500), "jalali": (1, 1500), "gregorian": (622, 2100), "julian": (622, 2100)}
PAIRS = [(source, target) for source in CALENDARS for target in CALENDARS if source != target]


@st.composite
def days_and_pairs(draw: st.DrawFn) -> tuple[Date, str, str]:
    source, target = draw(st.sampled_from(PAIRS))
    year = draw(st.integers(*YEARS[source]))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(year, month, source)))
    return (year, month, day), source, target


@settings(max_examples=1000)
@given(days_and_pairs())
def test_converting_there_and_back_gives_the_same_day(case: tuple[Date, str, str]) -> None:
    day, source, target = case
    assume(to_jdn(*day, source) >= FIRST_DAY[target])  # a Gregorian day of 622 before AH 1
    there = convert(*day, source, target)
    assert convert(*there, target, source) == day


@settings(max_examples=300)
@given(days_and_pairs(), st.sampled_from(CALENDARS))
def test_converting_through_a_third_calendar_changes_nothing(
    case: tuple[Date, str, str], middle: str
) -> None:
    day, source, target = case
    assume(to_jdn(*day, source) >= max(FIRST_DAY[target], FIRST_DAY[middle]))
    through = convert(*convert(*day, source, middle), middle, target)
    assert through == convert(*day, source, target)

"""format() and format_date() in each locale: the date as written, then its equivalents."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import pytest

from nuskha.calendars import format, format_date, parse

DOCS = Path(__file__).resolve().parents[3] / "docs" / "reference" / "calendars.md"

RABI_I = "ربیع الاول ۱۰۱۰ ق"
RAMADAN_900 = "رمضان ۹۰۰ ق"

# (text, locale, what format() gives)
EXAMPLES = [
    # A month of AH 1010: a range of days in each equivalent.
    (RABI_I, "fa", f"{RABI_I} (۸ شهریور – ۶ مهر ۹۸۰ ش / ۳۰ اوت – ۲۸ سپتامبر ۱۶۰۱ م)"),
    (RABI_I, "ru", f"{RABI_I} (30 августа – 28 сентября 1601 г.)"),
    (RABI_I, "kk", f"{RABI_I} (1601 ж. 30 тамыз – 28 қыркүйек)"),
    (RABI_I, "en", f"{RABI_I} (30 August – 28 September 1601)"),
    ("Rabiʿ I 1010", "en", "Rabiʿ I 1010 (30 August – 28 September 1601)"),
    # Before 15 October 1582: the Julian calendar, labelled so.
    (
        RAMADAN_900,
        "fa",
        f"{RAMADAN_900} (۱۴ خرداد – ۱۲ تیر ۸۷۴ ش / ۲۶ مه – ۲۴ ژوئن ۱۴۹۵ م) (ژولینی)",
    ),
    (RAMADAN_900, "ru", f"{RAMADAN_900} (26 мая – 24 июня 1495 г.) (по юлианскому календарю)"),
    (RAMADAN_900, "kk", f"{RAMADAN_900} (1495 ж. 26 мамыр – 24 маусым) (Юлиан күнтізбесі бойынша)"),
    (RAMADAN_900, "en", f"{RAMADAN_900} (26 May – 24 June 1495) (Julian)"),
    ("1500", "en", "1500 (Julian)"),
    ("1500", "fa", "1500 (۹۰۵–۹۰۶ ق / ۸۷۸–۸۷۹ ش) (ژولینی)"),
    ("500", "fa", "500 (ژولینی)"),  # before AH 1 and SH 1: no Hijri equivalents
    ("1500-06-15", "en", "1500-06-15 (5 June 1500) (Julian)"),
    # One day.
    ("26 Khordad 1391", "fa", "26 Khordad 1391 (۲۵ رجب ۱۴۳۳ ق / ۱۵ ژوئن ۲۰۱۲ م)"),
    ("26 Khordad 1391", "ru", "26 Khordad 1391 (15 июня 2012 г.)"),
    ("26 Khordad 1391", "kk", "26 Khordad 1391 (2012 ж. 15 маусым)"),
    ("26 Khordad 1391", "en", "26 Khordad 1391 (15 June 2012)"),
    ("2012-06-15", "fa", "2012-06-15 (۲۵ رجب ۱۴۳۳ ق / ۲۶ خرداد ۱۳۹۱ ش)"),
    ("1 March 1700 O.S.", "en", "1 March 1700 O.S. (12 March 1700)"),
    # Days of one month, and days across a new year.
    ("26–28 Khordad 1391", "en", "26–28 Khordad 1391 (15–17 June 2012)"),
    ("26–28 Khordad 1391", "ru", "26–28 Khordad 1391 (15–17 июня 2012 г.)"),
    ("Dey 1391", "en", "Dey 1391 (21 December 2012 – 19 January 2013)"),
    ("Dey 1391", "ru", "Dey 1391 (21 декабря 2012 г. – 19 января 2013 г.)"),
    ("Dey 1391", "kk", "Dey 1391 (2012 ж. 21 желтоқсан – 2013 ж. 19 қаңтар)"),
    # Years.
    ("1010 AH", "fa", "1010 AH (۹۸۰–۹۸۱ ش / ۱۶۰۱–۱۶۰۲ م)"),
    ("1010 AH", "ru", "1010 AH (1601–1602 гг.)"),
    ("1010 AH", "kk", "1010 AH (1601–1602 жж.)"),
    ("1010 AH", "en", "1010 AH (1601–1602)"),
    ("قرن ۱۱ ق", "en", "قرن ۱۱ ق (1592–1689)"),
    ("1850s", "fa", "1850s (۱۲۶۶–۱۲۷۶ ق / ۱۲۲۸–۱۲۳۸ ش)"),
    # Written in the only calendar of the locale: nothing to add.
    ("1850s", "en", "1850s"),
    ("15.06.2012", "ru", "15.06.2012"),
]


@pytest.mark.parametrize(("text", "locale", "expected"), EXAMPLES)
def test_it_gives_the_date_as_written_then_its_equivalents(
    text: str, locale: str, expected: str
) -> None:
    assert format(parse(text), locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fa", "ربیع الاول ۱۰۱۰ ق (۸ شهریور – ۶ مهر ۹۸۰ ش / ۳۰ اوت – ۲۸ سپتامبر ۱۶۰۱ م)"),
        ("en", "Rabiʿ I 1010 AH (30 August – 28 September 1601)"),
        ("ru", "Rabiʿ I 1010 AH (30 августа – 28 сентября 1601 г.)"),
    ],
)
def test_a_span_without_text_is_written_in_its_own_calendar(locale: str, expected: str) -> None:
    span = dataclasses.replace(parse("Rabiʿ I 1010"), original="")
    assert format(span, locale) == expected


def test_a_whole_gregorian_month_without_text_is_written_as_a_month() -> None:
    span = dataclasses.replace(parse("June 2012"), original="")
    assert format(span, "ru") == "июнь 2012 г."
    assert format(span, "kk") == "2012 ж. маусым"


@pytest.mark.parametrize("locale", ["fa-IR", "fa_IR", "FA"])
def test_it_accepts_locale_names_with_a_region(locale: str) -> None:
    assert format(parse("1010 AH"), locale) == format(parse("1010 AH"), "fa")


def test_it_refuses_a_locale_it_does_not_write() -> None:
    with pytest.raises(ValueError, match="'de' is not one of fa, kk, ru, en"):
        format(parse("1600"), "de")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fa", "۲۶ خرداد ۱۳۹۱"),
        ("ru", "15 июня 2012 г."),
        ("kk", "2012 ж. 15 маусым"),
        ("en", "15 June 2012"),
    ],
)
def test_format_date_writes_a_modern_day(locale: str, expected: str) -> None:
    assert format_date(datetime.date(2012, 6, 15), locale) == expected


def test_format_date_gives_the_solar_hijri_new_year_in_persian() -> None:
    assert format_date(datetime.date(2025, 3, 21), "fa") == "۱ فروردین ۱۴۰۴"


def test_the_docs_examples_of_format_are_what_it_gives() -> None:
    row = re.compile(r"^\| `([^`]+)` \| (fa|kk|ru|en) \| (.+?) \|$", re.M)
    rows = row.findall(DOCS.read_text())
    assert len(rows) >= 8
    assert [r for r in rows if format(parse(r[0]), r[1]) != r[2]] == []

"""format() and format_date(): dates written for a reader, in Persian, Kazakh, Russian or English.

Pure: no Django. format() gives a DateSpan as written, then its equivalents in the
calendars the reader's locale uses, in parentheses: in Persian the lunar Hijri, Solar Hijri
and Gregorian calendars (the one the date was written in is left out, since the text
already gives it), elsewhere the Gregorian. Each equivalent is as precise as the span: a
day, a day range (a span of up to 62 days), a month, or a year or year range. Days before
15 October 1582 are given in the Julian calendar, and the line then ends with a label
saying so, as catalogues quote such dates.

    ربیع الاول ۱۰۱۰ ق (۹ شهریور – ۷ مهر ۹۸۰ ش / ۳۰ اوت – ۲۸ سپتامبر ۱۶۰۱ م)
    Rabiʿ I 1010 (30 August – 28 September 1601)

format_date() writes a single modern day (of an agreement, an activity): Solar Hijri in
Persian, Gregorian elsewhere.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from nuskha.calendars.conversion import (
    REFORM,
    REFORM_DAY,
    CalendarError,
    date_to_jdn,
    days_in_month,
    from_date,
    from_jdn,
)
from nuskha.calendars.folding import to_persian_digits
from nuskha.calendars.spans import DateSpan

LOCALES = ("fa", "kk", "ru", "en")

# The calendars of each locale's equivalents; "european" is Julian before the reform.
EQUIVALENTS = {
    "fa": ("hijri", "jalali", "european"),
    "kk": ("european",),
    "ru": ("european",),
    "en": ("european",),
}

JULIAN_LABELS = {
    "fa": "(ژولینی)",
    "kk": "(Юлиан күнтізбесі бойынша)",
    "ru": "(по юлианскому календарю)",
    "en": "(Julian)",
}

# A span of up to this many days is given day by day ("30 August – 28 September 1601").
MAX_DAY_RANGE = 62


@dataclass(frozen=True)
class Style:
    """How one locale writes dates of one calendar."""

    months: tuple[str, ...]  # after a day: "30 августа"
    months_alone: tuple[str, ...]  # without one: "август 1601 г."
    marker: str = ""  # after a year: "г.", "ж.", "ق", "AH"
    markers: str = ""  # after a range of years: "гг.", "жж."
    is_year_first: bool = False  # Kazakh: "1601 ж. 30 тамыз"


_EN_GREGORIAN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EN_HIJRI = (
    "Muharram",
    "Safar",
    "Rabiʿ I",
    "Rabiʿ II",
    "Jumada I",
    "Jumada II",
    "Rajab",
    "Shaʿban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qaʿda",
    "Dhu al-Hijja",
)
_EN_JALALI = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
_RU_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_RU_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_KK = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
_FA_GREGORIAN = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)
_FA_JALALI = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
_FA_HIJRI = (
    "محرم",
    "صفر",
    "ربیع الاول",
    "ربیع الثانی",
    "جمادی الاولی",
    "جمادی الثانیه",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذی القعده",
    "ذی الحجه",
)

# Styles by locale and calendar. Russian and Kazakh write Hijri dates, which they only
# need when a span has no text of its own, with the English names.
STYLES = {
    ("en", "gregorian"): Style(_EN_GREGORIAN, _EN_GREGORIAN),
    ("en", "hijri"): Style(_EN_HIJRI, _EN_HIJRI, "AH", "AH"),
    ("en", "jalali"): Style(_EN_JALALI, _EN_JALALI, "SH", "SH"),
    ("ru", "gregorian"): Style(_RU_GENITIVE, _RU_NOMINATIVE, "г.", "гг."),
    ("kk", "gregorian"): Style(_KK, _KK, "ж.", "жж.", is_year_first=True),
    ("fa", "gregorian"): Style(_FA_GREGORIAN, _FA_GREGORIAN, "م", "م"),
    ("fa", "jalali"): Style(_FA_JALALI, _FA_JALALI, "ش", "ش"),
    ("fa", "hijri"): Style(_FA_HIJRI, _FA_HIJRI, "ق", "ق"),
}


def language_of(locale: str) -> str:
    """The language of a locale name: "fa-IR", "ru_RU" and "en" give fa, ru and en."""
    language = locale.replace("_", "-").split("-")[0].lower()
    if language not in LOCALES:
        raise ValueError(f"locale {locale!r} is not one of {', '.join(LOCALES)}")
    return language


def style_of(language: str, calendar: str) -> Style:
    family = "gregorian" if calendar == "julian" else calendar
    return STYLES.get((language, family)) or STYLES[("en", family)]


# Writing one day, range or year -------------------------------------------------------


def _year(style: Style, year: int) -> str:
    return f"{year} {style.marker}".strip()


def _with_year(style: Style, year: int, text: str) -> str:
    if style.is_year_first:
        return f"{_year(style, year)} {text}"
    return f"{text} {_year(style, year)}"


def _day(style: Style, month: int, day: int) -> str:
    return f"{day} {style.months[month - 1]}"


def write_days(style: Style, first: tuple[int, int, int], last: tuple[int, int, int]) -> str:
    """A day, or a range of days: "30 August – 28 September 1601"."""
    (year, month, day), (last_year, last_month, last_day) = first, last
    if first == last:
        return _with_year(style, year, _day(style, month, day))
    if (year, month) == (last_year, last_month):
        return _with_year(style, year, f"{day}–{last_day} {style.months[month - 1]}")
    if year == last_year:
        return _with_year(
            style, year, f"{_day(style, month, day)} – {_day(style, last_month, last_day)}"
        )
    start = _with_year(style, year, _day(style, month, day))
    return f"{start} – {_with_year(style, last_year, _day(style, last_month, last_day))}"


def write_years(style: Style, first: int, last: int) -> str:
    if first == last:
        return _year(style, first)
    return f"{first}–{last} {style.markers}".strip()


def _fields(jdn: int, calendar: str) -> tuple[tuple[int, int, int], str]:
    """A day's (year, month, day) in a calendar, "european" read by the reform rule."""
    if calendar == "european":
        calendar = "julian" if jdn < REFORM_DAY else "gregorian"
    return from_jdn(jdn, calendar), calendar


def _is_whole_month(first: tuple[int, int, int], last: tuple[int, int, int], calendar: str) -> bool:
    same_month = first[:2] == last[:2] and first[2] == 1
    return same_month and last[2] == days_in_month(last[0], last[1], calendar)


def write_span(first_day: int, last_day: int, calendar: str, language: str) -> str:
    """A span of days in one calendar, as precise as the span is."""
    first, first_calendar = _fields(first_day, calendar)
    last, last_calendar = _fields(last_day, calendar)
    style = style_of(language, first_calendar)
    if first_calendar == last_calendar and _is_whole_month(first, last, last_calendar):
        return _with_year(style, first[0], style.months_alone[first[1] - 1])
    if last_day - first_day <= MAX_DAY_RANGE:
        return write_days(style, first, last)
    return write_years(style, first[0], last[0])


# format() and format_date() -----------------------------------------------------------


def _rendered_calendar(span: DateSpan, calendar: str) -> str:
    if calendar != "european":
        return calendar
    return "julian" if span.earliest < REFORM else "gregorian"


def equivalents(span: DateSpan, language: str) -> list[str]:
    """The span in each of the locale's calendars other than the one it was written in."""
    days = (date_to_jdn(span.earliest), date_to_jdn(span.latest))
    written = []
    for calendar in EQUIVALENTS[language]:
        if _rendered_calendar(span, calendar) == span.calendar:
            continue
        try:
            written.append(write_span(days[0], days[1], calendar, language))
        except CalendarError:
            continue  # before 622 there is no Hijri date to give
    return written


def _localise(text: str, language: str) -> str:
    return to_persian_digits(text) if language == "fa" else text


def format(span: DateSpan, locale: str) -> str:
    """The span as written, then its equivalents for the locale (see the module docstring)."""
    language = language_of(locale)
    head = span.original.strip() or _localise(
        write_span(date_to_jdn(span.earliest), date_to_jdn(span.latest), span.calendar, language),
        language,
    )
    parts = [head]
    others = equivalents(span, language)
    if others:
        parts.append(_localise(f"({' / '.join(others)})", language))
    if span.earliest < REFORM:
        parts.append(JULIAN_LABELS[language])
    return " ".join(parts)


def format_date(date: datetime.date, locale: str) -> str:
    """A modern day: "۲۶ خرداد ۱۳۹۱" in Persian, "15 June 2012" in English."""
    language = language_of(locale)
    if language == "fa":
        style = replace(STYLES[("fa", "jalali")], marker="")
        return to_persian_digits(write_days(style, *[from_date(date, "jalali")] * 2))
    fields = (date.year, date.month, date.day)
    return write_days(STYLES[(language, "gregorian")], fields, fields)

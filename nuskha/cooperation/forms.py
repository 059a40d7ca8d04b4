"""Form fields for the cooperation staff pages: a date typed and shown in the user's
calendar (Solar Hijri in the Persian interface, Gregorian in the others), converted with
nuskha.calendars to the Gregorian datetime.date the models keep.

Glue: the calendar is chosen from the active language when the form is cleaned or drawn,
never when it is built, so one form class serves every interface language.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nuskha.calendars import CalendarError, days_in_month, from_date, to_date
from nuskha.calendars.folding import to_persian_digits

# Persian (۰–۹) and Arabic-Indic (٠–٩) digits read as ASCII; direction marks, which a
# date copied from a right-to-left document often carries, are dropped.
_INPUT = str.maketrans(
    {
        **{persian: str(value) for value, persian in enumerate("۰۱۲۳۴۵۶۷۸۹")},
        **{arabic: str(value) for value, arabic in enumerate("٠١٢٣٤٥٦٧٨٩")},
        "\u200e": None,
        "\u200f": None,
        "\u061c": None,
        "\u066b": ".",  # Arabic decimal separator, as some keyboards type it
    }
)
_DATE = re.compile(r"^(\d{1,4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")


def user_calendar(language: str | None = None) -> str:
    """The calendar dates are typed and shown in for an interface language."""
    code = (language or get_language() or "en").split("-")[0].lower()
    return "jalali" if code == "fa" else "gregorian"


def write_date(date: datetime.date, language: str | None = None) -> str:
    """A date as the user types it: ۱۳۸۶/۰۲/۱۵ in Persian, 2007-05-05 elsewhere."""
    if user_calendar(language) == "jalali":
        year, month, day = from_date(date, "jalali")
        return to_persian_digits(f"{year:04d}/{month:02d}/{day:02d}")
    return date.isoformat()


def read_date(text: str, calendar: str) -> datetime.date:
    """The day written as year, month and day in the calendar; ValueError, with a message
    for the user, if it is not a date of that calendar."""
    match = _DATE.match(text.translate(_INPUT).strip())
    if match is None:
        raise ValueError(_("write it as year, month and day, e.g. %(example)s") % _examples())
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    if not 1 <= month <= 12:
        raise ValueError(_("there is no month %(month)d: a year has 12 months") % {"month": month})
    try:
        length = days_in_month(year, month, calendar)
        if not 1 <= day <= length:
            raise ValueError(
                _("month %(month)d of %(year)d has %(length)d days, so there is no day %(day)d")
                % {"month": month, "year": year, "length": length, "day": day}
            )
        return to_date(year, month, day, calendar)
    except CalendarError:
        # Month and day are checked above, so the year is out of range: in the Persian
        # interface, most often a Gregorian year typed where a Solar Hijri one is expected.
        raise ValueError(
            _("year %(year)d is outside the years nuskha supports in this calendar")
            % {"year": year}
        ) from None


def _examples() -> dict[str, str]:
    example = datetime.date(2007, 5, 5)
    return {"example": write_date(example)}


def calendar_help_text() -> str:
    if user_calendar() == "jalali":
        return _("A Solar Hijri date, year/month/day, e.g. %(example)s.") % _examples()
    return _("A Gregorian date, year-month-day, e.g. %(example)s.") % _examples()


# Evaluated when the help text is drawn, in the language of that request.
calendar_help_text_lazy = lazy(calendar_help_text, str)


class CalendarDateInput(forms.TextInput):
    """A text input that shows a date in the user's calendar."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # Digits and separators read left to right in both scripts.
        super().__init__({"dir": "ltr", "size": "12", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.date):
            return write_date(value)
        return super().format_value(value)


class CalendarDateField(forms.Field):
    """A date typed in the user's calendar, cleaned to a Gregorian datetime.date."""

    widget = CalendarDateInput

    def __init__(self, *, help_text: Any = "", **kwargs: Any) -> None:
        # Model fields pass their own form classes' arguments; only these make sense here.
        for unused in ("max_length", "empty_value", "input_formats"):
            kwargs.pop(unused, None)
        calendar_help = calendar_help_text_lazy()
        help_text = format_lazy("{} {}", help_text, calendar_help) if help_text else calendar_help
        super().__init__(help_text=help_text, **kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return read_date(str(value), user_calendar())
        except ValueError as error:
            raise ValidationError(self._message(str(value), str(error)), code="invalid") from None

    def _message(self, value: str, reason: str) -> str:
        calendar = (
            _("the Solar Hijri calendar")
            if user_calendar() == "jalali"
            else _("the Gregorian calendar")
        )
        return _("%(field)s: “%(value)s” is not a date in %(calendar)s: %(reason)s.") % {
            "field": self.label or _("date"),
            "value": value.strip(),
            "calendar": calendar,
            "reason": reason,
        }

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


# What ModelAdmin.formfield_overrides and ModelForm widgets use for every date field.
CALENDAR_DATE = {"form_class": CalendarDateField, "widget": CalendarDateInput}

"""Dates typed in the user's calendar: Solar Hijri in Persian, Gregorian elsewhere."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation

from nuskha.cooperation.forms import CalendarDateField, read_date, write_date

SIGNED = datetime.date(2007, 5, 5)  # 15 Ordibehesht 1386


class SigningForm(forms.Form):
    signed_on = CalendarDateField(label="Signed on", required=False)


def clean(language: str, text: str) -> SigningForm:
    with translation.override(language):
        form = SigningForm({"signed_on": text})
        form.is_valid()
        return form


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fa", "۱۳۸۶/۰۲/۱۵", SIGNED),  # Persian digits
        ("fa", "١٣٨٦/٠٢/١٥", SIGNED),  # Arabic-Indic digits
        ("fa", "1386-02-15", SIGNED),
        ("fa", "1386/2/15", SIGNED),
        ("fa", "\u200f۱۳۸۶/۰۲/۱۵ ", SIGNED),  # a right-to-left mark, copied with the date
        ("fa", "۱۴۰۵/۱۲/۲۹", datetime.date(2027, 3, 20)),
        ("fa", "1403/12/30", datetime.date(2025, 3, 20)),  # 1403 is a leap year
        ("en", "2007-05-05", SIGNED),
        ("en", "2007/5/5", SIGNED),
        ("ru", "2007.05.05", SIGNED),
        ("kk", "2007-05-05", SIGNED),
        ("en", "2024-02-29", datetime.date(2024, 2, 29)),
        ("en", "", None),
    ],
)
def test_it_reads_a_date_in_the_users_calendar(
    language: str, text: str, expected: datetime.date | None
) -> None:
    form = clean(language, text)
    assert form.errors == {}
    assert form.cleaned_data["signed_on"] == expected


# Checked in English: the other interfaces give the same facts in their own words, so
# there only the field, what was typed and the numbers are checked.
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2007-02-30", "not a date in the Gregorian calendar: month 2 of 2007 has 28 days, "
         "so there is no day 30."),
        ("2007-13-01", "there is no month 13: a year has 12 months."),
        ("yesterday", "write it as year, month and day, e.g. 2007-05-05."),
        ("05/05/2007", "write it as year, month and day"),
        ("2007/05-05", "write it as year, month and day"),  # mixed separators
        ("0-01-01", "year 0 is outside the years"),
    ],
)  # fmt: skip
def test_it_refuses_a_day_not_in_the_calendar_saying_why(text: str, reason: str) -> None:
    [message] = clean("en", text).errors["signed_on"]
    assert message.startswith(f"Signed on: “{text}” is not a date in the Gregorian calendar")
    assert reason in message


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("۱۳۸۶/۱۳/۰۱", ["13"]),
        ("1386/07/31", ["30", "31"]),  # Mehr has 30 days
        ("1404/12/30", ["29", "30"]),  # 1404 is not a leap year
        ("دیروز", ["۱۳۸۶/۰۲/۱۵"]),  # the example is a Solar Hijri date
        ("1386/02-15", ["۱۳۸۶/۰۲/۱۵"]),
        ("2007-05-05", ["2007"]),  # a Gregorian year where a Solar Hijri one is expected
    ],
)
def test_in_persian_it_refuses_a_day_not_in_the_solar_hijri_calendar(
    text: str, facts: list[str]
) -> None:
    [message] = clean("fa", text).errors["signed_on"]
    assert "Signed on" in message and text in message
    assert all(fact in message for fact in facts)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("fa", "۱۳۸۶/۰۲/۱۵"), ("en", "2007-05-05"), ("ru", "2007-05-05"), ("kk", "2007-05-05")],
)
def test_it_shows_a_date_back_in_the_users_calendar(language: str, shown: str) -> None:
    with translation.override(language):
        html = str(SigningForm(initial={"signed_on": SIGNED})["signed_on"])
        assert write_date(SIGNED) == shown
    assert f'value="{shown}"' in html
    assert 'dir="ltr"' in html


def test_what_is_shown_reads_back_as_the_same_day() -> None:
    for day in (datetime.date(2007, 5, 5), datetime.date(2027, 3, 20), datetime.date(2024, 3, 20)):
        for language, calendar in (("fa", "jalali"), ("en", "gregorian")):
            with translation.override(language):
                assert read_date(write_date(day), calendar) == day


def test_a_typed_value_that_fails_is_shown_back_as_typed() -> None:
    with translation.override("fa"):
        form = SigningForm({"signed_on": "۱۳۸۶/۱۳/۰۱"})
        assert not form.is_valid()
        assert 'value="۱۳۸۶/۱۳/۰۱"' in str(form["signed_on"])


@pytest.mark.parametrize(
    ("language", "words"), [("fa", "۱۳۸۶/۰۲/۱۵"), ("en", "Gregorian"), ("kk", "2007-05-05")]
)
def test_the_help_text_says_which_calendar_is_expected(language: str, words: str) -> None:
    field = SigningForm().fields["signed_on"]  # built once, read in each language
    with translation.override(language):
        assert words in str(field.help_text)


def test_an_unchanged_date_is_not_a_change() -> None:
    with translation.override("fa"):
        form = SigningForm({"signed_on": "۱۳۸۶/۰۲/۱۵"}, initial={"signed_on": SIGNED})
        assert not form.has_changed()

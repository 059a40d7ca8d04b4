"""Digits, Roman numerals, ordinals and century labels for each interface language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nuskha.web.numerals import century_label, localise_digits, ordinal, roman


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1234", "fa", "۱۲۳۴"),
        ("ff. 1v–45r", "fa", "ff. ۱v–۴۵r"),
        ("1234", "kk", "1234"),
        ("1234", "en", "1234"),
    ],
)
def test_digits_are_persian_only_in_the_persian_interface(text, language, expected) -> None:
    assert localise_digits(text, language) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "I"), (4, "IV"), (9, "IX"), (11, "XI"), (14, "XIV"), (19, "XIX"), (40, "XL"), (0, "0")],
)
def test_roman_numerals(number, expected) -> None:
    assert roman(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (111, "111th")],
)  # fmt: skip
def test_english_ordinals(number, expected) -> None:
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("century", "era", "language", "expected"),
    [
        (11, "ah", "en", "11th century AH"),
        (17, "ce", "en", "17th century"),
        (11, "ah", "fa", "قرن ۱۱ ق"),
        (17, "ce", "fa", "قرن ۱۷ م"),
        (11, "ah", "kk", "XI ғ. (х.)"),
        (17, "ce", "kk", "XVII ғ."),
        (11, "ah", "ru", "XI в. х."),
        (17, "ce", "ru", "XVII в."),
        (3, "ah", "de", "3rd century AH"),  # another language falls back to English
    ],
)
def test_century_labels(century, era, language, expected) -> None:
    assert century_label(century, era, language) == expected


@pytest.mark.parametrize("module", ["nuskha.web.numerals", "nuskha.web.links"])
def test_the_pure_modules_do_not_import_django(module) -> None:
    check = f"import sys, {module}; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports Django: {result.stderr}"

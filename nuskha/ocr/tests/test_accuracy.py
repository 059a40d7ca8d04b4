"""Character error rate: edit distance over the expected length, after a stated normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nuskha.ocr.accuracy import character_error_rate, levenshtein, normalised
from nuskha.ocr.tests.conftest import assert_pure


def reference_distance(a: str, b: str) -> int:
    """The textbook dynamic programme, two rows at a time: the yardstick for levenshtein()."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


DISTANCES = [
    ("", "", 0),
    ("abc", "", 3),
    ("", "abc", 3),
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("کتاب", "كتاب", 1),  # Persian kaf read as Arabic kaf
    ("Қазақстан", "Казахстан", 2),
    ("ایران", "ایران", 0),
    ("a" * 70, "a" * 69 + "b", 1),  # longer than one machine word of bits
]


@pytest.mark.parametrize(("a", "b", "distance"), DISTANCES)
def test_it_counts_insertions_deletions_and_substitutions(a: str, b: str, distance: int) -> None:
    assert levenshtein(a, b) == distance
    assert levenshtein(b, a) == distance


@given(st.text(alphabet="abککیي ", max_size=90), st.text(alphabet="abککیي ", max_size=90))
def test_it_agrees_with_the_textbook_algorithm(a: str, b: str) -> None:
    assert levenshtein(a, b) == reference_distance(a, b)


@given(st.text(max_size=40), st.text(max_size=40))
def test_it_agrees_with_the_textbook_algorithm_on_any_text(a: str, b: str) -> None:
    assert levenshtein(a, b) == reference_distance(a, b)


CER = [
    # (expected, recognised, normalise, lang, rate)
    ("کتابخانه ملی", "کتابخانه ملی", "nfc", "fa", 0.0),
    ("abcd", "abxd", "nfc", None, 0.25),
    ("abcd", "", "nfc", None, 1.0),
    ("ab", "abcdef", "nfc", None, 2.0),  # insertions can take it above 1
    ("", "", "nfc", None, 0.0),
    ("", "x", "nfc", None, 1.0),
    # "nfc": line breaks and runs of spaces are not errors, NFC forms are one
    ("Национальная\nбиблиотека", "Национальная   библиотека ", "nfc", "ru", 0.0),
    ("Cafe\u0301", "Café", "nfc", None, 0.0),
    ("Cafe\u0301", "Café", "none", None, 0.4),
    # yeh and kaf: errors for the reader, not for the search
    ("کتاب ملی", "كتاب ملي", "nfc", "fa", 0.25),
    ("کتاب ملی", "كتاب ملي", "search", "fa", 0.0),
    # ZWNJ, a space or nothing between a compound's parts: not errors for the search
    ("نسخه‌ها می‌خوانیم", "نسخه ها می خوانیم", "nfc", "fa", 2 / 17),
    ("نسخه‌ها می‌خوانیم", "نسخه ها می خوانیم", "search", "fa", 0.0),
    # digits in another system, case, punctuation: not errors for the search
    ("سال ۱۳۴۰.", "سال 1340", "search", "fa", 0.0),
    ("Ұлттық кітапхана", "ҰЛТТЫҚ КІТАПХАНА", "search", "kk", 0.0),
    # a real misreading stays one
    ("سال ۱۳۴۰", "سال ۱۳۲۰", "search", "fa", 1 / 8),
]


@pytest.mark.parametrize(("expected", "recognised", "normalise", "lang", "rate"), CER)
def test_it_gives_the_character_error_rate(
    expected: str, recognised: str, normalise: str, lang: str | None, rate: float
) -> None:
    result = character_error_rate(expected, recognised, normalise=normalise, lang=lang)  # type: ignore[arg-type]
    assert result == pytest.approx(rate)


def test_the_search_form_is_the_words_the_search_compares() -> None:
    assert normalised("كتاب‌ها، ۱۳۴۰!", "search", "fa") == "کتابها 1340"


def test_it_refuses_an_unknown_normalisation() -> None:
    with pytest.raises(ValueError, match="normalise"):
        character_error_rate("a", "b", normalise="fold")  # type: ignore[arg-type]


def test_a_whole_page_of_two_thousand_characters_is_rated() -> None:
    # Speed is bench/ocr.py's to measure; here, that a page-sized text is rated at all.
    expected = ("کتابخانه ملی ایران در تهران است. " * 70)[:2000]
    recognised = expected.replace("ی", "ي")[:1950] + "x" * 40
    rate = character_error_rate(expected, recognised)
    assert 0.05 < rate < 0.3


@pytest.mark.slow
def test_it_does_not_import_django() -> None:
    assert_pure("nuskha.ocr.accuracy")

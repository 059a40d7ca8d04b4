"""read_number_words(): years that colophons write in Arabic, Persian and Chagatai words."""

from __future__ import annotations

import pytest

from nuskha.calendars.folding import compact, fold
from nuskha.calendars.number_words import (
    AMBIGUOUS_HUNDRED,
    NUMBER_WORDS,
    NumberWordsError,
    number_word_count,
    read_number_words,
)
from nuskha.calendars.vocabulary import LOOKUP

# words → number
NUMBERS: list[tuple[str, int]] = [
    # Arabic: units, tens, hundreds, thousands, as colophons order them.
    ("احدی و ستین و ثمانمائه", 861),
    ("ثلث و تسعین و ثمانمائه", 893),
    ("اثنتين وتسعين وثمانمائة", 892),
    ("ثلاث وتسعين وألف", 1093),
    ("احدی و خمسین و تسعمائه", 951),
    ("إحدى وستين وثمانمائة", 861),
    ("سبع و ستین و مأتین و الف", 1267),
    ("خمس و سبعین و مائتین و الف", 1275),
    ("ست و عشرین و تسعمائه", 926),
    ("اربع و اربعین و ثلثمائه", 344),
    ("ثمان و ثمانین و سبعمائه", 788),
    ("تسع و ثلثین و ستمائه", 639),
    # Hundreds and thousands first, then the units before the tens.
    ("الف و ثلث و ثلثین", 1033),
    ("الف و مائتین و سبع و ستین", 1267),
    # Teens, and ten alone.
    ("احدی عشر و الف", 1011),
    ("اثنی عشر و ثمانمائه", 812),
    ("ثلث عشره و تسعمائه", 913),
    ("ثمانی عشر و خمسمائه", 518),
    ("الف و عشره", 1010),
    ("عشر و سبعمائه", 710),
    # Hundreds written as two words, and the spellings of مائة.
    ("ثلث مائه", 300),
    ("خمس ماه", 500),
    ("ثلثمأة", 300),
    ("اربعمائة", 400),
    ("ماة", 100),
    ("مائتین", 200),
    ("واحد و خمسین و مائتین و الف", 1251),
    ("الفین", 2000),
    # Persian: largest first.
    ("هزار و ده", 1010),
    ("هزار و دویست و شصت و هفت", 1267),
    ("یک هزار و سیصد و نوزده", 1319),
    ("نهصد و پنجاه و یک", 951),
    ("هزار و صد و سی و چهار", 1134),
    ("یکصد", 100),
    ("دو هزار و دوازده", 2012),
    ("هشتصد و نود و سه", 893),
    # Chagatai: largest first, without و.
    ("مینگ ایکی یوز یتمیش بیش", 1275),
    ("مینگ اوچ یوز اون توقوز", 1319),
    ("مینک ایکی یوز قیرق سکیز", 1248),
    ("توقوز یوز اللیک بیر", 951),
    ("مینگ یوز اوتوز تورت", 1134),
    ("آلتمیش آلتی", 66),
]


@pytest.mark.parametrize(("words", "number"), NUMBERS)
def test_it_reads_the_number_the_words_write(words: str, number: int) -> None:
    assert read_number_words(words) == number


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("", "has no number words"),
        ("ثلث و اربع", "“اربع” repeats a part already given"),
        ("ثلث و تسعین و ثمانین", "“ثمانین” repeats a part already given"),
        ("احدی عشر و اثنین", "“اثنین” repeats a part already given"),
        ("الف و الفین", "“الفین” repeats a part already given"),
        ("و ثلث", "و stands between two number words"),
        ("ثلث و", "و stands between two number words"),
        ("ثلث و و تسعین", "و stands between two number words"),
        ("ثلث و رجب", "“رجب” is not a number word"),
    ],
)
def test_it_refuses_words_that_do_not_make_one_number(words: str, message: str) -> None:
    with pytest.raises(NumberWordsError) as raised:
        read_number_words(words)
    assert f"“{words}”" in str(raised.value)
    assert message in str(raised.value)


# words of a date → how many of them, from the first, make one number
COUNTS: list[tuple[str, int]] = [
    ("ثلث و تسعین و ثمانمائه ق", 5),
    ("اثنتين وتسعين وثمانمائة", 3),
    ("مینگ ایکی یوز یتمیش بیش ییل", 5),
    ("هزار و ده و", 3),  # a trailing و is not part of the number
    ("ماه رمضان", 0),  # ماه, "month", opens no number
    ("ثلث ماه رمضان", 2),  # after an Arabic unit ماه is مائه
    ("الف و ماه", 3),
    ("هزار و ده ماه رمضان", 3),  # after a ten it is "month" again
    ("سه ماه", 1),  # and after a Persian unit
    ("واحد", 1),  # واحد is a number word, not و + احد
    ("وتسعين", 0),  # و opens no number
    ("رجب", 0),
]


@pytest.mark.parametrize(("words", "count"), COUNTS)
def test_it_counts_the_words_of_a_date_that_make_one_number(words: str, count: int) -> None:
    assert number_word_count(fold(words).split()) == count


def test_no_number_word_is_also_a_date_word_except_mah() -> None:
    # ماه is both مائه (a hundred) and Persian "month"; number_word_count() tells them apart.
    assert {compact(word) for word in NUMBER_WORDS} & set(LOOKUP) == {AMBIGUOUS_HUNDRED}

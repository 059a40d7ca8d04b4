"""matches(): what "a search for query finds text" means, which the search agrees with."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nuskha.text import matches, tokenize
from nuskha.text.matching import parse_query

# The compound table of docs/reference/text.md: (query, text, finds?)
COMPOUNDS = [
    ("میخوانیم", "می‌خوانیم", True),  # the verbal prefix joins its verb: ZWNJ,
    ("میخوانیم", "می خوانیم", True),  # a space,
    ("میخوانیم", "ميخوانيم", True),  # or nothing, in Arabic letters
    ("می‌خوانیم", "می خوانیم", True),
    ("نمیدانم", "نمی دانم", True),
    ("خوانیم", "میخوانیم", False),  # whole words only
    ("نسخهها", "نسخه‌ها", True),  # the plural suffix joins its noun
    ("نسخهها", "نسخه ها", True),
    ("نسخه‌های", "نسخه های خطی", True),
    ("دانشگاه", "دانش‌گاه", True),
    ("نسخه", "نسخه‌ها", False),  # a stem match is the search's business, not matches()
    ("بزرگترین", "بزرگ ترین", True),
]

FINDS = [
    # every word, anywhere, as a whole word (AND)
    ("شاهنامه فردوسی", "شاهنامهٔ فردوسی، نسخهٔ خطی", True),
    ("فردوسی شاهنامه", "شاهنامه فردوسی", True),
    ("شاهنامه نظامی", "شاهنامه فردوسی", False),
    ("1010", "تمت فی ربیع الاول سنه ۱۰۱۰", True),
    ("1010", "سنه ۱۰۱۰۰", False),  # never a substring of a number
    ("10", "1010", False),
    ("3.5", "۳٫۵ سانتیمتر", True),
    ("35", "۳٫۵ سانتیمتر", False),
    ("كتابخانه", "کتابخانهٔ ملی", True),  # Arabic kaf finds keheh; the ezafe hamza goes
    ("كتابخانه", "کتابخانه‌ها", False),
    ("علي", "علی بن ابی‌طالب", True),
    ("Ferdowsi", "FERDOWSI, Abū al-Qāsim", True),
    ("ferd", "Ferdowsi", False),  # no prefix in matches(): word* is the search's operator
    # phrases: adjacent and in order
    ('"دیوان حافظ"', "دیوان حافظ شیرازی", True),
    ('"حافظ دیوان"', "دیوان حافظ شیرازی", False),
    ('"دیوان شیرازی"', "دیوان حافظ شیرازی", False),
    ('"ديوان حافظ" شیرازی', "دیوان حافظ شیرازی", True),
    ("«Абай жолы»", "Мұхтар Әуезов, Абай жолы", True),
    ("“Kitāb al-mūsīqī”", "Kitāb al-mūsīqī al-kabīr", True),
    ('"al-kabīr Kitāb"', "Kitāb al-mūsīqī al-kabīr", False),
    # plain ASCII queries use the diacritic-free key
    ("Hafiz", "Ḥāfiẓ-i Shīrāzī", True),
    ("Ali", "ʿAlī ibn Abī Ṭālib", True),
    ("Quran", "al-Qurʾān", True),
    ("Shahnama", "Shāhnāma", True),
    ("Şoqan", "Soqan", False),  # not ASCII: diacritics count
    ("Soqan", "Şoqan Uälihanov", True),
    ("mūsīqī", "musiqi", False),
    # Kazakh across scripts: Cyrillic, 2021 Latin, Arabic script in a Kazakh field
    ("Астана", "Astana", True),
    ("Astana", "Астана қаласы", True),
    ("Астана", "استانا", False),  # Arabic script is Kazakh only in a Kazakh field
    ("Астана", "استانا", True, "kk"),
    ("استانا", "Астана", True, "kk"),
    ("Шоқан Уәлиханов", "Şoqan Uälihanov", True),
    ("Абай Құнанбайұлы", "Abai Qūnanbaiūly", True),
    ("Abai", "Абай", True),
    ("Qazaq", "قازاق", True, "kk"),
    ("қазақ", "قازاق ٴتىلى", True, "kk"),
    ("сөз", "ٴسوز", True, "kk"),
    ("ٴسوز", "سٶز", True, "kk"),
    ("Алматы", "Almaty", True),
    ("Almaty", "Алматы", True),
    ("Алматы", "Almaty Almatı", True),
    # within one script, letters the Latin alphabet writes alike stay apart
    ("Қайрат", "Қаират", False),
    ("бай", "баи", False),
    ("ıs", "is", False),
    # Russian
    ("Ёлкин", "Елкин", True),
    ("Валиханов", "Чокан Валиханов", True),
    ("мой", "мои", False),
    # nothing to look for finds nothing
    ("", "anything", False),
    ("!!! …", "anything", False),
]


@pytest.mark.parametrize(("query", "text", "finds"), COMPOUNDS)
def test_persian_compounds_written_apart_are_one_word(query: str, text: str, finds: bool) -> None:
    assert matches(query, text) is finds


@pytest.mark.parametrize("case", FINDS)
def test_a_search_finds_what_a_reader_expects(case: tuple[Any, ...]) -> None:
    query, text, finds, *lang = case
    assert matches(query, text, *lang) is finds


def test_a_query_splits_into_phrases_and_loose_words() -> None:
    assert parse_query('"دیوان حافظ" شیرازی «Абай жолы»') == (
        ["دیوان حافظ", "Абай жолы"],
        "  شیرازی  ",
    )


def test_tokens_keep_numbers_whole_and_split_words_at_punctuation() -> None:
    assert tokenize("۱۰۱۰–۱۰۱۲ ق، ۳٫۵ سم") == ["1010", "1012", "ق", "3.5", "سم"]
    assert tokenize("al-Fārābī's Kitāb") == ["al", "fārābī's", "kitāb"]


def test_tokens_point_back_at_the_text_as_written() -> None:
    from nuskha.text import tokens

    text = "دیوان حافظ مي خوانيم"
    found = tokens(text)
    assert [text[t.start : t.end] for t in found] == ["دیوان", "حافظ", "مي خوانيم"]


@given(st.text(), st.text())
def test_matches_never_raises(query: str, text: str) -> None:
    matches(query, text)
    matches(query, text, "kk")


@given(st.text(alphabet=st.characters(categories=("L", "Nd", "Zs"))))
def test_a_text_finds_itself(text: str) -> None:
    if tokenize(text):
        assert matches(text, text)
        assert matches(f'"{text}"', text) or '"' in text

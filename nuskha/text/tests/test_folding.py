"""fold(): spellings a reader takes for one word fold alike; different words do not.

Each table row is (one spelling, another spelling, the field's language); the comment
names the rule of docs/reference/text.md it exercises.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nuskha.text import fold
from nuskha.text.folding import DIGIT_ZEROS

FOLD_ALIKE = [
    # §1 Unicode compatibility: presentation forms, ligatures, full-width forms
    ("ﻛﺘﺎﺏ", "کتاب", None),
    ("ﻻ", "لا", None),
    ("ﺳﻼﻡ", "سلام", None),
    ("ﯾﮏ", "یک", None),
    ("ﮐﺘﺎﺏ", "کتاب", None),
    ("ﷲ", "الله", None),
    ("ﺷﺎﻫﻨﺎﻣﻪ", "شاهنامه", None),
    ("ＡＢＣ", "abc", None),
    ("ﬁhrist", "fihrist", None),
    ("①", "1", None),
    ("Ⅻ", "xii", None),
    ("Cafe\u0301", "Café", None),
    ("h\u0323a\u0304fiz\u0323", "ḥāfiẓ", None),
    ("نسخه\u00a0خطی", "نسخه خطی", None),
    # §4 case: Latin and Cyrillic, Turkish-style İ, Russian ё
    ("Ferdowsi", "FERDOWSI", None),
    ("Астана", "АСТАНА", None),
    ("Straße", "STRASSE", None),
    ("İstanbul", "istanbul", None),
    ("ÄBDİ", "äbdi", "kk"),
    ("Əli", "əli", None),
    ("ӘЛИХАН", "әлихан", "kk"),
    ("ҚАЗАҚ", "қазақ", "kk"),
    ("ŞOQAN", "şoqan", "kk"),
    ("Ḥāfiẓ", "ḤĀFIẒ", None),
    ("Ёлкин", "Елкин", "ru"),
    ("ёж", "еж", "ru"),
    ("Ёжик", "ежик", "ru"),
    ("Пётр", "Петр", "ru"),
    # §2 yeh: Arabic yeh and alef maksura are Persian yeh; so is yeh with hamza
    ("علي", "علی", None),
    ("على", "علی", None),
    ("موسى", "موسی", None),
    ("عيسى", "عیسی", None),
    ("فارابي", "فارابی", "fa"),
    ("الفارابى", "الفارابی", "ar"),
    ("حافظ شيرازي", "حافظ شیرازی", "fa"),
    ("ديوان", "دیوان", "fa"),
    ("ابن سينا", "ابن سینا", "fa"),
    ("پائیز", "پاییز", "fa"),
    ("جامع التواريخ", "جامع التواریخ", "fa"),
    ("تاريخ رشيدي", "تاریخ رشیدی", "fa"),
    ("ميخوانيم", "میخوانیم", "fa"),
    # §2 kaf: Arabic kaf and swash kaf are keheh
    ("كتاب", "کتاب", None),
    ("كاشي", "کاشی", None),
    ("ڪتاب", "کتاب", None),
    ("الكتاب", "الکتاب", "ar"),
    # §2 heh: teh marbuta, heh with hamza (both encodings), heh goal, heh doachashmee
    ("مدرسة", "مدرسه", None),
    ("رسالة", "رساله", None),
    ("كتابخانة", "کتابخانه", None),
    ("شاهنامة", "شاهنامه", None),
    ("خانۀ", "خانه", "fa"),
    ("خانهٔ", "خانه", "fa"),
    ("شاہ", "شاه", None),
    ("ھمه", "همه", "fa"),
    # §2 alef with hamza or madda, alef wasla; waw with hamza
    ("أحمد", "احمد", None),
    ("إسلام", "اسلام", None),
    ("آب", "اب", "fa"),
    ("ٱلله", "الله", "ar"),
    ("القرآن", "القران", "ar"),
    ("مسألة", "مساله", "ar"),
    ("أبو علي", "ابو علی", "ar"),
    ("مؤمن", "مومن", None),
    ("رؤيا", "رویا", "ar"),
    # §2 tatweel
    ("کتـــاب", "کتاب", "fa"),
    ("محمـد", "محمد", None),
    # §2 harakat, tanwin, shadda, sukun, superscript alef
    ("كِتَاب", "کتاب", None),
    ("مُحَمَّد", "محمد", None),
    ("قُرْآن", "قران", "ar"),
    ("كتابٌ", "کتاب", "ar"),
    ("هٰذا", "هذا", "ar"),
    ("بِسْمِ ٱللَّٰهِ", "بسم الله", "ar"),
    ("رَحْمَةُ", "رحمه", "ar"),
    ("قُطْب", "قطب", "fa"),
    ("مُلّا", "ملا", "fa"),
    # §3 invisible characters never split or change a word
    ("می‌خوانیم", "میخوانیم", "fa"),
    ("دانش‌گاه", "دانشگاه", "fa"),
    ("کتاب\u200dخانه", "کتابخانه", "fa"),
    ("Kata\u00adlog", "Katalog", None),
    ("\ufeffکتاب", "کتاب", None),
    ("\u200fکتاب\u200e", "کتاب", None),
    ("\u061cنسخه", "نسخه", None),
    ("\u202bنسخه\u202c", "نسخه", None),
    ("\u2067نسخه\u2069", "نسخه", None),
    ("\u202eabc\u202c", "abc", None),
    ("Аба\u200cй", "Абай", "kk"),
    ("a\u2060b", "ab", None),
    ("a\u200bb", "a b", None),  # the zero-width *space* is a word break
    # §5 every digit system to ASCII; the Arabic decimal separator stays a separator
    ("۱۳۹۱", "1391", None),
    ("١٣٩١", "1391", None),
    ("۱۳۹۱", "١٣٩١", None),
    ("۳٫۵", "3.5", None),
    ("٣٫٥", "3.5", None),
    ("۱٬۲۳۴", "1234", None),
    ("१२३", "123", None),
    ("١٠١٠ هـ", "1010 ه", None),
    ("سنه ۱۰۱۰", "سنه 1010", "fa"),
    ("１２", "12", None),
    # §6 Arabic-script Kazakh: one high hamza at the head of a front-vowel word
    ("سٶز", "ٴسوز", "kk"),
    ("بٸلٸم", "ٴبىلىم", "kk"),
    ("ٵلەم", "ٴالەم", "kk"),
    ("كٷن", "ٴكۇن", "kk"),
    ("سؤز", "ٴسوز", "kk"),
    ("تیل", "تيل", "kk"),  # ی typed on a Persian keyboard
    # §4 romanisation marks written with look-alike characters
    ("Qurʼān", "Qurʾān", None),
    ("Jumʻa", "Jumʿa", None),
    ("Qur’an", "Qur'an", None),
]

FOLD_APART = [
    # §2 letters that only share a sound stay apart
    ("صبر", "سبر", "fa"),
    ("حافظ", "حافذ", "fa"),
    ("ثابت", "سابت", "fa"),
    ("طلا", "تلا", "fa"),
    ("حسن", "هسن", "fa"),
    ("عمل", "امل", "fa"),
    ("ضرب", "زرب", "fa"),
    ("قلم", "غلم", "fa"),
    ("ظل", "ضل", "ar"),
    ("سیر", "شیر", "fa"),
    ("درت", "ذرت", "fa"),
    ("رود", "زود", "fa"),
    ("فند", "قند", "fa"),
    ("نان", "تان", "fa"),
    ("هال", "حال", "fa"),
    ("خواندن", "خاندن", "fa"),
    # §2 Persian letters are not their Arabic neighbours
    ("کار", "گار", "fa"),
    ("کل", "گل", "fa"),
    ("پدر", "بدر", "fa"),
    ("پار", "بار", "fa"),
    ("چای", "جای", "fa"),
    ("چنگ", "جنگ", "fa"),
    ("ژاله", "زاله", "fa"),
    ("ژرف", "زرف", "fa"),
    # §2 a standalone hamza is a letter; teh is not teh marbuta
    ("شیء", "شی", "fa"),
    ("جزء", "جز", "fa"),
    ("سوء", "سو", "ar"),
    ("ماء", "ما", "ar"),
    ("شیء", "شیئ", "fa"),
    ("رحمت", "رحمة", "fa"),
    ("مسئله", "مسله", "fa"),
    # §6 Kazakh Cyrillic keeps every letter its alphabet distinguishes
    ("әке", "аке", "kk"),
    ("ӘКЕ", "АКЕ", "kk"),
    ("өз", "оз", "kk"),
    ("ӨЗ", "ОЗ", "kk"),
    ("ұл", "ул", "kk"),
    ("үй", "уй", "kk"),
    ("ұл", "үл", "kk"),
    ("ҰЛ", "ҮЛ", "kk"),
    ("таң", "тан", "kk"),
    ("іс", "ис", "kk"),
    ("қол", "кол", "kk"),
    ("ғасыр", "гасыр", "kk"),
    ("һарам", "харам", "kk"),
    ("қыс", "қіс", "kk"),
    ("бай", "баи", "kk"),
    # §6 Russian й/и and the other letters
    ("мой", "мои", "ru"),
    ("край", "краи", "ru"),
    ("быт", "бит", "ru"),
    ("мер", "мэр", "ru"),
    ("брат", "брать", "ru"),
    ("шит", "щит", "ru"),
    ("съел", "сел", "ru"),
    # §6 Kazakh Latin (2021) keeps its letters too
    ("äke", "ake", "kk"),
    ("öz", "oz", "kk"),
    ("ūl", "ul", "kk"),
    ("ūl", "ül", "kk"),
    ("üi", "ui", "kk"),
    ("tañ", "tan", "kk"),
    ("ıs", "is", "kk"),
    ("bılım", "bilim", "kk"),
    ("ğasyr", "gasyr", "kk"),
    ("şar", "sar", "kk"),
    # §6 Arabic-script Kazakh: ى/ي, ۇ/و, ۋ/و, ۆ/و, ە/ا, ھ/ه and the front-vowel hamza
    ("بىلىم", "بيليم", "kk"),
    ("ۇل", "ول", "kk"),
    ("ۋاقىت", "واقىت", "kk"),
    ("ۆاگون", "واگون", "kk"),
    ("ٴسوز", "سوز", "kk"),
    ("ٴتىل", "تىل", "kk"),
    ("ەل", "ال", "kk"),
    ("ھاۋا", "هاۋا", "kk"),
    # §7 Latin diacritics are kept in the key (the plain key drops them)
    ("Ḥāfiẓ", "Hafiz", None),
    ("mūsīqī", "musiqi", None),
    ("Şoqan", "Soqan", "kk"),
    ("café", "cafe", None),
    ("ʿAlī", "Alī", None),
    ("ñ", "n", None),
    ("ğ", "g", None),
    ("ö", "o", None),
    # §5 numbers are numbers: no digit is lost, no separator joins two numbers
    ("1010", "10100", None),
    ("۳٫۵", "۳۵", None),
    ("1.234", "1234", None),
    ("۱۰", "۱۰۰", None),
    # scripts stay apart in the key (only the cross-script key brings Kazakh together)
    ("Астана", "Astana", "kk"),
    ("استانا", "Astana", "kk"),
    ("ә", "ə", None),  # Cyrillic schwa and Latin schwa
    ("а", "a", None),  # Cyrillic a and Latin a
    # word boundaries stay
    ("کتاب خانه", "کتابخانه", "fa"),
    ("al-Farabi", "alFarabi", None),
    ("ربیع الاول", "ربیع الثانی", "fa"),
    ("تر", "ترین", "fa"),
    ("Abai", "Abay", "kk"),
    ("علی", "علا", "fa"),
    ("ı", "i", None),
    ("ЁЛКА", "ЁЛКИ", "ru"),
    ("نسخه", "نسخه‌ها", "fa"),
    ("Ali", "Alı", "kk"),
    ("ذکر", "زکر", "fa"),
    ("ظهر", "زهر", "fa"),
    ("اثر", "اسر", "fa"),
    ("ص", "ض", "ar"),
    ("Мәскеу", "Маскеу", "kk"),
]


@pytest.mark.parametrize(("one", "other", "lang"), FOLD_ALIKE)
def test_spellings_of_one_word_fold_alike(one: str, other: str, lang: str | None) -> None:
    assert fold(one, lang) == fold(other, lang)


@pytest.mark.parametrize(("one", "other", "lang"), FOLD_APART)
def test_different_words_fold_apart(one: str, other: str, lang: str | None) -> None:
    assert fold(one, lang) != fold(other, lang)


def test_the_tables_are_as_large_as_promised() -> None:
    assert len(FOLD_ALIKE) >= 100 and len(FOLD_APART) >= 100


def test_arabic_script_is_read_as_kazakh_when_a_letter_of_its_own_says_so() -> None:
    assert fold("ٴبىلىم بيليم") == fold("ٴبىلىم بيليم", "kk")  # ٴ marks the text Kazakh
    assert fold("علي على") == "علی علی"  # no Kazakh letter: Persian rules


def test_the_digit_table_knows_every_decimal_digit_system() -> None:
    zeros = [c for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd"
             and unicodedata.decimal(chr(c)) == 0]  # fmt: skip
    assert tuple(zeros) == DIGIT_ZEROS


@given(st.text())
def test_fold_is_idempotent_and_never_raises(s: str) -> None:
    once = fold(s)
    assert fold(once) == once
    assert fold(fold(s, "kk"), "kk") == fold(s, "kk")


@given(st.text())
def test_fold_never_outgrows_what_nfkc_allows(s: str) -> None:
    # NFKC expands one character to at most 18 (U+FDFA); fold adds nothing beyond that.
    assert len(fold(s)) <= 18 * len(s)
    assert len(fold(s, "kk")) <= 18 * len(s)


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)))
def test_fold_is_idempotent_on_arabic_script(s: str) -> None:
    assert fold(fold(s)) == fold(s)
    assert fold(fold(s, "kk"), "kk") == fold(s, "kk")

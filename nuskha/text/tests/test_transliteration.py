"""transliterate() and kazakh_latin_key(): real examples for each direction, round trips,
the tables of docs/reference/transliteration.md checked against the code, and properties
over any string."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nuskha.text.transliteration import (
    KAZAKH_ARABIC_CYRILLIC,
    KAZAKH_ARABIC_VARIANTS,
    KAZAKH_ARABIC_VOWELS,
    KAZAKH_CYRILLIC_LATIN,
    KAZAKH_LATIN_CYRILLIC,
    KAZAKH_LATIN_SEQUENCES,
    PERSIAN_LATIN,
    RUSSIAN_ALA_LC,
    kazakh_latin_key,
    transliterate,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "reference" / "transliteration.md"

KAZAKH_CYRILLIC_TO_LATIN = [
    # places
    ("Астана", "Astana"),
    ("Алматы", "Almaty"),
    ("Қарағанды", "Qarağandy"),
    ("Өскемен", "Öskemen"),
    ("Шымкент", "Şymkent"),
    ("Жамбыл", "Jambyl"),
    ("Ақтөбе", "Aqtöbe"),
    ("Түркістан", "Türkıstan"),
    ("Қызылорда", "Qyzylorda"),
    ("Көкшетау", "Kökşetau"),
    ("Талдықорған", "Taldyqorğan"),
    ("Атырау", "Atyrau"),
    ("Павлодар", "Pavlodar"),
    ("Семей", "Semei"),
    ("Байқоңыр", "Baiqoñyr"),
    ("Щучинск", "Şşuchinsk"),
    ("Целиноград", "Tselinograd"),
    # people
    ("Шоқан Уәлиханов", "Şoqan Uälihanov"),
    ("Уәлиханов", "Uälihanov"),
    ("Абай Құнанбайұлы", "Abai Qūnanbaiūly"),
    ("Ыбырай Алтынсарин", "Ybyrai Altynsarin"),
    ("Мұхтар Әуезов", "Mūhtar Äuezov"),
    ("Әлихан Бөкейхан", "Älihan Bökeihan"),
    ("Ахмет Байтұрсынұлы", "Ahmet Baitūrsynūly"),
    ("Сәкен Сейфуллин", "Säken Seifullin"),
    ("Ілияс Жансүгіров", "Iliias Jansügırov"),
    ("Қаныш Сәтбаев", "Qanyş Sätbaev"),
    ("Қожа Ахмет Ясауи", "Qoja Ahmet İasaui"),
    ("Ш. Уәлиханов", "Ş. Uälihanov"),
    ("Юрий", "İurii"),
    ("Ёлкин", "İolkin"),
    # words and titles; capitals stay capitals
    ("ЖҰМЫС", "JŪMYS"),
    ("ҚАЗАҚСТАН", "QAZAQSTAN"),
    ("ЩУЧИНСК", "ŞŞUCHİNSK"),
    ("Тәуелсіздік", "Täuelsızdık"),
    ("Қаһарман", "Qaharman"),
    ("Эверест", "Everest"),
    ("Объект", "Obekt"),
    ("ащы", "aşşy"),
    ("Қазақ әдебиеті, 1845–1904 жж.", "Qazaq ädebietı, 1845–1904 jj."),
    ("Абай (Ибраһим)", "Abai (İbrahim)"),
]

KAZAKH_LATIN_TO_CYRILLIC = [
    ("Qazaqstan", "Қазақстан"),
    ("Almaty", "Алматы"),
    ("Şoqan Uälihanov", "Шоқан Уәлиханов"),
    ("JŪMYS", "ЖҰМЫС"),
    ("Türkıstan", "Түркістан"),
    ("Bılım", "Білім"),
    ("İsa", "Иса"),
    # i after a vowel is й, before a consonant, a vowel or at the end of the word
    ("Qairat", "Қайрат"),
    ("Abai Qūnanbaiūly", "Абай Құнанбайұлы"),
    ("qaiyq", "қайық"),
    ("üiı", "үйі"),
    ("Semei", "Семей"),
    ("Vasilii", "Василий"),
    ("İasaui", "Ясауи"),  # u is not a vowel for й: Ясауи keeps its и
    # ia iu io are я ю ё, read left to right
    ("aiaq", "аяқ"),
    ("Ğaliia", "Ғалия"),
    ("kiiu", "кию"),
    ("İAS", "ЯС"),
    # ts is ц at the start of a word or before i, тс elsewhere
    ("tsirk", "цирк"),
    ("Tselinograd", "Целиноград"),
    ("stantsiia", "станция"),
    ("ketse", "кетсе"),
    ("aitsa", "айтса"),
    ("TSİRK", "ЦИРК"),
    ("KETSE", "КЕТСЕ"),
    # şş and ch
    ("aşşy", "ащы"),
    ("Şşuchinsk", "Щучинск"),
    ("chai", "чай"),
    # İ lowercased by str.lower() keeps a combining dot; and decomposed ä
    ("i\u0307sa", "иса"),
    ("a\u0308ke", "әке"),
    # letters outside the alphabet pass through
    ("wax", "w\u0430x"),
]

KAZAKH_ARABIC_TO_CYRILLIC = [
    ("استانا", "астана"),
    ("قازاق", "қазақ"),
    ("ٴتىل", "тіл"),
    ("ٴسوز", "сөз"),
    ("كەرەك", "керек"),
    ("ابايدىڭ", "абайдың"),
    ("ٴولەڭ", "өлең"),
    ("الماتى", "алматы"),
    ("ٴبىلىم", "білім"),
    ("قاراعاندى", "қарағанды"),
    ("ٴوسكەمەن", "өскемен"),
    ("جامبىل", "жамбыл"),
    ("تاراز", "тараз"),
    ("اتىراۋ", "атырау"),
    ("قازاقستان", "қазақстан"),
    ("اباي قۇنانبايۇلى", "абай құнанбайұлы"),
    ("ٴۇي", "үй"),
    ("ٴۇمىت", "үміт"),
    ("گۇل", "гүл"),
    ("كول", "көл"),
    ("ەل", "ел"),
    ("مەكتەپ", "мектеп"),
    ("قايىق", "қайық"),
    ("ھاۋا", "һауа"),
    ("چاي", "чай"),
    ("اۆتور", "автор"),
    # ي before ا and ۋ: я, ю; after a consonant ия, ию
    ("اياق", "аяқ"),
    ("داريا", "дария"),
    ("كيۋ", "кию"),
    ("ياساۋي", "ясауи"),
    # precomposed hamza letters, NFKC's decomposed ones, hamza on the line
    ("سٶز", "сөз"),
    ("بٸلٸم", "білім"),
    ("ٵلەم", "әлем"),
    ("كٷن", "күн"),
    ("س\u0648\u0674ز", "сөз"),
    ("ب\u064a\u0674ل\u064a\u0674م", "білім"),
    ("ءسوز", "сөз"),
    ("س\u0648\u0654ز", "сөз"),
    # Persian-keyboard letters
    ("سؤز", "сөз"),
    ("ئنى", "іні"),
    ("أكە", "әке"),
    ("کول", "көл"),
    ("بای", "бай"),
    ("كەرەه", "керее"),
    # marks, tatweel, ZWNJ, digits, punctuation, presentation forms
    ("قـازاق", "қазақ"),
    ("قَازَاق", "қазақ"),
    ("١٩٠٩ جىل، اباي", "1909 жыл, абай"),
    ("ﻗﺎﺯﺍﻕ", "қазақ"),
]

RUSSIAN_TO_ALA_LC = [
    ("Валиханов", "Valikhanov"),
    ("Ёлкин", "Ëlkin"),
    ("Москва", "Moskva"),
    ("Щукин", "Shchukin"),
    ("Юрий", "I͡uriĭ"),
    ("Яковлев", "I͡akovlev"),
    ("Чехов", "Chekhov"),
    ("Жуковский", "Zhukovskiĭ"),
    ("Пётр Чайковский", "Pëtr Chaĭkovskiĭ"),
    ("Царское Село", "T͡sarskoe Selo"),
    ("Объявление", "Obʺi͡avlenie"),
    ("Горький", "Gorʹkiĭ"),
    ("Эрмитаж", "Ėrmitazh"),
    ("Толстой", "Tolstoĭ"),
    ("Хрущёв", "Khrushchëv"),
    ("СССР", "SSSR"),
    ("ЦК ВКП(б)", "T͡SK VKP(b)"),
    ("Литературная энциклопедия", "Literaturnai͡a ėnt͡siklopedii͡a"),
    ("Ульяновск", "Ulʹi͡anovsk"),
    ("Озёрный", "Ozërnyĭ"),
    # pre-1918 spelling: і ѣ ѳ ѵ, and no romanisation of a word-final ъ
    ("Исторія Россіи въ XIX вѣкѣ", "Istorīi͡a Rossīi v XIX vi͡eki͡e"),
    ("Россійская Имперія", "Rossīĭskai͡a Imperīi͡a"),
    ("Ѳеодоръ", "Ḟeodor"),
    ("Сѵнодъ", "Sẏnod"),
    ("Мѣсяцъ", "Mi͡esi͡at͡s"),
    # decomposed й
    ("Толсто\u0438\u0306", "Tolstoĭ"),
]

PERSIAN_TO_LATIN = [
    ("کتابخانه", "ktabkhanh"),
    ("ایران", "ayran"),
    ("تهران", "thran"),
    ("شاهنامه فردوسی", "shahnamh frdvsy"),
    ("دیوان حافظ", "dyvan hafz"),
    ("گلستان سعدی", "glstan s'dy"),
    ("می‌خوانم", "mykhvanm"),
    ("ژاله", "zhalh"),
    ("مثنوی", "msnvy"),
    ("پژوهش", "pzhvhsh"),
    ("چاپ ۱۳۴۵", "chap 1345"),
    ("خانۀ ما", "khanh ma"),
    ("مؤسسه", "m'ssh"),
    ("كتابخانة", "ktabkhanh"),
    ("ﻛﺘﺎﺏ", "ktab"),
    ("مُحَمَّد", "mhmd"),
    ("کتـــاب", "ktab"),
    ("آثار، جلد ۲؟", "asar, jld 2?"),
]

ARABIC_TO_LATIN = [
    ("ثلاثة", "thlathh"),
    ("ذهب", "dhhb"),
    ("القاهرة", "alqahrh"),
    ("كتاب", "ktab"),
    ("محمد", "mhmd"),
    ("وزارة", "wzarh"),
    ("ضوء", "dw'"),
    ("بِسْمِ ٱللَّٰهِ", "bsm allh"),
    ("عمر", "'mr"),
    ("١٩٥٢", "1952"),
]

# One Kazakh word in its scripts: Cyrillic, 2021 Latin, folded Arabic script, and other
# spellings of it (unfolded, or typed on a Persian keyboard).
KAZAKH_ACROSS_SCRIPTS = [
    ("астана", "astana", "استانا", []),
    ("қазақ", "qazaq", "قازاق", []),
    ("шоқан", "şoqan", "شوقان", []),
    ("сөз", "söz", "ٴسوز", ["سٶز", "سؤز", "س\u0648\u0674ز", "ءسوز"]),
    ("тіл", "tıl", "ٴتىل", ["تٸل", "تئل"]),
    ("білім", "bılım", "ٴبىلىم", ["بٸلٸم", "ب\u064a\u0674ل\u064a\u0674م"]),
    ("керек", "kerek", "کەرەک", ["كەرەك"]),
    ("өлең", "öleñ", "ٴولەڭ", ["ٶلەڭ"]),
    ("абайдың", "abaidyñ", "ابايدىڭ", ["ابایدىڭ"]),
    ("алматы", "almaty", "الماتى", []),
    ("үй", "üi", "ٴۇي", ["ٷي", "ٷی"]),
    ("әлем", "älem", "ٴالەم", ["ٵلەم", "ألەم"]),
    ("күн", "kün", "ٴکۇن", ["كٷن"]),
    ("жамбыл", "jambyl", "جامبىل", []),
    ("құнанбайұлы", "qūnanbaiūly", "قۇنانبايۇلى", []),
    ("аяқ", "aiaq", "اياق", []),
    ("дария", "dariia", "داريا", []),
    ("кию", "kiiu", "کيۋ", []),
    ("һауа", "haua", "ھاۋا", []),
]

ROUND_TRIP = [
    "Алматы", "Қарағанды", "Өскемен", "Шымкент", "Жамбыл", "Ақтөбе", "Түркістан",
    "Қызылорда", "Көкшетау", "Талдықорған", "Атырау", "Павлодар", "Семей", "Байқоңыр",
    "Тараз", "Астана", "Қазақстан", "Шоқан Уәлиханов", "Абай Құнанбайұлы",
    "Ыбырай Алтынсарин", "Мұхтар Әуезов", "Әлихан Бөкейхан", "Ахмет Байтұрсынұлы",
    "Сәкен Сейфуллин", "Ілияс Жансүгіров", "Мағжан Жұмабаев", "Шәкәрім", "Кенесары",
    "Міржақып Дулатұлы", "Тұрар Рысқұлов", "ЖҰМЫС", "білім", "мектеп", "ауыл", "кітап",
    "тәуелсіздік", "қайық", "аяқ", "дария", "ащы", "кетсе", "Ясауи", "кию",
]  # fmt: skip

SUPPORTED = [("Latn", "kk"), ("Cyrl", "kk"), ("Latn", "ru"), ("Latn", "fa"), ("Latn", "ar")]


@pytest.mark.parametrize(("cyrillic", "latin"), KAZAKH_CYRILLIC_TO_LATIN)
def test_kazakh_cyrillic_is_written_in_the_2021_latin_alphabet(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "Latn", "kk") == latin


@pytest.mark.parametrize(("latin", "cyrillic"), KAZAKH_LATIN_TO_CYRILLIC)
def test_kazakh_latin_comes_back_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "Cyrl", "kk") == cyrillic


@pytest.mark.parametrize("cyrillic", ROUND_TRIP)
def test_ordinary_kazakh_words_survive_the_round_trip(cyrillic: str) -> None:
    latin = transliterate(cyrillic, "Latn", "kk")
    assert transliterate(latin, "Cyrl", "kk") == cyrillic


@pytest.mark.parametrize(("arabic", "cyrillic"), KAZAKH_ARABIC_TO_CYRILLIC)
def test_kazakh_arabic_script_is_read_by_the_front_vowel_rule(arabic: str, cyrillic: str) -> None:
    assert transliterate(arabic, "Cyrl", "kk") == cyrillic


@pytest.mark.parametrize(("arabic", "cyrillic"), KAZAKH_ARABIC_TO_CYRILLIC)
def test_kazakh_arabic_script_reaches_latin_through_cyrillic(arabic: str, cyrillic: str) -> None:
    assert transliterate(arabic, "Latn", "kk") == transliterate(cyrillic, "Latn", "kk")


@pytest.mark.parametrize(
    ("mixed", "misread"),
    [("كىتاپ", "кітәп"), ("شىمكەنت", "шімкент"), ("اقتوبە", "әқтөбе"), ("ۆاگون", "вәгөн")],
)
def test_words_mixing_front_and_back_vowels_are_read_as_front_as_documented(
    mixed: str, misread: str
) -> None:
    assert transliterate(mixed, "Cyrl", "kk") == misread


@pytest.mark.parametrize(("cyrillic", "latin"), RUSSIAN_TO_ALA_LC)
def test_russian_is_romanised_by_ala_lc(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "Latn", "ru") == latin


@pytest.mark.parametrize(("arabic_script", "skeleton"), PERSIAN_TO_LATIN)
def test_persian_gets_a_consonantal_skeleton(arabic_script: str, skeleton: str) -> None:
    assert transliterate(arabic_script, "Latn", "fa") == skeleton


@pytest.mark.parametrize(("arabic_script", "skeleton"), ARABIC_TO_LATIN)
def test_arabic_gets_its_own_values_for_four_letters(arabic_script: str, skeleton: str) -> None:
    assert transliterate(arabic_script, "Latn", "ar") == skeleton


@pytest.mark.parametrize(("cyrillic", "latin", "arabic", "others"), KAZAKH_ACROSS_SCRIPTS)
def test_one_kazakh_word_has_one_key_in_every_script(
    cyrillic: str, latin: str, arabic: str, others: list[str]
) -> None:
    assert kazakh_latin_key(cyrillic) == latin
    assert kazakh_latin_key(latin) == latin
    assert kazakh_latin_key(arabic) == latin
    for other in others:
        assert kazakh_latin_key(other) == latin, other


def test_the_key_writes_short_i_as_i() -> None:
    assert kazakh_latin_key("қайрат") == kazakh_latin_key("қаират") == "qairat"
    assert kazakh_latin_key("") == ""


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("Шоқан Уәлиханов", "Latn", "Şoqan Uälihanov"),  # a Kazakh letter: Kazakh
        ("Білім", "Latn", "Bılım"),  # і alone is Kazakh too
        ("Валиханов", "Latn", "Valikhanov"),  # no Kazakh letter: Russian
        ("Абай", "Latn", "Abaĭ"),  # ... even for a Kazakh name (pass "kk" to say so)
        ("Исторія Россіи въ XIX вѣкѣ", "Latn", "Istorīi͡a Rossīi v XIX vi͡eki͡e"),
        ("ٴسوز", "Latn", "söz"),  # a Kazakh Arabic-script letter: Kazakh
        ("کتابخانه", "Latn", "ktabkhanh"),  # none: Persian
        ("Qūnanbaiūly", "Cyrl", "Құнанбайұлы"),  # Latin goes back to Cyrillic as Kazakh
        ("ٴسوز", "Cyrl", "сөз"),
        ("Астана", "Cyrl", "Астана"),  # nothing outside the target script
        ("Astana", "Latn", "Astana"),
        ("1999", "Latn", "1999"),
        ("Абай (Abai)", "Latn", "Abaĭ (Abai)"),  # only the letters not yet in the target
        ("۱۳۴۵", "Latn", "1345"),
    ],
)
def test_the_source_language_is_read_from_the_script(text: str, target: str, expected: str) -> None:
    assert transliterate(text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "source_lang", "named"),
    [
        ("Астана", "Arab", "kk", "'Arab'"),
        ("Астана", "arab", None, "'arab'"),
        ("Moskva", "Cyrl", "ru", "'ru'"),
        ("کتاب", "Cyrl", "fa", "'fa'"),
        ("كتاب", "Cyrl", "ar", "'ar'"),
        ("کتاب", "Cyrl", None, "'fa'"),
        ("Астана", "Latn", "xx", "'xx'"),
    ],
)
def test_an_unsupported_pair_raises_and_names_it(
    text: str, target: str, source_lang: str | None, named: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(named)) as raised:
        transliterate(text, target, source_lang)
    assert repr(target) in str(raised.value)


# docs/reference/transliteration.md: its tables are the code's


def doc_rows(heading: str) -> list[list[list[str] | None]]:
    """The rows of the first table under the heading: each cell's code span split into
    words, or None for a cell in prose."""
    section = DOC.read_text().split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = line.strip().strip("|").split(" | ")
        spans = [re.fullmatch(r"\s*`([^`]+)`\s*", cell) for cell in cells]
        rows.append([span.group(1).split() if span else None for span in spans])
    return rows


def pairs(rows: list[list[list[str] | None]], column: int = 1) -> list[tuple[str, str]]:
    """(source, result) for each word of each row whose column is in code."""
    found: list[tuple[str, str]] = []
    for row in rows:
        source, result = row[0], row[column]
        if source is not None and result is not None:
            found.extend(zip(source, result, strict=True))
    return found


def test_the_doc_kazakh_cyrillic_table_is_the_code() -> None:
    rows = doc_rows("Kazakh Cyrillic → Latin (2021)")
    letters = {row[0][1] for row in rows if row[0] is not None}
    assert letters == set(KAZAKH_CYRILLIC_LATIN)
    for cyrillic, latin in pairs(rows):
        assert transliterate(cyrillic, "Latn", "kk") == latin
    dropped = [row[0] for row in rows if row[1] is None]
    assert all(
        transliterate(letter, "Latn", "kk") == "" for row in dropped if row for letter in row
    )


def test_the_doc_kazakh_latin_table_is_the_code() -> None:
    rows = doc_rows("Kazakh Latin (2021) → Cyrillic")
    sequences = {row[0][1] for row in rows if row[0] is not None and row[1] is not None}
    assert sequences == set(KAZAKH_LATIN_CYRILLIC) | set(KAZAKH_LATIN_SEQUENCES)
    for latin, cyrillic in pairs(rows):
        assert transliterate(latin, "Cyrl", "kk") == cyrillic


def test_the_doc_kazakh_arabic_table_is_the_code() -> None:
    rows = doc_rows("Kazakh Arabic script (töte jazu) → Cyrillic")
    letters = {row[0][0] for row in rows if row[0] is not None and len(row) == 4}
    assert letters == set(KAZAKH_ARABIC_CYRILLIC) | set(KAZAKH_ARABIC_VOWELS)
    for letter, back in pairs([row for row in rows if len(row) == 4], column=1):
        assert transliterate(letter, "Cyrl", "kk") == back
    for letter, front in pairs([row for row in rows if len(row) == 4], column=2):
        assert transliterate("\u0674" + letter, "Cyrl", "kk") == front


def test_the_doc_kazakh_arabic_variants_are_the_code() -> None:
    rows = [row for row in doc_rows("Kazakh Arabic script (töte jazu) → Cyrillic") if len(row) == 2]
    variants = {row[0][0] for row in rows if row[0] is not None}
    assert variants == set(KAZAKH_ARABIC_VARIANTS) | {"\u064a\u0674"}
    for variant, reading in pairs(rows):
        for word in (variant, "ب" + variant + "ر"):
            read = word.replace(variant, reading)
            assert transliterate(word, "Cyrl", "kk") == transliterate(read, "Cyrl", "kk"), word


def test_the_doc_ala_lc_table_is_the_code() -> None:
    rows = doc_rows("Russian → Latin (ALA-LC)")
    assert {row[0][1] for row in rows if row[0] is not None} == set(RUSSIAN_ALA_LC)
    for cyrillic, latin in pairs(rows):
        assert transliterate(cyrillic, "Latn", "ru") == latin


def test_the_doc_persian_and_arabic_tables_are_the_code() -> None:
    rows = doc_rows("Persian and Arabic → Latin (sorting and fallback only)")
    letters = {row[0][0] for row in rows if row[0] is not None and len(row) == 3}
    assert letters == set(PERSIAN_LATIN)
    for letter, persian in pairs([row for row in rows if len(row) == 3], column=1):
        assert transliterate(letter, "Latn", "fa") == persian
    for letter, arabic in pairs([row for row in rows if len(row) == 3], column=2):
        assert transliterate(letter, "Latn", "ar") == arabic
    for character, latin in pairs([row for row in rows if len(row) == 2]):
        for source_lang in ("fa", "ar"):
            assert transliterate(character, "Latn", source_lang) == latin
        assert transliterate(character, "Cyrl", "kk") == latin


# Properties over any string

_SCRIPT_RANGES = [
    (0x0400, 0x052F),  # Cyrillic
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),  # Arabic
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),  # Arabic presentation forms
    (0x200C, 0x200F),  # joiners and bidi marks, dropped from Arabic-script text
]  # fmt: skip


def _is_outside_the_tables(character: str) -> bool:
    code = ord(character)
    latin = character.isascii() and character.isalpha() or 0x00C0 <= code <= 0x024F
    return not latin and not any(start <= code <= end for start, end in _SCRIPT_RANGES)


KAZAKH_CYRILLIC_WORDS = st.text(alphabet="".join(KAZAKH_CYRILLIC_LATIN), max_size=12)
# Arabic-script Kazakh as nuskha folds it: the high hamza only at the head of the word.
KAZAKH_ARABIC_LETTERS = "".join(KAZAKH_ARABIC_CYRILLIC) + "".join(KAZAKH_ARABIC_VOWELS)
KAZAKH_ARABIC_WORDS = st.builds(
    lambda hamza, letters: hamza + letters,
    st.sampled_from(["", "\u0674"]),
    st.text(alphabet=KAZAKH_ARABIC_LETTERS.replace("ك", "ک"), max_size=12),
)


@given(st.text(), st.sampled_from(SUPPORTED))
def test_transliterate_never_raises_on_a_supported_pair(s: str, pair: tuple[str, str]) -> None:
    target, source_lang = pair
    assert isinstance(transliterate(s, target, source_lang), str)


@given(st.text())
def test_transliterate_to_latin_never_raises_when_it_guesses_the_language(s: str) -> None:
    assert isinstance(transliterate(s, "Latn"), str)


def _is_arabic_script(character: str) -> bool:
    return any(start <= ord(character) <= end for start, end in _SCRIPT_RANGES[1:6])


@given(st.text(alphabet=st.characters().filter(lambda c: not _is_arabic_script(c))))
def test_transliterate_to_cyrillic_guesses_without_raising_outside_arabic_script(s: str) -> None:
    assert isinstance(transliterate(s, "Cyrl"), str)


@given(st.text(alphabet=st.characters().filter(_is_outside_the_tables)), st.sampled_from(SUPPORTED))
def test_characters_outside_the_tables_pass_through(s: str, pair: tuple[str, str]) -> None:
    target, source_lang = pair
    assert transliterate(s, target, source_lang) == s


@given(st.text())
def test_kazakh_latin_key_never_raises(s: str) -> None:
    assert isinstance(kazakh_latin_key(s), str)


@given(st.one_of(KAZAKH_CYRILLIC_WORDS, KAZAKH_ARABIC_WORDS))
def test_the_key_is_the_latin_transliteration_of_a_lowercase_word(word: str) -> None:
    assert kazakh_latin_key(word) == transliterate(word, "Latn", "kk")


@given(KAZAKH_ARABIC_WORDS)
def test_the_key_of_arabic_script_is_the_key_of_its_cyrillic(word: str) -> None:
    assert kazakh_latin_key(word) == kazakh_latin_key(transliterate(word, "Cyrl", "kk"))

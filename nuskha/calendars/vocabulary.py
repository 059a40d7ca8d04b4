"""The words parse() reads: month names and their epithets, calendar markers, the words for
"year", century words and qualifiers. Numbers in words are in number_words.py.

Pure: no Django. Each entry is written as catalogues write it; LOOKUP holds them folded
and with spaces and hyphens removed (folding.compact), so "Rabiʿ al-Awwal", "Rabi al awwal"
and "rabi-al-awwal" are one key, as are "ربیع‌الاول", "ربیع الأول" and "ربيع الاول".
A Word is what an entry means: its kind and, for months and markers, its calendar.

Calendars here are "hijri", "jalali", "julian" and "european": the last is what an
unmarked year or an AD/CE/م/г./ж. marker means, the Julian calendar before 15 October
1582 and the Gregorian from then on (see spans.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nuskha.calendars.folding import compact


@dataclass(frozen=True)
class Word:
    """What a vocabulary entry means.

    kind is one of: month, marker, century, approximate, part, month_part, decade, ordinal,
    ordinal_suffix, day, range, filler, year_word, epithet, c (either circa or century,
    decided by position). A year word's calendar is the one it implies; an epithet's value,
    if any, is the month it names when no month name precedes it. needs_marker: a century
    word that says nothing of the calendar (Arabic القرن).
    """

    kind: str
    calendar: str = ""
    value: int = 0
    part: str = ""
    is_persian: bool = False
    needs_marker: bool = False


# Month names, by calendar, month number and every spelling catalogues use.
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "محرم الحرام", "muharram", "moharram", "muharrem", "al-muharram"),
    2: ("صفر", "صفر المظفر", "safar", "saphar"),
    3: ("ربیع الاول", "ربیع الأول", "ربیع اول", "ربیع الاولی"),
    4: ("ربیع الآخر", "ربیع الثانی", "ربیع ثانی", "ربیع الاخر", "ربیع الثانیه"),
    5: ("جمادی الاولی", "جمادی الاول", "جمادی الأولی", "جمادی اول", "جمادی الأول"),
    6: (
        "جمادی الآخره",
        "جمادی الآخرة",
        "جمادی الثانی",
        "جمادی الثانیه",
        "جمادی الثانیة",
        "جمادی ثانی",
        "جمادی الاخری",
        "جمادی الآخر",
    ),
    7: ("رجب", "رجب المرجب", "rajab", "radjab", "redjeb"),
    8: ("شعبان", "شعبان المعظم", "shaban", "shaaban", "shaban al-muazzam", "chaban"),
    9: ("رمضان", "رمضان المبارک", "ramadan", "ramazan", "ramadhan", "ramzan", "ramaḍān"),
    10: ("شوال", "شوال المکرم", "shawwal", "shawal", "shavval", "chawwal"),
    11: ("ذی القعده", "ذوالقعده", "ذیقعده", "ذی قعده", "ذو القعدة"),
    12: ("ذی الحجه", "ذوالحجه", "ذیحجه", "ذی حجه", "ذو الحجة"),
}

# Romanised Rabiʿ, Jumada and Dhu al- months come in many spellings: build them.
_RABI = ("rabi", "rabia", "rabee", "rabiu", "rebi")
_JUMADA = ("jumada", "jumadi", "jamadi", "jumadal", "djumada", "jumaada", "jomada")
_ARTICLES = ("al", "ul", "el", "il", "")
_FIRST = ("awwal", "awal", "avval", "ula", "uwla", "oula", "ulá", "i")
_SECOND = (
    "thani",
    "thaani",
    "sani",
    "akhir",
    "akhar",
    "akhira",
    "akhirah",
    "thaniya",
    "thaniyah",
    "ii",
    "ath-thani",
    "as-sani",
    "us-sani",
    "ath-thaniyah",
    "al-thaniya",
)
_DHU = (
    "dhu al",
    "dhul",
    "dhu l",
    "dhu",
    "dhi al",
    "dhil",
    "zu al",
    "zul",
    "zu l",
    "zil",
    "zi al",
    "thul",
    "zi",
    "dhi",
)
_QADA = ("qada", "qadah", "qida", "qidah", "qaada", "qaadah", "qad", "kada", "qade")
_HIJJA = ("hijja", "hijjah", "hija", "hijah", "hij", "hijje", "hidja", "hidjdja")


def _romanised_hijri() -> dict[int, list[str]]:
    names: dict[int, list[str]] = {3: [], 4: [], 5: [], 6: [], 11: [], 12: []}
    for stem, first, second in ((_RABI, 3, 4), (_JUMADA, 5, 6)):
        for prefix in stem:
            for article in _ARTICLES:
                names[first] += [f"{prefix} {article} {word}" for word in _FIRST]
                names[second] += [f"{prefix} {article} {word}" for word in _SECOND]
    for prefix in _DHU:
        names[11] += [f"{prefix} {word}" for word in _QADA]
        names[12] += [f"{prefix} {word}" for word in _HIJJA]
    return names


JALALI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("فروردین", "farvardin", "farwardin"),
    2: ("اردیبهشت", "ordibehesht", "ordibahesht", "ardibehesht", "ordibehecht"),
    3: ("خرداد", "khordad", "khurdad", "xordad"),
    4: ("تیر", "tir"),
    5: ("مرداد", "امرداد", "mordad", "amordad", "murdad"),
    6: ("شهریور", "shahrivar", "shahrewar", "shahrivar"),
    7: ("مهر", "mehr", "mihr"),
    8: ("آبان", "aban", "abaan"),
    9: ("آذر", "azar", "adhar"),
    10: ("دی", "dey", "dei"),
    11: ("بهمن", "bahman"),
    12: ("اسفند", "esfand", "isfand", "esfandarmad"),
}

# The Gregorian and Julian calendars share month names.
EUROPEAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "январь", "января", "янв", "қаңтар", "ژانویه"),
    2: ("february", "feb", "февраль", "февраля", "фев", "февр", "ақпан", "فوریه"),
    3: ("march", "mar", "март", "марта", "мар", "наурыз", "مارس"),
    4: ("april", "apr", "апрель", "апреля", "апр", "сәуір", "آوریل"),
    5: ("may", "май", "мая", "мамыр", "مه", "می"),
    6: ("june", "jun", "июнь", "июня", "июн", "маусым", "ژوئن"),
    7: ("july", "jul", "июль", "июля", "июл", "шілде", "ژوئیه", "ژوییه", "جولای"),
    8: ("august", "aug", "август", "августа", "авг", "тамыз", "اوت", "آگوست"),
    9: ("september", "sep", "sept", "сентябрь", "сентября", "сен", "сент", "қыркүйек", "سپتامبر"),
    10: ("october", "oct", "октябрь", "октября", "окт", "қазан", "اکتبر", "اکتوبر"),
    11: ("november", "nov", "ноябрь", "ноября", "ноя", "нояб", "қараша", "نوامبر"),
    12: ("december", "dec", "декабрь", "декабря", "дек", "желтоқсан", "دسامبر"),
}

MARKERS: dict[str, tuple[str, ...]] = {
    "hijri": (
        "ق",
        "ه ق",
        "هـ ق",
        "ه.ق",
        "هـ.ق",
        "ه‍.ق",
        "قمری",
        "هجری قمری",
        "ه",
        "هـ",
        "هجریه",
        "هجریة قمریة",
        "الهجري",
        "الهجرية",
        "للهجرة",
        "الهجري القمري",
        "AH",
        "A.H.",
        "H.",
        "hijri",
        "hijra",
        "hegira",
        "lunar hijri",
        "г.х.",
        "г. х.",
        "х.",
        "хиджры",
        "по хиджре",
        "хижра",
        "хижра жылы",
    ),
    "jalali": (
        "ش",
        "ه ش",
        "ه.ش",
        "هـ.ش",
        "ه‍.ش",
        "شمسی",
        "هجری شمسی",
        "خورشیدی",
        "هجری خورشیدی",
        "الهجري الشمسي",
        "SH",
        "S.H.",
        "HS",
        "H.S.",
        "AP",
        "A.P.",
        "solar hijri",
        "shamsi",
        "solar",
        "г.с.х.",
    ),
    "european": (
        "م",
        "میلادی",
        "الميلادي",
        "الميلادية",
        "للميلاد",
        "AD",
        "A.D.",
        "CE",
        "C.E.",
        "г.",
        "гг.",
        "год",
        "года",
        "году",
        "годы",
        "ж.",
        "жж.",
        "жыл",
        "жылы",
    ),
    "julian": (
        "O.S.",
        "old style",
        "ст. ст.",
        "по ст. ст.",
        "старого стиля",
        "по старому стилю",
        "(Julian)",
        "julian",
        "julian calendar",
        "по юлианскому календарю",
        "Юлиан күнтізбесі бойынша",
        "ژولینی",
        "ژولیانی",
    ),
}

CENTURY_WORDS = (
    "century",
    "centuries",
    "cent",
    "век",
    "века",
    "веке",
    "в.",
    "вв.",
    "ғасыр",
    "ғасырдың",
    "ғасырда",
    "ғ.",
    "ғғ.",
)
PERSIAN_CENTURY_WORDS = ("قرن", "سده")
# Arabic القرن says nothing of the calendar: parse() wants الهجري or الميلادي with it.
ARABIC_CENTURY_WORDS = ("القرن",)

# Persian ordinal words, as in "قرن یازدهم" (the eleventh century).
PERSIAN_ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("اول", "یکم", "نخست"),
    2: ("دوم",),
    3: ("سوم",),
    4: ("چهارم",),
    5: ("پنجم",),
    6: ("ششم",),
    7: ("هفتم",),
    8: ("هشتم",),
    9: ("نهم",),
    10: ("دهم",),
    11: ("یازدهم",),
    12: ("دوازدهم",),
    13: ("سیزدهم",),
    14: ("چهاردهم",),
    15: ("پانزدهم",),
}

# Arabic ordinal words, as in "القرن الثاني عشر الهجري" (the twelfth century AH) and
# "القرن الثامن عشر الميلادي" (the eighteenth century AD).
ARABIC_ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("الأول",),
    2: ("الثاني",),
    3: ("الثالث",),
    4: ("الرابع",),
    5: ("الخامس",),
    6: ("السادس",),
    7: ("السابع",),
    8: ("الثامن",),
    9: ("التاسع",),
    10: ("العاشر",),
    11: ("الحادي عشر",),
    12: ("الثاني عشر",),
    13: ("الثالث عشر",),
    14: ("الرابع عشر",),
    15: ("الخامس عشر",),
    16: ("السادس عشر",),
    17: ("السابع عشر",),
    18: ("الثامن عشر",),
    19: ("التاسع عشر",),
    20: ("العشرون", "العشرين"),
    21: ("الحادي والعشرون", "الحادي والعشرين", "الحادي و العشرين", "الحادي و العشرون"),
}

# Parts of a century (spans.py turns them into years) or of a month (parsing.py: days).
PARTS: dict[str, tuple[str, ...]] = {
    "early": (
        "early",
        "beginning of",
        "beginning",
        "начало",
        "начала",
        "اوایل",
        "اوائل",
        "آغاز",
        "басы",
    ),
    "mid": ("mid", "middle", "middle of", "середина", "середины", "اواسط", "میانه", "ортасы"),
    "late": ("late", "end of", "end", "конец", "конца", "اواخر", "پایان", "соңы"),
    "first half": (
        "first half",
        "first half of",
        "первая половина",
        "первой половины",
        "نیمه اول",
        "نیمه نخست",
        "бірінші жартысы",
    ),
    "second half": (
        "second half",
        "second half of",
        "вторая половина",
        "второй половины",
        "نیمه دوم",
        "екінші жартысы",
    ),
}

# The ten-day parts of a month, "the first/middle/last ten days of": only with a month.
MONTH_PARTS: dict[str, tuple[str, ...]] = {
    "early": (
        "العشر الاول",
        "العشر الاول من",
        "العشر الأوائل",
        "العشر الأوائل من",
    ),
    "mid": ("العشر الاوسط", "العشر الاوسط من", "العشر الوسطى", "العشر الوسطى من"),
    "late": (
        "العشر الاخیر",
        "العشر الاخیر من",
        "العشر الآخر",
        "العشر الآخر من",
        "العشر الاواخر",
        "العشر الاواخر من",
    ),
}

APPROXIMATE = (
    "ca.",
    "circa",
    "approx.",
    "approximately",
    "about",
    "around",
    "около",
    "ок.",
    "примерно",
    "приблизительно",
    "حدود",
    "در حدود",
    "حدوداً",
    "حدودا",
    "шамамен",
    "шамасында",
)
# Russian "1850-е", "1850-х" are rewritten to "1850s" by parsing.py, since "х." alone is a marker.
DECADE_WORDS = ("s", "жылдар", "жылдары", "жылдардың", "دهه")
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
FILLERS = ("ماه", "شهر", "فی", "في", "در", "year", "the", "of", "in")
# The colophon's word for "year" before (Chagatai: after) a year with no calendar marker:
# colophons date by the Hijra, so it implies the lunar Hijri calendar.
YEAR_WORDS = ("سنه", "سنة", "سال", "ییل")
# Epithets that follow a month name in colophons ("رجب المرجب", "ذی القعده الحرام"):
# parse() skips them. المحرم alone is also the month al-Muharram.
EPITHETS = (
    "الحرام",
    "المرجب",
    "الاصب",
    "المعظم",
    "المبارک",
    "المکرم",
    "الفرد",
    "المظفر",
)
EPITHET_OR_MONTH = {"المحرم": 1}
RANGE_WORDS = ("to", "تا")
# Colophons name the first, the middle and the last day of a month: غرّة (ghurra),
# منتصف or Persian نیمه (the 15th), and سلخ (salkh).
DAY_WORDS: dict[int, tuple[str, ...]] = {
    1: ("غره", "غرة", "ghurra"),
    15: ("منتصف", "نیمه"),
    -1: ("سلخ", "salkh"),
}

# Words that look like a marker but do not say which calendar: parse() names them.
AMBIGUOUS = {
    compact("هجری"): "“هجری” alone does not say lunar or solar: write ق (قمری) or ش (شمسی)",
    compact("BC"): "dates before AD 1 are not supported",
    compact("BCE"): "dates before AD 1 are not supported",
    compact("ق م"): "dates before AD 1 are not supported",
}


def _add(lookup: dict[str, Word], names: Iterable[str], word: Word) -> None:
    for name in names:
        key = compact(name)
        if lookup.get(key, word) != word:
            raise ValueError(f"vocabulary: {name!r} has two meanings")
        lookup[key] = word


def _months(lookup: dict[str, Word]) -> None:
    romanised = _romanised_hijri()
    for number, names in HIJRI_MONTHS.items():
        _add(lookup, [*names, *romanised.get(number, [])], Word("month", "hijri", number))
    for calendar, table in (("jalali", JALALI_MONTHS), ("european", EUROPEAN_MONTHS)):
        for number, names in table.items():
            _add(lookup, names, Word("month", calendar, number))


def _build() -> dict[str, Word]:
    lookup: dict[str, Word] = {}
    _months(lookup)
    for calendar, names in MARKERS.items():
        _add(lookup, names, Word("marker", calendar))
    _add(lookup, CENTURY_WORDS, Word("century"))
    _add(lookup, PERSIAN_CENTURY_WORDS, Word("century", is_persian=True))
    _add(lookup, ARABIC_CENTURY_WORDS, Word("century", needs_marker=True))
    for number, names in PERSIAN_ORDINALS.items():
        _add(lookup, names, Word("ordinal", value=number, is_persian=True))
    for number, names in ARABIC_ORDINALS.items():
        _add(lookup, names, Word("ordinal", value=number))
    for part, names in PARTS.items():
        _add(lookup, names, Word("part", part=part))
    for part, names in MONTH_PARTS.items():
        _add(lookup, names, Word("month_part", part=part))
    for number, names in DAY_WORDS.items():
        _add(lookup, names, Word("day", value=number))
    _add(lookup, APPROXIMATE, Word("approximate"))
    _add(lookup, DECADE_WORDS, Word("decade"))
    _add(lookup, ORDINAL_SUFFIXES, Word("ordinal_suffix"))
    _add(lookup, FILLERS, Word("filler"))
    _add(lookup, YEAR_WORDS, Word("year_word", calendar="hijri"))
    _add(lookup, EPITHETS, Word("epithet"))
    for name, month in EPITHET_OR_MONTH.items():
        _add(lookup, [name], Word("epithet", value=month))
    _add(lookup, RANGE_WORDS, Word("range"))
    _add(lookup, ["c."], Word("c"))
    return lookup


LOOKUP = _build()
# The longest entry, in words: parse() tries windows of up to this many words.
LONGEST = 4

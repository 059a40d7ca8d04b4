"""Numbers written in words, as colophons give their years: Arabic, Persian and Chagatai.

Pure: no Django. read_number_words() turns "احدی و ستین و ثمانمائه" into 861,
"هزار و دویست و شصت و هفت" into 1267 and "مینگ ایکی یوز یتمیش بیش" into 1275;
number_word_count() tells parse() how many words of a date make one number. Words are
compared folded (folding.py), so ي/ی/ى, ة/ه and the hamza forms (أ, إ, ئ, ؤ) are one.

A number is a list of parts (units, a teen, tens, hundreds, thousands) joined by و,
written as a separate word or prefixed ("وتسعين"). Arabic writes the units before the
tens and puts the hundreds and thousands on either side; Persian and Chagatai write the
largest first. So the parts may come in any order, but each of units, tens, hundreds and
thousands at most once: the value is then their sum, whatever the order, and nothing is
guessed. A unit directly before a word for hundred or thousand multiplies it ("ثلث مائه",
"ایکی یوز", "دو هزار"); an Arabic unit directly before عشر makes a teen ("اثنی عشر").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from nuskha.calendars.folding import fold


class NumberWordsError(ValueError):
    """Number words that do not make one number. The message quotes them and says why."""


@dataclass(frozen=True)
class NumberWord:
    value: int
    rank: str  # unit, teen, ten, hundred or thousand
    language: str  # arabic, persian or chagatai


ARABIC_UNITS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "احد", "احدی", "احدى", "إحدى", "احدي"),
    2: ("اثنین", "اثنتین", "اثنی", "اثنتی", "اثنان", "اثنتان"),
    3: ("ثلث", "ثلاث", "ثلثه", "ثلاثه", "ثلاثة"),
    4: ("اربع", "اربعه", "أربع", "أربعة"),
    5: ("خمس", "خمسه", "خمسة"),
    6: ("ست", "سته", "ستة"),
    7: ("سبع", "سبعه", "سبعة"),
    8: ("ثمان", "ثمانی", "ثمانیه", "ثمانية"),
    9: ("تسع", "تسعه", "تسعة"),
}
ARABIC_TENS: dict[int, tuple[str, ...]] = {
    10: ("عشر", "عشره", "عشرة"),
    20: ("عشرین", "عشرون"),
    30: ("ثلثین", "ثلاثین", "ثلثون", "ثلاثون"),
    40: ("اربعین", "اربعون"),
    50: ("خمسین", "خمسون"),
    60: ("ستین", "ستون"),
    70: ("سبعین", "سبعون"),
    80: ("ثمانین", "ثمانون"),
    90: ("تسعین", "تسعون"),
}
# مائة is spelt مائه, مائة, مأة, ماة, ماه or مئة; "ماه" is also Persian for "month", so
# number_word_count() reads it as a hundred only inside a number (AMBIGUOUS_HUNDRED).
HUNDRED_SPELLINGS = ("مائه", "مائة", "مأة", "ماة", "ماه", "مئة", "مئه")
_HUNDRED_STEMS: dict[int, tuple[str, ...]] = {
    3: ("ثلث", "ثلاث"),
    4: ("اربع",),
    5: ("خمس",),
    6: ("ست",),
    7: ("سبع",),
    8: ("ثمان", "ثمانی"),
    9: ("تسع",),
}
ARABIC_THOUSANDS: dict[int, tuple[str, ...]] = {
    1000: ("الف", "ألف"),
    2000: ("الفین", "ألفين", "الفان", "ألفان"),
}

PERSIAN: dict[int, tuple[str, ...]] = {
    1: ("یک",),
    2: ("دو",),
    3: ("سه",),
    4: ("چهار",),
    5: ("پنج",),
    6: ("شش",),
    7: ("هفت",),
    8: ("هشت",),
    9: ("نه",),
    10: ("ده",),
    11: ("یازده",),
    12: ("دوازده",),
    13: ("سیزده",),
    14: ("چهارده",),
    15: ("پانزده", "پونزده"),
    16: ("شانزده",),
    17: ("هفده", "هفتده"),
    18: ("هجده", "هیجده", "هژده"),
    19: ("نوزده",),
    20: ("بیست",),
    30: ("سی",),
    40: ("چهل",),
    50: ("پنجاه",),
    60: ("شصت",),
    70: ("هفتاد",),
    80: ("هشتاد",),
    90: ("نود",),
    100: ("صد", "یکصد"),
    200: ("دویست",),
    300: ("سیصد",),
    400: ("چهارصد",),
    500: ("پانصد",),
    600: ("ششصد",),
    700: ("هفتصد",),
    800: ("هشتصد",),
    900: ("نهصد",),
    1000: ("هزار",),
}

CHAGATAI: dict[int, tuple[str, ...]] = {
    1: ("بیر",),
    2: ("ایکی",),
    3: ("اوچ",),
    4: ("تورت", "دورت"),
    5: ("بیش", "بش"),
    6: ("آلتی", "التی"),
    7: ("یتی", "یدی"),
    8: ("سکیز", "سگیز"),
    9: ("توقوز", "طقوز"),
    10: ("اون",),
    20: ("ییگیرمی", "ییگرمی", "یگرمی"),
    30: ("اوتوز",),
    40: ("قیرق", "قرق"),
    50: ("اللیک", "ایللیک"),
    60: ("آلتمیش", "التمیش"),
    70: ("یتمیش",),
    80: ("سکسان", "سکسن"),
    90: ("توقسان", "طقسان"),
    100: ("یوز",),
    1000: ("مینگ", "مینک"),
}

AND = "و"
AMBIGUOUS_HUNDRED = fold("ماه")
# The parts of a number each rank fills: a teen fills both units and tens.
_FILLS = {
    "unit": {"unit"},
    "teen": {"unit", "ten"},
    "ten": {"ten"},
    "hundred": {"hundred"},
    "thousand": {"thousand"},
}


def _rank(value: int) -> str:
    if value < 10:
        return "unit"
    if value < 20 and value != 10:
        return "teen"
    if value < 100:
        return "ten"
    return "hundred" if value < 1000 else "thousand"


def _add(table: dict[str, NumberWord], names: Iterable[str], word: NumberWord) -> None:
    for name in names:
        key = fold(name)
        if table.get(key, word) != word:
            raise ValueError(f"number words: {name!r} has two meanings")
        table[key] = word


def _build() -> dict[str, NumberWord]:
    table: dict[str, NumberWord] = {}
    arabic = {**ARABIC_UNITS, **ARABIC_TENS, **ARABIC_THOUSANDS}
    arabic[100] = HUNDRED_SPELLINGS
    arabic[200] = ("مائتین", "مائتان", "مأتین", "ماتین", "مئتین", "مئتان")
    for unit, stems in _HUNDRED_STEMS.items():
        # Written as one word ("ثلثمائه"); as two ("ثلث مائه") a unit multiplies مائه.
        arabic[unit * 100] = tuple(
            stem + hundred for stem in stems for hundred in HUNDRED_SPELLINGS
        )
    for language, words in (("arabic", arabic), ("persian", PERSIAN), ("chagatai", CHAGATAI)):
        for value, names in words.items():
            _add(table, names, NumberWord(value, _rank(value), language))
    return table


NUMBER_WORDS = _build()
_MULTIPLIERS = (100, 1000)
_TEN = NUMBER_WORDS[fold("عشر")]


def _pieces(word: str) -> list[str]:
    """A folded word as number pieces: "وتسعین" is "و" and "تسعین"."""
    if word in NUMBER_WORDS or word == AND:
        return [word]
    if word.startswith(AND) and word[1:] in NUMBER_WORDS:
        return [AND, word[1:]]
    return [word]


def _may_follow(previous: str, piece: str) -> bool:
    if piece == AND:
        return previous not in ("", AND)
    if piece == AMBIGUOUS_HUNDRED:
        # "ثلث ماه" and "الف و ماه" hold a hundred; "ماه رمضان" is "the month of Ramadan".
        before = NUMBER_WORDS.get(previous)
        is_arabic_unit = (
            before is not None and before.rank == "unit" and before.language == "arabic"
        )
        return previous == AND or is_arabic_unit
    return piece in NUMBER_WORDS


def _continue(previous: str, word: str) -> str:
    """The last piece of `word` if it continues a number ending in `previous`, else ""."""
    last = previous
    for piece in _pieces(word):
        if not _may_follow(last, piece):
            return ""
        last = piece
    return last


def number_word_count(words: Sequence[str]) -> int:
    """How many of the folded `words`, from the first, make one number (0 if none)."""
    taken, previous = 0, ""
    for word in words:
        previous = _continue(previous, word)
        if not previous:
            break
        taken += 1
    # A trailing "و" joins the number to nothing: it is not part of it.
    while taken and _pieces(words[taken - 1]) == [AND]:
        taken -= 1
    return taken


@dataclass(frozen=True)
class _Part:
    value: int
    rank: str
    words: str


def _parts(pieces: list[str]) -> list[_Part]:
    """The parts of a number, multiplications ("ثلث مائه") and teens ("اثنی عشر") joined."""
    parts: list[_Part] = []
    index = 0
    while index < len(pieces):
        word = NUMBER_WORDS[pieces[index]]
        following = NUMBER_WORDS.get(pieces[index + 1]) if index + 1 < len(pieces) else None
        pair = " ".join(pieces[index : index + 2])
        if word.rank == "unit" and following and following.value in _MULTIPLIERS:
            parts.append(_Part(word.value * following.value, following.rank, pair))
            index += 2
        elif word.rank == "unit" and word.language == "arabic" and following == _TEN:
            parts.append(_Part(word.value + 10, "teen", pair))
            index += 2
        else:
            parts.append(_Part(word.value, word.rank, pieces[index]))
            index += 1
    return parts


def _check_pieces(pieces: list[str], text: str) -> None:
    if not pieces:
        raise NumberWordsError(f"“{text}” has no number words")
    unknown = [piece for piece in pieces if piece != AND and piece not in NUMBER_WORDS]
    if unknown:
        raise NumberWordsError(f"“{text}”: “{unknown[0]}” is not a number word nuskha knows")
    is_doubled = any(pair == (AND, AND) for pair in pairwise(pieces))
    if pieces[0] == AND or pieces[-1] == AND or is_doubled:
        raise NumberWordsError(f"“{text}”: و stands between two number words")


def read_number_words(text: str) -> int:
    """The number that Arabic, Persian or Chagatai number words write.

    Raises NumberWordsError, quoting the text, for a word that is not a number word or for
    parts that repeat a rank ("ثلث و اربع": two units).
    """
    pieces = [piece for word in fold(text).split() for piece in _pieces(word)]
    _check_pieces(pieces, text)
    parts = _parts([piece for piece in pieces if piece != AND])
    filled: set[str] = set()
    for part in parts:
        if filled & _FILLS[part.rank]:
            raise NumberWordsError(
                f"“{text}”: “{part.words}” repeats a part already given; a number in words "
                "has at most one each of units, tens, hundreds and thousands"
            )
        filled |= _FILLS[part.rank]
    return sum(part.value for part in parts)

"""parse(): dates as catalogues and colophons write them, read into a DateSpan.

Pure: no Django. The text is folded (folding.py), cut into tokens (numbers, words,
dashes, brackets, question marks), and the words are looked up in the vocabulary
(vocabulary.py), longest phrase first, so "ربیع الاول" is one month and "هجری قمری"
one marker; a run of number words ("ثلث و تسعین و ثمانمائه") is one number
(number_words.py). What remains is read by a small grammar: a day, a month (or a part
of one), a year, a decade, a century (or a part of one), a numeric date, or a range of
two of these. Anything else raises DateParseError, which quotes the text and says what
was expected: parse() never guesses. docs/reference/calendars.md lists every form with
an example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from nuskha.calendars.conversion import CalendarError
from nuskha.calendars.folding import fold
from nuskha.calendars.number_words import NumberWordsError, number_word_count, read_number_words
from nuskha.calendars.spans import (
    DateSpan,
    Fields,
    century_years,
    make_span,
    month_bounds,
    month_length,
    year_bounds,
)
from nuskha.calendars.vocabulary import AMBIGUOUS, LONGEST, LOOKUP, Word

EXAMPLES = "“26 Khordad 1391”, “رمضان ۱۰۱۰ ق”, “1010 AH”, “late 10th century AH” or “1600–1650”"

# Approximate years ("ca. 1600") are read as ten years either side.
APPROXIMATE_YEARS = 10
# A year word (سنه, سال) dates by the Hijra, but AH 1501 begins in AD 2077: a later year
# after one is a European year written without its marker ("سنة ١٥٩٣" of a book printed
# in Rome), and parse() refuses it rather than guess.
LATEST_HIJRI_YEAR_BY_WORD = 1500
# The days of the parts of a month; 0 is the month's last day.
MONTH_PART_DAYS = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 0),
    "first half": (1, 15),
    "second half": (16, 0),
}

_TOKEN = re.compile(
    r"(?P<numeric_date>\d+(?P<separator>[/.\-])\d{1,2}(?P=separator)\d+)"
    r"|(?P<number>\d+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<dash>-)"
    r"|(?P<question>\?)"
    r"|(?P<tilde>~)"
    r"|(?P<bracket>[\[\]])"
    r"|(?P<space>[\s,()]+)"
    r"|(?P<other>.)"
)
_KINDS = ("numeric_date", "number", "word", "dash", "question", "tilde", "bracket", "space")
# Russian decades, "1850-е" and "1850-х (годов)", read as "1850s". Rewritten before the
# words are looked up because "х." alone is the Hijri marker.
_RUSSIAN_DECADE = re.compile(r"(\d)\s*-\s*(?:е|х|ые|ых)(?![^\W\d_])")
# Roman numerals of centuries, I–XXIX; Cyrillic х and Kazakh і are often typed for x and i.
_ROMAN = re.compile(r"(x{0,2})(ix|iv|v?i{0,3})")
_ROMAN_LOOKALIKES = str.maketrans("хі", "xi")
_ROMAN_VALUES = {
    "": 0,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
}


class DateParseError(ValueError):
    """Text that parse() cannot read as a date. The message quotes the text and says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read “{text}” as a date: {reason}")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Symbol:
    """A token with its meaning: a number, a numeric date, or a Word of the vocabulary."""

    kind: str
    text: str
    value: int = 0
    calendar: str = ""
    part: str = ""
    is_persian: bool = False
    needs_marker: bool = False


@dataclass(frozen=True)
class Reading:
    """One side of a range, read but not yet placed in a calendar.

    kind is complete (day, month, number: a year, decade, century, numeric) or, for the left side
    of a range that borrows from the right (26–28 Khordad 1391, Rajab–Ramadan 1010,
    XVI–XVII вв.), partial: number, day_month, month_only, century_number. part is a part
    of the century, or of the month when there is one. year_word is the colophon's word
    for "year" (سنه, سال), if the text has one.
    """

    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    century: int = 0
    part: str = ""
    digits: int = 0
    markers: frozenset[str] = frozenset()
    month_calendar: str = ""
    is_persian: bool = False
    numeric: tuple[str, str, str, str] = ("", "", "", "")
    year_word: str = ""


# Tokens and symbols ---------------------------------------------------------------------


def tokenize(folded: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(folded):
        kind = next((k for k in _KINDS if match.group(k) is not None), "other")
        if kind != "space":
            tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


def _is_tight(tokens: list[Token], index: int) -> bool:
    """Whether the dash at `index` joins two words with no space (al-awwal, Dhu'l-Hijja)."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index - 1].kind == "word"
        and tokens[index + 1].kind == "word"
        and tokens[index - 1].end == tokens[index].start
        and tokens[index].end == tokens[index + 1].start
    )


def _phrase(tokens: list[Token], start: int) -> list[tuple[str, int]]:
    """The words from `start` that may form one phrase, each with the index after it."""
    words: list[tuple[str, int]] = []
    index = start
    while index < len(tokens) and len(words) < LONGEST:
        token = tokens[index]
        if token.kind == "word":
            words.append((token.text, index + 1))
        elif not (token.kind == "dash" and _is_tight(tokens, index)):
            break
        index += 1
    return words


def _roman(text: str) -> int:
    """The value of a Roman numeral I–XXIX, or 0."""
    match = _ROMAN.fullmatch(text.translate(_ROMAN_LOOKALIKES))
    if not text or match is None:
        return 0
    return 10 * len(match.group(1)) + _ROMAN_VALUES[match.group(2)]


def _is_roman_here(tokens: list[Token], index: int) -> bool:
    # A lone x, v, i or Cyrillic х is a numeral only before a century word or a dash:
    # "X в.", "V–VI вв."; otherwise "х." is the Hijri marker.
    if _roman(tokens[index].text) == 0:
        return False
    if len(tokens[index].text) > 1 or index + 1 >= len(tokens):
        return len(tokens[index].text) > 1
    following = tokens[index + 1]
    word = LOOKUP.get(following.text)
    return following.kind == "dash" or (word is not None and word.kind == "century")


def _symbol(word: Word, text: str) -> Symbol:
    return Symbol(
        word.kind, text, word.value, word.calendar, word.part, word.is_persian, word.needs_marker
    )


def _number_in_words(tokens: list[Token], start: int, text: str) -> tuple[Symbol, int] | None:
    """The number that the words at `start` write ("احدی و ستین و ثمانمائه"), if they do."""
    words = []
    for token in tokens[start:]:
        if token.kind != "word":
            break
        words.append(token.text)
    count = number_word_count(words)
    if not count:
        return None
    phrase = " ".join(words[:count])
    try:
        value = read_number_words(phrase)
    except NumberWordsError as error:
        raise DateParseError(text, f"the number in words {error}") from None
    return Symbol("number", phrase, value), start + count


def _match_word(tokens: list[Token], start: int, text: str) -> tuple[Symbol, int]:
    """The meaning of the phrase at `start` (longest first) and the index after it."""
    words = _phrase(tokens, start)
    for length in range(len(words), 1, -1):
        key = "".join(word for word, _ in words[:length])
        if key in AMBIGUOUS:
            raise DateParseError(text, AMBIGUOUS[key])
        if key in LOOKUP:
            phrase = " ".join(word for word, _ in words[:length])
            return _symbol(LOOKUP[key], phrase), words[length - 1][1]
    number = _number_in_words(tokens, start, text)
    if number is not None:
        return number
    token = tokens[start]
    if _is_roman_here(tokens, start):
        return Symbol("roman", token.text, _roman(token.text)), start + 1
    if token.text in LOOKUP:
        return _symbol(LOOKUP[token.text], token.text), start + 1
    if token.text in AMBIGUOUS:
        raise DateParseError(text, AMBIGUOUS[token.text])
    raise DateParseError(
        text,
        f"“{token.text}” is not a month, calendar marker or other date word nuskha knows; "
        f"expected a date such as {EXAMPLES}",
    )


def _plain_symbol(token: Token, text: str) -> Symbol:
    if token.kind == "number":
        return Symbol("number", token.text, int(token.text))
    if token.kind == "dash":
        return Symbol("range", token.text)
    if token.kind == "tilde":
        return Symbol("approximate", token.text)
    if token.kind in ("numeric_date", "question", "bracket"):
        return Symbol(token.kind, token.text)
    raise DateParseError(text, f"unexpected “{token.text}”; expected a date such as {EXAMPLES}")


def symbols_of(text: str) -> list[Symbol]:
    """The text's symbols, fillers ("سنه", "year", "of") left out."""
    tokens = tokenize(_RUSSIAN_DECADE.sub(r"\1 s", fold(text)))
    symbols, index = [], 0
    while index < len(tokens):
        if tokens[index].kind == "word":
            symbol, index = _match_word(tokens, index, text)
        else:
            symbol, index = _plain_symbol(tokens[index], text), index + 1
        if symbol.kind != "filler":
            symbols.append(symbol)
    return _settle_c(_drop_dash_after_part(_drop_epithets(symbols, text)))


def _drop_epithets(symbols: list[Symbol], text: str) -> list[Symbol]:
    # "رجب المرجب", "ذی القعده الحرام": an epithet after a month name adds nothing to the
    # date. Alone, المحرم is the month al-Muharram; any other epithet needs its month.
    settled: list[Symbol] = []
    for symbol in symbols:
        if symbol.kind == "epithet":
            if settled and settled[-1].kind == "month":
                continue
            if not symbol.value:
                raise DateParseError(
                    text,
                    f"“{symbol.text}” is a month's epithet and follows the month's name, "
                    "as in “رجب المرجب”",
                )
            symbol = Symbol("month", symbol.text, symbol.value, "hijri")
        settled.append(symbol)
    return settled


def _settle_c(symbols: list[Symbol]) -> list[Symbol]:
    # "c." after a numeral is "century" (17th c.); anywhere else it is "circa" (c. 1600).
    settled = []
    for index, symbol in enumerate(symbols):
        if symbol.kind == "c":
            previous = symbols[index - 1].kind if index else ""
            is_century = previous in ("number", "ordinal_suffix", "roman", "ordinal")
            symbol = replace(symbol, kind="century" if is_century else "approximate")
        settled.append(symbol)
    return settled


def _drop_dash_after_part(symbols: list[Symbol]) -> list[Symbol]:
    # "mid-17th century": the hyphen joins the qualifier to the century, it is no range.
    return [
        symbol
        for index, symbol in enumerate(symbols)
        if not (symbol.kind == "range" and index and symbols[index - 1].kind == "part")
    ]


# Certainty and ranges ---------------------------------------------------------------------


def certainty_of(symbols: list[Symbol]) -> str:
    """The weakest claim the text makes: "1600?" is uncertain even in brackets."""
    kinds = {symbol.kind for symbol in symbols}
    if "question" in kinds:
        return "uncertain"
    if "approximate" in kinds:
        return "approximate"
    if "bracket" in kinds:
        return "inferred"
    return "exact"


def _split_range(symbols: list[Symbol], text: str) -> list[list[Symbol]]:
    positions = [index for index, symbol in enumerate(symbols) if symbol.kind == "range"]
    if not positions:
        return [symbols]
    if len(positions) > 1:
        raise DateParseError(text, "a range has one dash, between its first and last date")
    left, right = symbols[: positions[0]], symbols[positions[0] + 1 :]
    if not left or not right:
        raise DateParseError(text, "a range needs a date on each side of the dash")
    return [left, right]


# Reading one side -----------------------------------------------------------------------


def _take(symbols: list[Symbol], kind: str) -> tuple[list[Symbol], list[Symbol]]:
    """The symbols of one kind, and the others."""
    return [s for s in symbols if s.kind == kind], [s for s in symbols if s.kind != kind]


def read_side(symbols: list[Symbol], text: str) -> Reading:
    markers, rest = _take(symbols, "marker")
    parts, rest = _take(rest, "part")
    month_parts, rest = _take(rest, "month_part")
    year_words, rest = _take(rest, "year_word")
    if len(parts) + len(month_parts) > 1:
        raise DateParseError(text, "write one of early, mid, late, first half, second half")
    base = Reading(
        kind="",
        markers=frozenset(marker.calendar for marker in markers),
        part=(parts + month_parts)[0].part if parts or month_parts else "",
        year_word=year_words[0].text if year_words else "",
    )
    has_month = any(symbol.kind == "month" for symbol in rest)
    if month_parts and not has_month:
        raise DateParseError(
            text,
            f"“{month_parts[0].text}” is a part of a month and needs one, "
            "as in “العشر الاول من رجب سنه ۱۰۱۰”",
        )
    if base.year_word and any(symbol.kind in ("century", "decade") for symbol in rest):
        raise DateParseError(
            text, f"“{base.year_word}” (year) comes with a year, not a century or a decade"
        )
    centuries, rest = _take(rest, "century")
    if centuries:
        return _read_century(rest, _century_base(centuries[0], base, text), text)
    if base.part and not has_month:
        return _read_century_number(rest, base, text)
    decades, rest = _take(rest, "decade")
    if decades:
        return _read_decade(rest, base, text)
    return _read_date(rest, base, text)


def _century_base(word: Symbol, base: Reading, text: str) -> Reading:
    if word.needs_marker and not base.markers:
        raise DateParseError(
            text,
            f"“{word.text}” does not say which calendar: add الهجري or الميلادي, "
            "as in “القرن الثاني عشر الهجري”",
        )
    return replace(base, is_persian=word.is_persian)


def _read_century_number(symbols: list[Symbol], base: Reading, text: str) -> Reading:
    """A century number without its word: "XVI" on the left of "XVI–XVII вв."."""
    kinds = [symbol.kind for symbol in symbols if symbol.kind != "ordinal_suffix"]
    if kinds in (["roman"], ["ordinal"], ["number"]):
        return replace(
            base,
            kind="century_number",
            century=symbols[0].value,
            is_persian=symbols[0].is_persian,
        )
    raise DateParseError(
        text, "a century is written as in “late 10th century AH”, “XVII в.” or “قرن یازدهم”"
    )


def _read_century(symbols: list[Symbol], base: Reading, text: str) -> Reading:
    reading = _read_century_number(symbols, base, text)
    if not 1 <= reading.century <= 30:
        raise DateParseError(text, f"{reading.century} is not a century nuskha supports (1–30)")
    return replace(reading, kind="century", is_persian=base.is_persian or reading.is_persian)


def _read_decade(symbols: list[Symbol], base: Reading, text: str) -> Reading:
    if [symbol.kind for symbol in symbols] != ["number"] or symbols[0].value % 10:
        raise DateParseError(text, "a decade is written as a year ending in 0, as in “1850s”")
    return replace(base, kind="decade", year=symbols[0].value)


def _read_date(symbols: list[Symbol], base: Reading, text: str) -> Reading:
    symbols = [symbol for symbol in symbols if symbol.kind != "ordinal_suffix"]
    kinds = tuple(symbol.kind for symbol in symbols)
    months = [symbol for symbol in symbols if symbol.kind == "month"]
    if months:
        base = replace(base, month=months[0].value, month_calendar=months[0].calendar)
    values = [symbol.value for symbol in symbols if symbol.kind in ("number", "day")]
    reader = _DATE_FORMS.get(kinds)
    if reader is None:
        raise DateParseError(
            text, f"the words do not make a date; expected a date such as {EXAMPLES}"
        )
    reading = reader(base, values, symbols)
    if reading.part and reading.kind not in ("month", "month_only"):
        raise DateParseError(
            text, "early, mid and late (اوایل, اواسط, اواخر) are parts of a month or a century"
        )
    if reading.year_word and reading.kind == "numeric":
        raise DateParseError(
            text, f"“{reading.year_word}” (year) comes with a year, not a numeric date"
        )
    return reading


def _numeric(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    text = symbols[0].text
    separator = next(character for character in text if not character.isdigit())
    first, middle, last = text.split(separator)
    return replace(base, kind="numeric", numeric=(first, separator, middle, last))


def _number(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    # A year in words has no digits to abbreviate the second year of a range ("1600–50").
    text = symbols[0].text
    return replace(base, kind="number", year=values[0], digits=len(text) * text.isdigit())


def _century_number(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    return replace(base, kind="century_number", century=symbols[0].value)


def _month_only(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    return replace(base, kind="month_only")


def _month_year(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    return replace(base, kind="month", year=values[0])


def _number_month(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    # "26 Khordad" on the left of a range, or the Kazakh "1601 ж. тамыз" (year first).
    if values[0] > 31:
        return replace(base, kind="month", year=values[0])
    return replace(base, kind="day_month", day=values[0])


def _day_month_year(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    return replace(base, kind="day", day=values[0], year=values[1])


def _month_day_year(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    return replace(base, kind="day", day=values[0], year=values[1])


def _year_day_month(base: Reading, values: list[int], symbols: list[Symbol]) -> Reading:
    # Kazakh writes the year first: "1601 ж. 30 тамыз".
    return replace(base, kind="day", year=values[0], day=values[1])


_DATE_FORMS = {
    ("numeric_date",): _numeric,
    ("number",): _number,
    ("roman",): _century_number,
    ("ordinal",): _century_number,
    ("month",): _month_only,
    ("month", "number"): _month_year,
    ("number", "month"): _number_month,
    ("day", "month"): _number_month,
    ("number", "month", "number"): _day_month_year,
    ("day", "month", "number"): _day_month_year,
    ("month", "number", "number"): _month_day_year,
    ("number", "number", "month"): _year_day_month,
}


# Ranges: the left side borrows what it leaves out from the right -----------------------


def complete(left: Reading, right: Reading, text: str) -> tuple[Reading, Reading]:
    left, right = _share_markers(left, right)
    is_shortened = 0 < right.digits < left.digits
    if right.kind == "number" and left.kind == "number" and is_shortened:
        # "1600–50": the second year keeps the first one's leading digits.
        prefix = str(left.year)[: left.digits - right.digits]
        right = replace(right, year=int(f"{prefix}{right.year:0{right.digits}d}"))
    if left.kind == "number" and right.kind == "day" and left.year <= 31:
        left = replace(right, day=left.year, markers=left.markers)
    elif left.kind in ("number", "century_number") and right.kind == "century":
        century = left.century or left.year
        left = replace(right, century=century, part=left.part, markers=left.markers)
    elif left.kind == "month_only" and right.kind in ("month", "day"):
        left = replace(left, kind="month", year=right.year)
    elif left.kind == "day_month" and right.kind in ("month", "day"):
        left = replace(left, kind="day", year=right.year)
    if left.kind in _PARTIAL or right.kind in _PARTIAL:
        raise DateParseError(text, "the two sides of the range are not dates of the same kind")
    return left, right


_PARTIAL = {"day_month", "month_only", "century_number"}
_INCOMPLETE = {
    "day_month": "it has no year; write it as in “26 Khordad 1391”",
    "month_only": "it has no year; write it as in “Ramadan 1010” or “رمضان ۱۰۱۰ ق”",
    "century_number": "a numeral needs a century word: “XVII в.”, “17th century”, “قرن یازدهم”",
}


def _share_markers(left: Reading, right: Reading) -> tuple[Reading, Reading]:
    # "900–1000 AH": a marker written once applies to both sides.
    if not left.markers:
        left = replace(left, markers=right.markers)
    if not right.markers:
        right = replace(right, markers=left.markers)
    # "سنه ۱۲۶۵–۱۲۶۷": so does a year word.
    left = replace(left, year_word=left.year_word or right.year_word)
    right = replace(right, year_word=right.year_word or left.year_word)
    if not left.month_calendar and right.month_calendar and left.kind in ("number", "month_only"):
        left = replace(left, month_calendar=right.month_calendar)
    return left, right


# Calendars and spans ------------------------------------------------------------------


def calendar_of_reading(reading: Reading, text: str) -> str:
    """The calendar a reading is in: its markers, its month name, or the conventions."""
    markers = set(reading.markers)
    if {"european", "julian"} <= markers:
        markers.discard("european")  # "1700 г. (по ст. ст.)"
    if len(markers) > 1:
        raise DateParseError(
            text, f"the calendar markers contradict each other ({_names(markers)})"
        )
    marker = next(iter(markers), "")
    month = reading.month_calendar
    if month and marker and not (month == marker or (month, marker) == ("european", "julian")):
        raise DateParseError(
            text, f"a {_name(month)} month name cannot be dated in the {_name(marker)} calendar"
        )
    if marker:
        return marker
    if month:
        return month
    if reading.year_word:
        return _year_word_calendar(reading, text)
    # Persian catalogues of manuscripts name lunar Hijri centuries: "قرن یازدهم".
    return "hijri" if reading.is_persian else "european"


def _year_word_calendar(reading: Reading, text: str) -> str:
    # Colophons date by the Hijra: "سنه ۱۲۶۷" is AH 1267 (vocabulary.YEAR_WORDS).
    if reading.year > LATEST_HIJRI_YEAR_BY_WORD:
        raise DateParseError(
            text,
            f"after “{reading.year_word}” (year) {reading.year} would be AH {reading.year}, "
            "later than any colophon; add the calendar it is in, as in "
            f"“{reading.year_word} {reading.year} م” or “{reading.year} AD”",
        )
    return "hijri"


def _name(calendar: str) -> str:
    return "Gregorian" if calendar == "european" else calendar


def _names(calendars: set[str]) -> str:
    return ", ".join(sorted(_name(calendar) for calendar in calendars))


def numeric_fields(reading: Reading, calendar: str, text: str) -> tuple[int, int, int, str]:
    """(year, month, day, calendar) of a numeric date such as 1391/3/26 or 15.06.2012."""
    first, separator, middle, last = reading.numeric
    if len(first) >= 3:
        year, month, day = int(first), int(middle), int(last)
        return year, month, day, calendar if reading.markers else _unmarked_ymd(year, text)
    if len(last) >= 3:
        if separator == "/" and calendar in ("european", "julian"):
            raise DateParseError(
                text, "day/month/year and month/day/year look alike: write 15.06.2012 or 2012-06-15"
            )
        return int(last), int(middle), int(first), calendar
    raise DateParseError(text, "a numeric date needs a year of three or four digits")


def _unmarked_ymd(year: int, text: str) -> str:
    # Iranian records write Solar Hijri dates year first (1391/3/26); ISO 8601 dates
    # (2012-06-15) are proleptic Gregorian by definition.
    if 1200 <= year <= 1499:
        return "jalali"
    if year >= 1500:
        return "gregorian"
    raise DateParseError(
        text, "a year/month/day date before 1200 needs a calendar marker (ق, ش, AH, AD…)"
    )


def bounds_of(reading: Reading, calendar: str, text: str) -> tuple[Fields, Fields]:
    """The first and last day of a complete reading, as (year, month, day) in `calendar`."""
    if reading.kind == "numeric":
        day = numeric_fields(reading, calendar, text)[:3]
        return day, day
    if reading.kind == "day":
        length = month_length(reading.year, reading.month, calendar)
        day = (reading.year, reading.month, reading.day if reading.day > 0 else length)
        return day, day
    if reading.kind == "month":
        return _month_part_bounds(reading, calendar)
    if reading.kind == "number":
        return year_bounds(reading.year, reading.year, calendar)
    if reading.kind == "decade":
        return year_bounds(reading.year, reading.year + 9, calendar)
    return year_bounds(*century_years(reading.century, reading.part), calendar)


def _month_part_bounds(reading: Reading, calendar: str) -> tuple[Fields, Fields]:
    """A month, or the days of a part of it: "اواسط جمادی الآخر" is its 11th to 20th."""
    first, last = month_bounds(reading.year, reading.month, calendar)
    if not reading.part:
        return first, last
    start, end = MONTH_PART_DAYS[reading.part]
    return (first[0], first[1], start), (last[0], last[1], end or last[2])


def approximate_bounds(reading: Reading, calendar: str) -> tuple[Fields, Fields]:
    first = max(1, reading.year - APPROXIMATE_YEARS)
    return year_bounds(first, reading.year + APPROXIMATE_YEARS, calendar)


def parse(text: str) -> DateSpan:
    """Read a date as catalogues write it. Raises DateParseError for anything else."""
    symbols = symbols_of(text)
    core = [s for s in symbols if s.kind not in ("question", "bracket", "approximate")]
    if not core:
        raise DateParseError(text, f"there is no date in it; expected a date such as {EXAMPLES}")
    certainty = certainty_of(symbols)
    readings = [read_side(side, text) for side in _split_range(core, text)]
    if len(readings) == 2:
        readings = list(complete(readings[0], readings[1], text))
    elif readings[0].kind in _PARTIAL:
        raise DateParseError(text, _INCOMPLETE[readings[0].kind])
    try:
        return _span(readings, certainty, text)
    except CalendarError as error:
        raise DateParseError(text, str(error)) from None


def _calendar(reading: Reading, text: str) -> str:
    calendar = calendar_of_reading(reading, text)
    if reading.kind == "numeric":
        return numeric_fields(reading, calendar, text)[3]
    return calendar


def _span(readings: list[Reading], certainty: str, text: str) -> DateSpan:
    calendars = [_calendar(reading, text) for reading in readings]
    if len(readings) == 1 and certainty == "approximate" and readings[0].kind == "number":
        first, last = approximate_bounds(readings[0], calendars[0])
    else:
        first = bounds_of(readings[0], calendars[0], text)[0]
        last = bounds_of(readings[-1], calendars[-1], text)[1]
    return make_span((first, calendars[0]), (last, calendars[-1]), text, certainty)

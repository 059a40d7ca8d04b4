"""The search key: fold() maps spellings a reader takes for the same word to one string.

Pure Python. Every rule, with an example and its reason, and the rules deliberately not
applied, is in docs/reference/text.md; the tables below follow that page's order.

fold() is on every hot path (indexing, querying), so it is built from C-speed steps
only: a quick NFKC check, one str.translate with a precomputed table, str.casefold, and,
for Arabic-script Kazakh alone, one regex pass.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic-script Kazakh has letters of its own (Persian and Arabic have none of them).
# NFKC splits the hamza letters ٵ ٶ ٷ ٸ into a base letter and ٴ (U+0674), so the
# decomposed high hamza is looked for too.
_KAZAKH_ARABIC = re.compile("[\u06d5\u06c7\u06cb\u0674-\u0678]")

# Characters that never split or change a word: joiners, soft hyphen, BOM, bidi controls.
INVISIBLE = (
    "\u200c\u200d"  # zero-width non-joiner and joiner
    "\u00ad"  # soft hyphen
    "\ufeff"  # byte order mark / zero-width no-break space
    "\u2060"  # word joiner
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)

# Arabic diacritics: harakat, tanwin, shadda, sukun, madda and hamza marks, superscript
# alef, Quranic annotation marks. Short vowels are mostly unwritten, so a key with them
# would miss every unvocalised copy of the same word.
ARABIC_MARKS = "".join(
    chr(c)
    for start, end in [
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06DC),
        (0x06DF, 0x06E4),
        (0x06E7, 0x06E8),
        (0x06EA, 0x06ED),
        (0x08D3, 0x08FF),
    ]
    for c in range(start, end + 1)
    if c != 0x08E2  # ARABIC DISPUTED END OF AYAH is a sign, not a mark
)

# The zero of every decimal digit system in Unicode 14 (tests check this list against
# unicodedata); each system's 0-9 fold to ASCII.
DIGIT_ZEROS = (
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6,
    0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
    0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136,
    0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2,
    0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
)  # fmt: skip

# Persian and Arabic letters written with either code point (docs/reference/text.md §2).
PERSIAN_ARABIC_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی Persian yeh
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0626": "\u06cc",  # ئ yeh with hamza -> ی (پائیز / پاییز)
    "\u0620": "\u06cc",  # ؠ Kashmiri yeh
    "\u06d2": "\u06cc",  # ے yeh barree (as Lucene's Persian normaliser)
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک keheh
    "\u06aa": "\u06a9",  # ڪ swash kaf
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above (hamza) -> ه
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06c2": "\u0647",  # ۂ heh goal with hamza
    "\u06d5": "\u0647",  # ە ae (outside Kazakh text)
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u0622": "\u0627",  # آ alef with madda
    "\u0623": "\u0627",  # أ alef with hamza above
    "\u0625": "\u0627",  # إ alef with hamza below
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0672": "\u0627",  # ٲ alef with wavy hamza above
    "\u0673": "\u0627",  # ٳ alef with wavy hamza below
    "\u0624": "\u0648",  # ؤ waw with hamza -> و
    "\u0640": None,  # ـ tatweel
    "\u066b": ".",  # ٫ Arabic decimal separator: ۳٫۵ is 3.5
    "\u066c": None,  # ٬ Arabic thousands separator: ۱٬۲۳۴ is 1234
    "\u060c": ",",  # ، Arabic comma
    "\u061b": ";",  # ؛ Arabic semicolon
    "\u061f": "?",  # ؟ Arabic question mark
    "\u066a": "%",  # ٪ Arabic percent sign
    "\u06d4": ".",  # ۔ Arabic full stop
}

# In Arabic-script Kazakh these letters are different sounds: ي и/й and ى ы, ە е, ھ һ;
# hamza forms mark front vowels (ٵ ә, ٶ ө, ٷ ү, ٸ і) and must not vanish.
KAZAKH_ARABIC_LETTERS = {
    # Kazakh writes и/й as ي: whatever Persian rules fold to ی folds to ي here.
    **{k: v.replace("\u06cc", "\u064a") if v else v for k, v in PERSIAN_ARABIC_LETTERS.items()},
    "\u064a": "\u064a",  # ي stays и/й
    "\u0649": "\u0649",  # ى stays ы
    "\u06cc": "\u064a",  # ی typed on a Persian keyboard is ي
    "\u0626": "\u0649\u0674",  # ئ typed for ٸ (і)
    "\u0624": "\u0648\u0674",  # ؤ typed for ٶ (ө)
    "\u0623": "\u0627\u0674",  # أ typed for ٵ (ә)
    "\u0654": "\u0674",  # a combining hamza above is the high hamza
    "\u06d5": "\u06d5",  # ە stays е
    "\u06be": "\u06be",  # ھ stays һ
}

# Latin and Cyrillic: case is folded by str.casefold; these come first (§4, §6).
LATIN_CYRILLIC = {
    "\u0130": "i",  # İ Turkish/Kazakh capital dotted i -> i (casefold would give i + dot)
    "\u0451": "\u0435",  # ё -> е
    "\u0401": "\u0435",  # Ё -> е
    "\u2019": "'",  # ’ right single quotation mark used as apostrophe
    "\u2018": "'",  # ‘
    "\u02bc": "\u02be",  # ʼ modifier apostrophe (ALA-LC alif/hamza) -> ʾ
    "\u02bb": "\u02bf",  # ʻ turned comma (ALA-LC ayn) -> ʿ
    "\u200b": " ",  # zero-width space is a word break, not a joiner
}


def _mapping(letters: dict[str, str | None]) -> dict[int, str | None]:
    mapping: dict[int, str | None] = {}
    for zero in DIGIT_ZEROS:
        for value in range(10):
            mapping[zero + value] = str(value)
    for character in INVISIBLE + ARABIC_MARKS:
        mapping[ord(character)] = None
    for source, target in {**LATIN_CYRILLIC, **letters}.items():
        mapping[ord(source)] = target
    return mapping


# str.translate looks characters up in a list twice as fast as in a dict, and the case
# folding can ride in the same table (str.casefold is per character, without context): so
# one pass over a Basic Multilingual Plane string does all of fold's mapping. The few
# strings with characters beyond it take the slower dict-and-casefold path.
_BMP = 0x10000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CASEFOLDED = [chr(code).casefold() for code in range(_BMP)]


def _bmp_table(mapping: dict[int, str | None]) -> list[str | None]:
    table: list[str | None] = list(_CASEFOLDED)
    for code, target in mapping.items():
        if code < _BMP:
            table[code] = None if target is None else target.casefold()
    return table


PERSIAN_ARABIC_TABLE = _mapping(PERSIAN_ARABIC_LETTERS)
KAZAKH_ARABIC_TABLE = _mapping(KAZAKH_ARABIC_LETTERS)
# The hamza above stays as a front-vowel mark in Kazakh: not deleted with the other marks.
KAZAKH_ARABIC_TABLE[0x0654] = "\u0674"
_PERSIAN_ARABIC_BMP = _bmp_table(PERSIAN_ARABIC_TABLE)
_KAZAKH_ARABIC_BMP = _bmp_table(KAZAKH_ARABIC_TABLE)


# Letters of an Arabic-script word, for finding the word around a high hamza.
_ARABIC_WORD_LETTERS = frozenset(
    chr(c) for c in [*range(0x0621, 0x064B), *range(0x066E, 0x06D6), *range(0x0674, 0x0679)]
)


def is_kazakh_arabic(text: str, lang: str | None = None) -> bool:
    """Read Arabic-script text as Kazakh: the field is Kazakh, or a letter says so."""
    return lang == "kk" or _KAZAKH_ARABIC.search(text) is not None


def fold(s: str, lang: str | None = None) -> str:
    """The search key of a string: the same key for spellings a reader takes as one word."""
    if s.isascii():
        return s.lower()  # ASCII is its own NFKC form, and no ASCII character is mapped
    folded = _fold_once(s, lang)
    if folded.isascii() or unicodedata.is_normalized("NFKC", folded):
        return folded
    # Removing an invisible character can bring a letter and a combining mark together
    # (e + ZWNJ + acute), and NFKC then composes them: fold again until nothing changes,
    # so that fold(fold(s)) == fold(s) always holds.
    for _ in range(4):
        again = _fold_once(unicodedata.normalize("NFKC", folded), lang)
        if again == folded:
            break
        folded = again
    return folded


def _fold_once(s: str, lang: str | None) -> str:
    if not unicodedata.is_normalized("NFKC", s):
        s = _nfkc(s)
    kazakh = is_kazakh_arabic(s, lang)
    if kazakh and "\u064a\u0674" in s:
        # NFKC writes ٸ (і) as ي + ٴ; Kazakh writes і as ى with the hamza, ي being и.
        s = s.replace("\u064a\u0674", "\u0649\u0674")
    if _ASTRAL.search(s) is None:
        s = s.translate(_KAZAKH_ARABIC_BMP if kazakh else _PERSIAN_ARABIC_BMP)
    else:
        s = s.translate(KAZAKH_ARABIC_TABLE if kazakh else PERSIAN_ARABIC_TABLE).casefold()
    if kazakh and "\u0674" in s:
        s = _hamza_at_word_heads(s)
    return s


def _nfkc(s: str) -> str:
    """NFKC, line by line for long text: only the lines that need it are normalised.

    A line break is a character NFKC never composes across, so this is the same as
    normalising the whole; an OCR page or a long note usually has few lines that need it.
    """
    if len(s) < 4096 or "\n" not in s:
        return unicodedata.normalize("NFKC", s)
    return "\n".join(
        line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
        for line in s.split("\n")
    )


def _hamza_at_word_heads(s: str) -> str:
    """One high hamza at the head of each front-vowel word, whichever letter carried it.

    High hamzas are few, so each is found with str.find and its word walked out to both
    ends; a word already written the modern way (hamza first, only once) is left alone.
    """
    pieces = []
    done = 0
    hamza = s.find("\u0674")
    while hamza != -1:
        start, end = hamza, hamza + 1
        while start > 0 and s[start - 1] in _ARABIC_WORD_LETTERS:
            start -= 1
        while end < len(s) and s[end] in _ARABIC_WORD_LETTERS:
            end += 1
        word = s[start:end]
        if start != hamza or word.count("\u0674") > 1:
            pieces += [s[done:start], "\u0674", word.replace("\u0674", "")]
            done = end
        hamza = s.find("\u0674", end)
    return "".join(pieces) + s[done:] if pieces else s

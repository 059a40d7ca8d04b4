"""normalize(): the conservative display form staff may choose to store.

Pure Python. Unlike fold(), nothing a reader could need is lost: diacritics, tatweel,
digits as written and the original letters of Arabic and Kazakh text all stay. Persian
text gets Persian letters (ی ک), Persian digits for Arabic-Indic ones, and ZWNJ where the
Academy of Persian Language and Literature's orthography wants it: between the verbal
prefix می/نمی and its verb, and before the plural suffix ها, when they were written apart.
The original as written is always kept beside the normalised form.
"""

from __future__ import annotations

import re
import unicodedata

from nuskha.text.folding import is_kazakh_arabic

ZWNJ = "\u200c"
_PERSIAN_LETTERS = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
    | {chr(0x0660 + d): chr(0x06F0 + d) for d in range(10)}
)
_ARABIC_LETTER = "[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]"
# می خوانم -> می‌خوانم ; نمی دانم -> نمی‌دانم (the prefix standing alone before a word: not
# after a letter or a digit, as in 0می, which tokens() reads as one word, not a prefix)
_PREFIX_APART = re.compile(rf"(?<![\w\u200c])(ن?می)[ \u00a0]+(?={_ARABIC_LETTER})")
# کتاب ها -> کتاب‌ها ; نسخهها -> نسخه‌ها (the suffix written apart, or joined after ه)
_SUFFIX_APART = re.compile(rf"(?<={_ARABIC_LETTER})[ \u00a0]+(ها(?:ی|یی)?)(?!{_ARABIC_LETTER})")
_SUFFIX_AFTER_HEH = re.compile(rf"(?<={_ARABIC_LETTER}ه)(ها(?:ی|یی)?)(?!{_ARABIC_LETTER})")
_REPEATED_ZWNJ = re.compile(f"{ZWNJ}{{2,}}")
_ZWNJ_BY_SPACE = re.compile(rf"{ZWNJ}+(?=\s|$)|(?<=\s){ZWNJ}+|^{ZWNJ}+")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# Kazakh typed with look-alike Latin letters: schwa and barred o for ә and ө.
_KAZAKH_LOOKALIKES = str.maketrans({"ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө"})
_CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")


def normalize(s: str, lang: str | None = None) -> str:
    """A display form that loses nothing: see the module docstring for what changes."""
    s = unicodedata.normalize("NFC", s)
    if _is_persian(s, lang):
        s = _normalize_persian(s)
    elif lang == "kk" and not is_kazakh_arabic(s):
        s = _CYRILLIC_WORD.sub(lambda m: m.group().translate(_KAZAKH_LOOKALIKES), s)
    return _SPACES.sub(" ", s).strip()


def _is_persian(s: str, lang: str | None) -> bool:
    if lang not in (None, "fa") or is_kazakh_arabic(s, lang):
        return False
    return lang == "fa" or re.search("[\u067e\u0686\u0698\u06af\u06a9\u06cc]", s) is not None


def _normalize_persian(s: str) -> str:
    s = s.translate(_PERSIAN_LETTERS)
    s = _PREFIX_APART.sub(lambda m: m.group(1) + ZWNJ, s)
    s = _SUFFIX_APART.sub(lambda m: ZWNJ + m.group(1), s)
    s = _SUFFIX_AFTER_HEH.sub(lambda m: ZWNJ + m.group(1), s)
    # A ZWNJ next to a space or at an end joins nothing; two in a row are one.
    return _ZWNJ_BY_SPACE.sub("", _REPEATED_ZWNJ.sub(ZWNJ, s))

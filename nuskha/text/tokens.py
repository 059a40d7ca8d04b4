"""Tokens: the words matches() and the search compare, each with its place in the original.

Pure Python. A token is found in the text as written (so a search can highlight what the
cataloguer wrote, ZWNJ and all), then folded. Persian compounds written apart are joined
(می خوانیم, نسخه ها): the verbal prefix joins its verb and the plural suffix its noun, as
the same word written with ZWNJ or with nothing between the parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nuskha.text.folding import ARABIC_MARKS, INVISIBLE, fold, is_kazakh_arabic
from nuskha.text.scripts import script_of

# Inside a word as written: letters and digits, combining marks, the invisible characters
# fold() removes, tatweel, and an apostrophe between letters (Qur'an, ʿAlī).
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_PART = rf"[^\W_]|[{_MARKS}{re.escape(ARABIC_MARKS)}{INVISIBLE}\u0640\u0674]"
_APOSTROPHE = r"['’ʼ](?=[^\W\d_])"
_NUMBER = r"\d+(?:[.,٫]\d+)+"  # 3.5, ۳٫۵, 1,234: one token, not two
RAW_TOKEN = re.compile(rf"{_NUMBER}|(?:{_WORD_PART})(?:{_WORD_PART}|{_APOSTROPHE})*")
# What fold() can leave inside a raw token that still separates words (NFKC of ﷺ has
# spaces; ½ becomes 1⁄2).
_FOLDED_PART = re.compile(rf"{_NUMBER}|(?:[^\W_]|[{_MARKS}\u0674'ʾʿ])+")

PERSIAN_PREFIXES = frozenset({"می", "نمی"})
PERSIAN_SUFFIXES = frozenset({"ها", "های", "هایی", "تر", "ترین"})


@dataclass(frozen=True, slots=True)
class Token:
    """A folded word and where it stands in the original string (start, end offsets)."""

    key: str
    start: int
    end: int
    script: str


def tokens(s: str, lang: str | None = None) -> list[Token]:
    """The folded words of s, compounds joined, with their offsets in s."""
    kazakh = is_kazakh_arabic(s, lang)
    mode = "kk" if kazakh else lang
    found = [
        Token(part, match.start(), match.end(), script_of(part))
        for match in RAW_TOKEN.finditer(s)
        for part in _FOLDED_PART.findall(fold(match.group(), mode))
    ]
    if kazakh or not found:
        return found
    return _join_persian_compounds(s, found)


def tokenize(s: str, lang: str | None = None) -> list[str]:
    """The folded words of s, as matches() and the search compare them."""
    return [token.key for token in tokens(s, lang)]


def _join_persian_compounds(s: str, found: list[Token]) -> list[Token]:
    joined: list[Token] = []
    for token in found:
        previous = joined[-1] if joined else None
        if previous is not None and _joins(s, previous, token):
            joined[-1] = Token(previous.key + token.key, previous.start, token.end, "Arab")
        else:
            joined.append(token)
    return joined


def _joins(s: str, left: Token, right: Token) -> bool:
    """Two Persian words written apart that are one word: می + verb, noun + ها."""
    if left.script != "Arab" or right.script != "Arab":
        return False
    if not (left.key in PERSIAN_PREFIXES or right.key in PERSIAN_SUFFIXES):
        return False
    if left.key in PERSIAN_SUFFIXES and right.key in PERSIAN_SUFFIXES:
        return False
    return s[left.end : right.start].isspace()

"""What "a search for query finds text" means: the reference the search backends agree with.

Pure Python. Every word of the query must appear in the text as a whole word (AND); a
quoted part must appear as a phrase, its words adjacent and in order. Words are compared
on their folded keys; a query typed wholly in plain ASCII on the diacritic-free keys;
Kazakh words across scripts on the 2021 Latin key. Never a substring of a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nuskha.text.folding import is_kazakh_arabic
from nuskha.text.keys import ascii_key, cross_script_key
from nuskha.text.tokens import Token, tokens

# "…", “…”, «…», „…“: a phrase in any of the quotation marks our readers type.
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|«([^»]*)»|„([^“”]*)[“”]')


@dataclass(frozen=True)
class Word:
    """A word with the keys it may be compared on."""

    key: str
    plain: str
    cross: str | None
    script: str


def parse_query(query: str) -> tuple[list[str], str]:
    """The query's quoted phrases, and the rest of it (its loose words)."""
    phrases = [
        next(g for g in match.groups() if g is not None) for match in _PHRASE.finditer(query)
    ]
    loose = _PHRASE.sub(" ", query).replace('"', " ")
    return phrases, loose


def matches(query: str, text: str, lang: str | None = None) -> bool:
    """Does a search for `query` find `text` (a field in language `lang`)?"""
    kazakh = is_kazakh_arabic(text, lang) or is_kazakh_arabic(query)
    mode = "kk" if kazakh else lang
    plain_query = query.isascii()
    text_words = [word_of(token, kazakh) for token in tokens(text, mode)]
    terms = _query_terms(query, mode, kazakh)
    if not terms:
        return False
    return all(_term_found(term, text_words, plain_query) for term in terms)


def _query_terms(query: str, mode: str | None, kazakh: bool) -> list[list[Word]]:
    phrases, loose = parse_query(query)
    # Loose words are tokenised together, so "می خوانیم" is the one word it is in a text.
    terms = [[word_of(token, kazakh)] for token in tokens(loose, mode)]
    for phrase in phrases:
        words = [word_of(token, kazakh) for token in tokens(phrase, mode)]
        if words:
            terms.append(words)
    return terms


def word_of(token: Token, kazakh: bool) -> Word:
    """A token with the keys it may be compared on."""
    return Word(
        token.key,
        ascii_key(token.key),
        cross_script_key(token.key, token.script, kazakh),
        token.script,
    )


def _term_found(term: Sequence[Word], text: Sequence[Word], plain: bool) -> bool:
    last_start = len(text) - len(term)
    return any(
        all(same_word(q, text[start + i], plain) for i, q in enumerate(term))
        for start in range(last_start + 1)
    )


def same_word(query: Word, text: Word, plain: bool) -> bool:
    """Is this text word the query word, by the rules of matches()?"""
    if query.key == text.key or (plain and query.plain == text.plain):
        return True
    if query.script == text.script or query.cross is None or text.cross is None:
        return False  # within one script, letters the Latin alphabet writes alike stay apart
    if query.cross == text.cross:
        return True
    return plain and ascii_key(query.cross) == ascii_key(text.cross)

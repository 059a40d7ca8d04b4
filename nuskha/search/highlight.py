"""Highlighting in the text as the cataloguer wrote it, not in its folded form.

Tokens keep their offsets in the original (nuskha.text.tokens), so the words a query
found are marked where they stand, Arabic-letter spelling, ZWNJ and all.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nuskha.search.query import ParsedQuery
from nuskha.text import tokens
from nuskha.text.folding import is_kazakh_arabic
from nuskha.text.matching import Word, same_word, word_of


def highlight(text: str, query: ParsedQuery | None, lang: str | None = None) -> SafeString:
    """The text, HTML-escaped, with every word the query looks for in <mark>."""
    if query is None:
        return mark_safe(escape(text))  # noqa: S308 (escaped just here)
    kazakh = is_kazakh_arabic(text, lang) or query.kazakh
    wanted = [
        (Word(w.key, w.plain, w.cross, w.script), term.prefix and i == len(term.words) - 1)
        for terms in query.readings
        for term in terms
        for i, w in enumerate(term.words)
    ]
    pieces, done = [], 0
    for token in tokens(text, "kk" if kazakh else lang):
        word = word_of(token, kazakh)
        if any(_found(q, word, prefix, query.plain) for q, prefix in wanted):
            pieces += [
                escape(text[done : token.start]),
                "<mark>",
                escape(text[token.start : token.end]),
                "</mark>",
            ]
            done = token.end
    pieces.append(escape(text[done:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece is escaped)


def _found(query: Word, word: Word, prefix: bool, plain: bool) -> bool:
    if prefix:
        return word.key.startswith(query.key) or (plain and word.plain.startswith(query.plain))
    return same_word(query, word, plain)

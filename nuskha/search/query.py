"""A reader's query, parsed: words (AND), "phrases", prefixes (word*) and fields (title:).

Pure Python. Words are tokenised and keyed by nuskha.text exactly as matches() does, so
the backends compare the same keys: the folded key, the plain-ASCII key when the whole
query is plain ASCII, and the Kazakh cross-script key across scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nuskha.text import ascii_key, cross_script_key, tokens
from nuskha.text.folding import is_kazakh_arabic

# field name a reader types -> index field group
FIELDS = {
    "title": "title",
    "author": "author",
    "agent": "agent",
    "work": "work",
    "shelfmark": "shelfmark",
    "incipit": "incipit",
    "explicit": "explicit",
    "colophon": "colophon",
    "subject": "subject",
    "note": "note",
    "text": "text",  # the pages' recognised text
}
_OPEN_CLOSE = {'"': '"', "“": "”", "«": "»", "„": "“"}
_PART = re.compile(
    r"(?:(?P<field>[a-z]+):)?"
    r'(?:(?P<open>["“«„])(?P<phrase>[^"”»“]*)["”»“]?|(?P<word>[^\s"“”«»„]+))'
)


class EmptyQuery(ValueError):
    """The query has nothing to look for (empty, or punctuation only)."""


@dataclass(frozen=True)
class QueryWord:
    key: str
    plain: str
    cross: str | None
    script: str


@dataclass(frozen=True)
class Term:
    """One thing every hit must contain: a word, a phrase, or a prefix, maybe in one field."""

    words: tuple[QueryWord, ...]
    field: str | None = None
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    """Every term must be found. An Arabic-script query that does not show itself to be
    Kazakh has a second reading, `kazakh_terms`: in a Kazakh field matches() reads the
    query as Kazakh, so the search finds what either reading finds."""

    text: str
    terms: tuple[Term, ...]
    plain: bool  # typed wholly in plain ASCII: compare diacritic-free keys too
    kazakh: bool
    kazakh_terms: tuple[Term, ...] = ()

    @property
    def readings(self) -> tuple[tuple[Term, ...], ...]:
        return (self.terms, self.kazakh_terms) if self.kazakh_terms else (self.terms,)


def parse_search_query(text: str, lang: str | None = None) -> ParsedQuery:
    """Parse a query; raise EmptyQuery if it has nothing to look for."""
    kazakh = lang == "kk" or is_kazakh_arabic(text)
    terms = _terms(text, "kk" if kazakh else lang, kazakh)
    if not terms:
        raise EmptyQuery(text)
    second = ()
    if not kazakh and _ARABIC_LETTER.search(text):
        second = tuple(_terms(text, "kk", True))
    return ParsedQuery(text, tuple(terms), text.isascii(), kazakh, second)


_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d5]")


def _terms(text: str, mode: str | None, kazakh: bool) -> list[Term]:
    terms: list[Term] = []
    loose: list[str] = []
    for match in _PART.finditer(text):
        field = FIELDS.get(match.group("field") or "")
        if match.group("field") and field is None:  # "abc:" is not a field: a word
            loose.append(match.group(0))
            continue
        if match.group("phrase") is not None:
            words = _words(match.group("phrase"), mode, kazakh)
            if words:
                terms.append(Term(words, field))
        elif match.group("word").endswith("*") or field:
            terms.extend(_word_terms(match.group("word"), field, mode, kazakh))
        else:
            loose.append(match.group("word"))
    # Loose words are tokenised together, as in matches(): "می خوانیم" is one word.
    terms[:0] = [Term((word,)) for word in _words(" ".join(loose), mode, kazakh)]
    return terms


def _word_terms(word: str, field: str | None, mode: str | None, kazakh: bool) -> list[Term]:
    prefix = word.endswith("*")
    words = _words(word.rstrip("*"), mode, kazakh)
    return [
        Term((w,), field, prefix=prefix and index == len(words) - 1)
        for index, w in enumerate(words)
    ]


def _words(text: str, mode: str | None, kazakh: bool) -> tuple[QueryWord, ...]:
    return tuple(
        QueryWord(t.key, ascii_key(t.key), cross_script_key(t.key, t.script, kazakh), t.script)
        for t in tokens(text, mode)
    )

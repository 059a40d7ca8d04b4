"""Query expressions for the backends: FTS5 MATCH strings and PostgreSQL tsquery strings.

Pure Python. A parsed query (query.py) becomes, term by term, an OR of alternatives (the
folded key; the plain key for plain-ASCII queries; the Kazakh cross-script key towards
each other script) and the terms are ANDed: the same rules as nuskha.text.matches().
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nuskha.search.documents import FILTERS, GROUPS
from nuskha.search.query import ParsedQuery, QueryWord, Term

_TARGET_TAGS = {"Latn": "", "Cyrl": "c:", "Arab": "a:"}
# Filter tokens every hit must carry: each inner sequence lists alternatives (a facet's
# chosen values, ORed); the sequences are ANDed.
Required = Sequence[Sequence[str]]
ALL_TOKEN = "all"  # every item carries it: the match when there is nothing else to match


@dataclass(frozen=True)
class Alternative:
    """Look for these words (a phrase if several) in these variant columns."""

    variants: tuple[str, ...]
    words: tuple[str, ...]
    prefix: bool


def alternatives(term: Term, plain: bool) -> list[Alternative]:
    words = term.words
    found = [Alternative(("",), tuple(w.key for w in words), term.prefix)]
    if plain:
        found.append(Alternative(("", "_plain"), tuple(w.plain for w in words), term.prefix))
    for target, tag in _TARGET_TAGS.items():
        if all(w.cross and w.script != target for w in words):
            found.extend(_cross_alternatives(words, target, tag, plain, term.prefix))
    return found


def _cross_alternatives(
    words: tuple[QueryWord, ...], target: str, tag: str, plain: bool, prefix: bool
) -> list[Alternative]:
    crosses = [w.cross or "" for w in words]
    if target == "Latn":  # a Latin word's cross-script key is its folded key
        return [Alternative(("",), tuple(crosses), prefix)]
    found = [Alternative(("_cross",), tuple(tag + c for c in crosses), prefix)]
    if plain:
        from nuskha.text import ascii_key

        plain_words = tuple(tag + ascii_key(c) for c in crosses)
        found.append(Alternative(("_cross", "_crossplain"), plain_words, prefix))
    return found


def filter_test(required: Required, excluded: Sequence[str]) -> Callable[[str], bool]:
    """A test of an item's filter tokens (space-separated) that passes what the filter part
    of fts5_match() and tsquery_match() passes: a token of each required group, none of
    the excluded. Built once per search, run on each of its matches."""
    wanted = [[f" {token} " for token in group] for group in required]
    unwanted = [f" {token} " for token in excluded]

    def passes(tokens: str) -> bool:
        padded = f" {tokens} "
        return all(any(t in padded for t in group) for group in wanted) and not any(
            t in padded for t in unwanted
        )

    return passes


def term_groups(term: Term) -> tuple[str, ...]:
    return (term.field,) if term.field else GROUPS


# SQLite FTS5 --------------------------------------------------------------------------


def fts5_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression for a parsed query: any reading, all its terms."""
    readings = [
        "(" + " AND ".join(_fts5_term(term, query.plain) for term in terms) + ")"
        for terms in query.readings
    ]
    return " OR ".join(readings)


def fts5_match(query: ParsedQuery | None, required: Required, excluded: Sequence[str] = ()) -> str:
    """The query's expression ANDed with the required filter tokens, without the excluded."""
    parts = [f"({fts5_expression(query)})"] if query is not None else []
    for alternatives_ in required:
        tokens = " OR ".join(f'{{{FILTERS}}}: "{_fts5_quote(t)}"' for t in alternatives_)
        parts.append(f"({tokens})")
    expression = " AND ".join(parts) or f'{{{FILTERS}}}: "{ALL_TOKEN}"'
    for token in excluded:
        expression = f'({expression}) NOT {{{FILTERS}}}: "{_fts5_quote(token)}"'
    return expression


def _fts5_quote(text: str) -> str:
    return text.replace('"', '""')


def _fts5_term(term: Term, plain: bool) -> str:
    groups = term_groups(term)
    parts = []
    for alternative in alternatives(term, plain):
        columns = " ".join(g + v for g in groups for v in alternative.variants)
        phrase = " ".join(alternative.words).replace('"', '""')
        parts.append(f'{{{columns}}}: "{phrase}"' + (" *" if alternative.prefix else ""))
    return "(" + " OR ".join(parts) + ")"


# PostgreSQL tsquery -------------------------------------------------------------------


def pg_lexeme(column: str, word: str) -> str:
    """The lexeme a word of a column is stored as: the column name marks the field."""
    return f"{column}|{word}"


def tsquery_expression(query: ParsedQuery) -> str:
    """The tsquery (input syntax, quoted lexemes) for a parsed query."""
    readings = [
        "(" + " & ".join(_tsquery_term(term, query.plain) for term in terms) + ")"
        for terms in query.readings
    ]
    return " | ".join(readings)


def tsquery_match(
    query: ParsedQuery | None, required: Required, excluded: Sequence[str] = ()
) -> str:
    """The query's tsquery ANDed with the required filter tokens, without the excluded."""
    parts = [f"({tsquery_expression(query)})"] if query is not None else []
    for alternatives_ in required:
        parts.append("(" + " | ".join(_quote(pg_lexeme(FILTERS, t)) for t in alternatives_) + ")")
    parts = parts or [_quote(pg_lexeme(FILTERS, ALL_TOKEN))]
    parts += [f"!{_quote(pg_lexeme(FILTERS, token))}" for token in excluded]
    return " & ".join(parts)


def ranking_tsquery(query: ParsedQuery) -> str:
    """The query's words for ts_rank over the ranking vector, whose lexemes are words
    without their column: each alternative once, where tsquery_expression() names it in
    every column (thirty lexemes for one Kazakh name, three here)."""
    readings = [
        "(" + " & ".join(_ranking_term(term, query.plain) for term in terms) + ")"
        for terms in query.readings
    ]
    return " | ".join(readings)


def _ranking_term(term: Term, plain: bool) -> str:
    parts = []
    for alternative in alternatives(term, plain):
        lexemes = [_quote(word) for word in alternative.words]
        if alternative.prefix:
            lexemes[-1] += ":*"
        parts.append("(" + " <-> ".join(lexemes) + ")")
    return "(" + " | ".join(dict.fromkeys(parts)) + ")"


def _tsquery_term(term: Term, plain: bool) -> str:
    parts = []
    for alternative in alternatives(term, plain):
        for group in term_groups(term):
            for variant in alternative.variants:
                column = group + variant
                lexemes = [_quote(pg_lexeme(column, w)) for w in alternative.words]
                if alternative.prefix:
                    lexemes[-1] += ":*"
                parts.append("(" + " <-> ".join(lexemes) + ")")
    return "(" + " | ".join(parts) + ")"


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"

"""PostgreSQL full text: one tsvector per item, built by nuskha rather than a text parser.

Each word is stored as the lexeme "column|word" at its position in that column, so one
GIN-indexed tsvector answers field-restricted queries, phrases (<->) and prefixes (:*)
over words nuskha.text has already folded. Weights rank titles and names above notes.

Ranking reads a second, unindexed vector of the same words without their column (each
column group has its own range of positions, so phrases still rank by proximity): a
query names a word in every column to match it, thirty lexemes for a Kazakh name in
three scripts, and ts_rank pays for each lexeme on each row it ranks; here it names it
once per script. The public's visibility is tested on the row (the filters column) rather
than in the GIN match, where a NOT reads the whole posting list of hidden items.
See docs/performance.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from nuskha.search.documents import COLUMNS, FILTERS, GROUPS, NO_CROSS_KEY, Document
from nuskha.search.expressions import (
    Required,
    pg_lexeme,
    ranking_tsquery,
    tsquery_match,
)
from nuskha.search.query import ParsedQuery

TABLE = "search_pg"
_GROUP_WEIGHT_LETTER = {
    "title": "A", "author": "A", "work": "A", "shelfmark": "A",
    "agent": "B", "subject": "B",
    "incipit": "C", "explicit": "C", "colophon": "C",
    "note": "D", "text": "D", "filters": "D",
}  # fmt: skip
_RANK_WEIGHTS = "'{0.1, 0.3, 0.6, 1.0}'"  # D, C, B, A
_MAX_POSITION = 16383  # PostgreSQL keeps positions up to this
# In the ranking vector each column group has its own range of positions.
_GROUP_SPAN = (_MAX_POSITION + 1) // len(GROUPS)
_GROUP_OFFSET = {group: index * _GROUP_SPAN for index, group in enumerate(GROUPS)}


class PostgresBackend:
    counts_with_page = True

    def create_sql(self) -> list[str]:
        return [
            # No foreign key: Django's flush (tests) truncates the catalogue without knowing
            # this table; deleting an item removes its row through the search signals.
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " item_id bigint PRIMARY KEY,"
            " document tsvector NOT NULL)",
            # The filter tokens as text too: the public's visibility is tested on the row.
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS filters text NOT NULL DEFAULT ''",
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS ranking tsvector NOT NULL DEFAULT ''",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_document ON {TABLE} USING gin (document)",
        ]

    def write(self, cursor: Any, document: Document) -> None:
        cursor.execute(
            f"INSERT INTO {TABLE} (item_id, document, filters, ranking) "
            "VALUES (%s, %s::tsvector, %s, %s::tsvector) "
            "ON CONFLICT (item_id) DO UPDATE SET document = EXCLUDED.document, "
            "filters = EXCLUDED.filters, ranking = EXCLUDED.ranking",
            [
                document.item_id,
                tsvector_literal(document),
                document.columns.get(FILTERS, ""),
                ranking_literal(document),
            ],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"TRUNCATE {TABLE}")

    def delete(self, cursor: Any, item_ids: list[int]) -> None:
        if item_ids:
            cursor.execute(f"DELETE FROM {TABLE} WHERE item_id = ANY(%s)", [item_ids])

    def matching_ids_sql(
        self, query: ParsedQuery | None, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        where, params = _where(query, required, excluded)
        return f"SELECT item_id FROM {TABLE} WHERE {where}", params

    def few_ranked(
        self, cursor: Any, query: ParsedQuery, at_most: int
    ) -> list[tuple[int, float, str]] | None:
        # No probe: the GIN index answers a rare word with its filters directly (fast scan
        # skips through the filter tokens' posting lists by the rare word's), and a probe
        # would evaluate the words in the index twice for every query that finds many.
        return None

    def counted_page(
        self,
        cursor: Any,
        query: ParsedQuery,
        required: Required,
        excluded: Sequence[str],
        limit: int,
        offset: int,
    ) -> tuple[int, list[tuple[int, float]]]:
        # The matches are read once, ranked and kept; the count and the page are taken
        # from what was kept (MATERIALIZED: PostgreSQL would otherwise inline the CTE into
        # each use and read the matches twice).
        ranked_sql, params = self.ranked_sql(query, required, excluded)
        cursor.execute(
            f"WITH m AS MATERIALIZED ({ranked_sql}) "
            "SELECT (SELECT count(*) FROM m), r.item_id, r.score FROM m r "
            "ORDER BY r.score, r.item_id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        rows = cursor.fetchall()
        if rows:
            return int(rows[0][0]), [(item_id, float(score)) for _, item_id, score in rows]
        cursor.execute(f"SELECT count(*) FROM ({ranked_sql}) m", params)  # past the end
        return int(cursor.fetchone()[0]), []

    def ranked_sql(
        self, query: ParsedQuery, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        # Ranked by the words alone, over the ranking vector (see the module docstring).
        where, params = _where(query, required, excluded)
        return (
            f"SELECT item_id, -ts_rank({_RANK_WEIGHTS}, ranking, %s::tsquery) AS score "
            f"FROM {TABLE} WHERE {where}",
            [ranking_tsquery(query), *params],
        )


def _where(
    query: ParsedQuery | None, required: Required, excluded: Sequence[str]
) -> tuple[str, list[Any]]:
    """The GIN match (words and required filter tokens) and, on the row, the excluded
    tokens: a NOT inside the match would read each excluded token's whole posting list."""
    clauses = ["document @@ %s::tsquery"]
    params: list[Any] = [tsquery_match(query, required)]
    for token in excluded:
        clauses.append("position(%s in ' ' || filters || ' ') = 0")
        params.append(f" {token} ")
    return " AND ".join(clauses), params


def tsvector_literal(document: Document) -> str:
    """The document in tsvector input syntax: 'lexeme':positions with weights."""
    positions: dict[str, list[str]] = defaultdict(list)
    for column in COLUMNS:
        weight = _GROUP_WEIGHT_LETTER[column.split("_")[0]]
        for position, word in enumerate(document.columns.get(column, "").split(), start=1):
            if word != NO_CROSS_KEY and position <= _MAX_POSITION:
                positions[pg_lexeme(column, word)].append(f"{position}{weight}")
    return " ".join(f"{_quote(lexeme)}:{','.join(p)}" for lexeme, p in positions.items())


def ranking_literal(document: Document) -> str:
    """The ranking vector: each word once, without its column, at its position offset by
    its column group's range, weighted by the group."""
    positions: dict[str, set[str]] = defaultdict(set)
    for column in COLUMNS:
        if column == FILTERS:
            continue
        group = column.split("_")[0]
        offset, weight = _GROUP_OFFSET[group], _GROUP_WEIGHT_LETTER[group]
        for position, word in enumerate(document.columns.get(column, "").split(), start=1):
            if word != NO_CROSS_KEY:
                positions[word].add(f"{offset + min(position, _GROUP_SPAN - 1)}{weight}")
    return " ".join(
        f"{_quote(word)}:{','.join(sorted(p, key=lambda x: int(x[:-1])))}"
        for word, p in positions.items()
    )


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"

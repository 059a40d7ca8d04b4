"""SQLite FTS5: the embedded backend. One virtual table, the item id as its rowid.

The words are tokenised by nuskha.text before they reach FTS5, so FTS5's tokenizer only
splits at spaces: every letter, mark, digit, punctuation and symbol category is a token
character (categories option), and diacritics are kept (remove_diacritics 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nuskha.search.documents import COLUMNS, FILTERS, GROUP_WEIGHTS, Document
from nuskha.search.expressions import Required, fts5_match
from nuskha.search.query import ParsedQuery

TABLE = "search_fts"
# Each item's filter tokens again, in a narrow rowid table: checking a few hundred
# matches' tokens here costs one B-tree lookup each, where FTS5 would read the item's
# whole content row (few_ranked).
FILTERS_TABLE = "search_fts_filters"
_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
# bm25 weights, one per column in COLUMNS order: a field's variants weigh the same.
_WEIGHTS = ", ".join(str(GROUP_WEIGHTS.get(c.split("_")[0], 0.0)) for c in COLUMNS)


class SQLiteBackend:
    # FTS5 counts a MATCH from its doclists without reading rows or ranking: a separate
    # count is cheaper than keeping every ranked match.
    counts_with_page = False

    def create_sql(self) -> list[str]:
        columns = ", ".join(COLUMNS)
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            f"{columns}, tokenize=\"{_TOKENIZER}\", prefix='2 3')",
            f"CREATE TABLE IF NOT EXISTS {FILTERS_TABLE} ("
            "item_id INTEGER PRIMARY KEY, tokens TEXT NOT NULL)",
        ]

    def write(self, cursor: Any, document: Document) -> None:
        self.delete(cursor, [document.item_id])
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({placeholders})",
            [document.item_id, *(document.columns.get(c, "") for c in COLUMNS)],
        )
        cursor.execute(
            f"INSERT INTO {FILTERS_TABLE} (item_id, tokens) VALUES (%s, %s)",
            [document.item_id, document.columns.get(FILTERS, "")],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"DELETE FROM {FILTERS_TABLE}")

    def delete(self, cursor: Any, item_ids: list[int]) -> None:
        if item_ids:
            marks = ", ".join(["%s"] * len(item_ids))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", item_ids)
            cursor.execute(f"DELETE FROM {FILTERS_TABLE} WHERE item_id IN ({marks})", item_ids)

    def matching_ids_sql(
        self, query: ParsedQuery | None, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [
            fts5_match(query, required, excluded)
        ]

    def few_ranked(
        self, cursor: Any, query: ParsedQuery, at_most: int
    ) -> list[tuple[int, float, str]] | None:
        # One pass: past at_most rows it stops, having ranked no more than those.
        # The filter column weighs 0, so these scores are ranked_sql()'s with or without
        # the filter tokens in the match.
        cursor.execute(
            f"SELECT {TABLE}.rowid, bm25({TABLE}, {_WEIGHTS}), f.tokens FROM {TABLE} "
            f"JOIN {FILTERS_TABLE} f ON f.item_id = {TABLE}.rowid WHERE {TABLE} MATCH %s "
            "LIMIT %s",
            [fts5_match(query, ()), at_most + 1],
        )
        found = cursor.fetchall()
        return None if len(found) > at_most else found

    def counted_page(
        self,
        cursor: Any,
        query: ParsedQuery,
        required: Required,
        excluded: Sequence[str],
        limit: int,
        offset: int,
    ) -> tuple[int, list[tuple[int, float]]]:
        raise NotImplementedError("SQLite counts and pages apart (counts_with_page)")

    def ranked_sql(
        self, query: ParsedQuery, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid AS item_id, bm25({TABLE}, {_WEIGHTS}) AS score "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s",
            [fts5_match(query, required, excluded)],
        )

"""SQLite FTS5: the embedded backend. One virtual table, the item id as its rowid.

The words are tokenised by nuskha.text before they reach FTS5, so FTS5's tokenizer only
splits at spaces: every letter, mark, digit, punctuation and symbol category is a token
character (categories option), and diacritics are kept (remove_diacritics 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nuskha.search.documents import COLUMNS, GROUP_WEIGHTS, Document
from nuskha.search.expressions import Required, fts5_match
from nuskha.search.query import ParsedQuery

TABLE = "search_fts"
_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
# bm25 weights, one per column in COLUMNS order: a field's variants weigh the same.
_WEIGHTS = ", ".join(str(GROUP_WEIGHTS.get(c.split("_")[0], 0.0)) for c in COLUMNS)


class SQLiteBackend:
    def create_sql(self) -> list[str]:
        columns = ", ".join(COLUMNS)
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            f"{columns}, tokenize=\"{_TOKENIZER}\", prefix='2 3')"
        ]

    def write(self, cursor: Any, document: Document) -> None:
        self.delete(cursor, [document.item_id])
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({placeholders})",
            [document.item_id, *(document.columns.get(c, "") for c in COLUMNS)],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"DELETE FROM {TABLE}")

    def delete(self, cursor: Any, item_ids: list[int]) -> None:
        if item_ids:
            marks = ", ".join(["%s"] * len(item_ids))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", item_ids)

    def matching_ids_sql(
        self, query: ParsedQuery | None, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [
            fts5_match(query, required, excluded)
        ]

    def ranked_sql(
        self, query: ParsedQuery, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid AS item_id, bm25({TABLE}, {_WEIGHTS}) AS score "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s",
            [fts5_match(query, required, excluded)],
        )

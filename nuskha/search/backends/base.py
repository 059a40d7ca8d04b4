"""What a full-text backend does for the search service."""

from __future__ import annotations

from typing import Any, Protocol

from nuskha.search.documents import Document
from nuskha.search.query import ParsedQuery


class Backend(Protocol):
    def create_sql(self) -> list[str]:
        """Statements that create the backend's table and indexes."""

    def write(self, cursor: Any, document: Document) -> None:
        """Replace the item's entry by this document."""

    def delete(self, cursor: Any, item_ids: list[int]) -> None:
        """Remove the items' entries."""

    def matching_ids_sql(self, query: ParsedQuery) -> tuple[str, list[Any]]:
        """SQL selecting the ids of the items the query finds (one column)."""

    def ranked_sql(self, query: ParsedQuery) -> tuple[str, list[Any]]:
        """SQL selecting (item id, score) for the items the query finds; lower is better."""
